package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of Winograd F(4x4, 3x3) (Lavin and Gray, 2015; interpolation points 0, +-1,
 * +-2 and infinity): a 4x4 block of a 3x3 correlation's outputs from a 6x6 patch d with 36
 * multiply-adds per channel pair instead of 144,
 * {@code Y = A^T [(G g G^T) (.) (B^T d B)] A}, and by the transposed map the kernel gradient
 * {@code dg = G^T [(A dy A^T) (.) (B^T d B)] G}, whose input transform is the forward one.
 *
 * <p>The transforms scale values by up to 8 and 1/24, so results differ from the direct sum by
 * about ten times more rounding than F(2x2, 3x3) (relative 5e-6 against 3e-7 in float): this is
 * why {@link VectorConv} takes it for gradients, which training tolerates, and keeps the forward
 * pass on F(2x2, 3x3). Position xi = 6 * row + column of the 6x6 transform domain; a block's
 * arrays hold {@code [xi][tile][channel]} with the position stride given. Each 1-D pass runs on
 * a column then a row of the patch, in place in the destination, so no more than a column of
 * vectors is live (a vector passed to a helper or kept in an array is boxed).
 */
final class Winograd4 {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Outputs per tile side. */
    static final int M = 4;
    /** Transform positions per tile: 6x6. */
    static final int POSITIONS = 36;

    private Winograd4() {}

    /** Rows (or columns) of source the tiles over {@code out} outputs read: whole tiles plus the kernel's 2. */
    static int sourceRows(int out) {
        return M * ((out + M - 1) / M) + 2;
    }

    /**
     * Whether a stride-1 gradient correlation runs as F(4x4, 3x3): {@link WinogradConv}'s shape
     * conditions with output channels in whole vectors (one vector of them pays here: W6's
     * 16-channel input gradient 1.0 -> 0.7 ms), on an output large enough that it beats F(2x2).
     */
    static boolean applies(int kh, int kw, int dh, int dw, int c, int cout, int ho, int wo) {
        return WinogradConv.shapeApplies(kh, kw, 1, 1, dh, dw, c, ho, wo) && cout % L == 0 && beatsF2(ho, wo);
    }

    /**
     * Whether F(4x4, 3x3) computes fewer products than F(2x2, 3x3) by enough to pay for its
     * larger transforms on an {@code h x w} output (partial tiles compute padding).
     */
    static boolean beatsF2(int h, int w) {
        long f4 = 36L * ((h + 3) / 4) * ((w + 3) / 4);
        long f2 = 16L * ((h + 1) / 2) * ((w + 1) / 2);
        return f4 * 4 <= f2 * 3;
    }

    /**
     * The kernel transformed for {@link WinogradConv#convolve} with tile 4:
     * {@code u[xi][a][b] = (G g_ab G^T)[xi]}, with {@code g_ab} as in
     * {@link WinogradConv#transformKernel} (flipped: the input gradient's kernel).
     */
    static float[] transformKernel(float[] u, float[] k, int kOff, int c, int cout, boolean flipped) {
        float[] g = new float[9];
        float[] gg = new float[18];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < cout; b++) {
                WinogradConv.taps(k, kOff, c, cout, a, b, flipped, g);
                // G g (6x3), column by column, then (G g) G^T row by row.
                for (int j = 0; j < 3; j++) {
                    kernelColumn(g[j], g[3 + j], g[6 + j], gg, j, 3);
                }
                for (int x = 0; x < 6; x++) {
                    kernelColumn(gg[x * 3], gg[x * 3 + 1], gg[x * 3 + 2], u, (x * 6 * c + a) * cout + b, c * cout);
                }
            }
        }
        return u;
    }

    /** The six values G (g0, g1, g2)^T into {@code o[at + i * step]}. */
    private static void kernelColumn(float g0, float g1, float g2, float[] o, int at, int step) {
        float even = g0 + g2;
        o[at] = 0.25f * g0;
        o[at + step] = -(even + g1) / 6f;
        o[at + 2 * step] = -(even - g1) / 6f;
        float e2 = g0 / 24f + g2 / 6f;
        o[at + 3 * step] = e2 + g1 / 12f;
        o[at + 4 * step] = e2 - g1 / 12f;
        o[at + 5 * step] = g2;
    }

    /**
     * dk[i, j, a, b] (Keras layout, from dkOff) = (G^T M_ab G)[i][j] for the position sums
     * {@code mm[xi][a][b]} of the kernel gradient.
     */
    static void kernelFromPositions(float[] mm, int mOff, int c, int cout, float[] dk, int dkOff) {
        float[] col = new float[18];
        int step = c * cout;
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < cout; b++) {
                int at = mOff + a * cout + b;
                for (int x = 0; x < 6; x++) {
                    int r = at + 6 * x * step;
                    gradientColumn(mm[r], mm[r + step], mm[r + 2 * step], mm[r + 3 * step], mm[r + 4 * step],
                            mm[r + 5 * step], col, x, 6);
                }
                for (int j = 0; j < 3; j++) {
                    int r = j * 6;
                    gradientColumn(col[r], col[r + 1], col[r + 2], col[r + 3], col[r + 4], col[r + 5], dk,
                            dkOff + (j * c + a) * cout + b, 3 * step);
                }
            }
        }
    }

    /** The three values G^T (m0..m5)^T into {@code o[at + i * step]}. */
    private static void gradientColumn(float m0, float m1, float m2, float m3, float m4, float m5, float[] o, int at,
                                       int step) {
        float s12 = m1 + m2, d12 = m1 - m2, s34 = m3 + m4, d34 = m3 - m4;
        o[at] = 0.25f * m0 - s12 / 6f + s34 / 24f;
        o[at + step] = -d12 / 6f + d34 / 12f;
        o[at + 2 * step] = -s12 / 6f + s34 / 6f + m5;
    }

    /** v[xi] (from vo; xi strides vs) = B^T d B of the 6x6 patch at x[xo] (row stride rs), per channel. */
    static void inputTile(float[] x, int xo, int rs, int c, float[] v, int vo, int vs) {
        for (int cv = 0; cv < c; cv += L) {
            // B^T d on each column s into v[6r + s], then the same on each row r in place.
            for (int s = 0; s < 6; s++) {
                inputLine(x, xo + cv + s * c, rs, v, vo + cv + s * vs, 6 * vs);
            }
            for (int r = 0; r < 6; r++) {
                int o = vo + cv + 6 * r * vs;
                inputLine(v, o, vs, v, o, vs);
            }
        }
    }

    /** The six vectors B^T (a[p + i * step])_i into v[o + i * vStep] (in place allowed: all are read first). */
    private static void inputLine(float[] a, int p, int step, float[] v, int o, int vStep) {
        FloatVector d0 = FloatVector.fromArray(S, a, p), d1 = FloatVector.fromArray(S, a, p + step);
        FloatVector d2 = FloatVector.fromArray(S, a, p + 2 * step), d3 = FloatVector.fromArray(S, a, p + 3 * step);
        FloatVector d4 = FloatVector.fromArray(S, a, p + 4 * step), d5 = FloatVector.fromArray(S, a, p + 5 * step);
        FloatVector four = FloatVector.broadcast(S, 4f);
        FloatVector t1 = d2.neg().fma(four, d4), t2 = d1.neg().fma(four, d3);
        FloatVector t3 = d4.sub(d2), t4 = d3.sub(d1).mul(2f);
        d0.fma(four, d4).sub(d2.mul(5f)).intoArray(v, o);
        t1.add(t2).intoArray(v, o + vStep);
        t1.sub(t2).intoArray(v, o + 2 * vStep);
        t3.add(t4).intoArray(v, o + 3 * vStep);
        t3.sub(t4).intoArray(v, o + 4 * vStep);
        d1.fma(four, d5).sub(d3.mul(5f)).intoArray(v, o + 5 * vStep);
    }

    /**
     * The {@code rows x cols} (at most 4x4) outputs at y[yo] (row stride rs) = A^T m A + bias,
     * relu if asked, of the tile's products at m[mo] (xi strides ms); m's positions are
     * overwritten on the way.
     */
    static void outputTile(float[] m, int mo, int ms, int cout, float[] bp, boolean relu, float[] y, int yo, int rs,
                           int rows, int cols) {
        FloatVector two = FloatVector.broadcast(S, 2f), four = FloatVector.broadcast(S, 4f), eight = FloatVector.broadcast(S, 8f);
        for (int cv = 0; cv < cout; cv += L) {
            // A^T m on each column s into m[6i + s] (i < 4, already read), then on each row i.
            for (int s = 0; s < 6; s++) {
                int o = mo + cv + s * ms;
                FloatVector m0 = FloatVector.fromArray(S, m, o), m1 = FloatVector.fromArray(S, m, o + 6 * ms);
                FloatVector m2 = FloatVector.fromArray(S, m, o + 12 * ms), m3 = FloatVector.fromArray(S, m, o + 18 * ms);
                FloatVector m4 = FloatVector.fromArray(S, m, o + 24 * ms), m5 = FloatVector.fromArray(S, m, o + 30 * ms);
                FloatVector a = m1.add(m2), b = m1.sub(m2), cc = m3.add(m4), d = m3.sub(m4);
                m0.add(a).add(cc).intoArray(m, o);
                d.fma(two, b).intoArray(m, o + 6 * ms);
                cc.fma(four, a).intoArray(m, o + 12 * ms);
                d.fma(eight, b).add(m5).intoArray(m, o + 18 * ms);
            }
            FloatVector bias = FloatVector.fromArray(S, bp, cv);
            for (int i = 0; i < rows; i++) {
                int o = mo + cv + 6 * i * ms;
                FloatVector m0 = FloatVector.fromArray(S, m, o), m1 = FloatVector.fromArray(S, m, o + ms);
                FloatVector m2 = FloatVector.fromArray(S, m, o + 2 * ms), m3 = FloatVector.fromArray(S, m, o + 3 * ms);
                FloatVector m4 = FloatVector.fromArray(S, m, o + 4 * ms), m5 = FloatVector.fromArray(S, m, o + 5 * ms);
                FloatVector a = m1.add(m2), b = m1.sub(m2), cc = m3.add(m4), d = m3.sub(m4);
                FloatVector y0 = m0.add(a).add(cc).add(bias), y1 = d.fma(two, b).add(bias);
                FloatVector y2 = cc.fma(four, a).add(bias), y3 = d.fma(eight, b).add(m5).add(bias);
                if (relu) {
                    y0 = y0.max(0f);
                    y1 = y1.max(0f);
                    y2 = y2.max(0f);
                    y3 = y3.max(0f);
                }
                int p = yo + cv + i * rs;
                y0.intoArray(y, p);
                if (cols > 1) {
                    y1.intoArray(y, p + cout);
                }
                if (cols > 2) {
                    y2.intoArray(y, p + 2 * cout);
                }
                if (cols > 3) {
                    y3.intoArray(y, p + 3 * cout);
                }
            }
        }
    }

    /**
     * d[xi] (from dOff; xi strides ds) = A g A^T of the 4x4 output-gradient tile g at dy[go] (row
     * stride rs; only its first {@code rows x cols} exist, the rest count as zero), per channel;
     * with {@code out} (at the index of dy plus {@code outShift}) g counts only where out > 0. The
     * tile's g summed over its pixels is added to {@code db[dbOff..dbOff+cout)}.
     */
    static void gradientTile(float[] dy, float[] out, int outShift, int go, int rs, int cout, int rows, int cols,
                             float[] d, int dOff, int ds, float[] db, int dbOff) {
        FloatVector zero = FloatVector.zero(S), two = FloatVector.broadcast(S, 2f);
        FloatVector four = FloatVector.broadcast(S, 4f), eight = FloatVector.broadcast(S, 8f);
        for (int cv = 0; cv < cout; cv += L) {
            FloatVector sum = FloatVector.fromArray(S, db, dbOff + cv);
            // A g on each column j < 4 into d[6r + j], then on each row r into d[6r + 0..5].
            for (int j = 0; j < 4; j++) {
                int o = dOff + cv + j * ds;
                FloatVector g0 = zero, g1 = zero, g2 = zero, g3 = zero;
                if (j < cols) {
                    int p = go + cv + j * cout;
                    g0 = masked(dy, out, outShift, p);
                    if (rows > 1) {
                        g1 = masked(dy, out, outShift, p + rs);
                    }
                    if (rows > 2) {
                        g2 = masked(dy, out, outShift, p + 2 * rs);
                    }
                    if (rows > 3) {
                        g3 = masked(dy, out, outShift, p + 3 * rs);
                    }
                    sum = sum.add(g0.add(g1).add(g2.add(g3)));
                }
                FloatVector e = g0.add(g2), od = g1.add(g3);
                FloatVector e4 = g2.fma(four, g0), od8 = g3.fma(eight, g1.mul(two));
                g0.intoArray(d, o);
                e.add(od).intoArray(d, o + 6 * ds);
                e.sub(od).intoArray(d, o + 12 * ds);
                e4.add(od8).intoArray(d, o + 18 * ds);
                e4.sub(od8).intoArray(d, o + 24 * ds);
                g3.intoArray(d, o + 30 * ds);
            }
            sum.intoArray(db, dbOff + cv);
            for (int r = 0; r < 6; r++) {
                int o = dOff + cv + 6 * r * ds;
                FloatVector g0 = FloatVector.fromArray(S, d, o), g1 = FloatVector.fromArray(S, d, o + ds);
                FloatVector g2 = FloatVector.fromArray(S, d, o + 2 * ds), g3 = FloatVector.fromArray(S, d, o + 3 * ds);
                FloatVector e = g0.add(g2), od = g1.add(g3);
                FloatVector e4 = g2.fma(four, g0), od8 = g3.fma(eight, g1.mul(two));
                e.add(od).intoArray(d, o + ds);
                e.sub(od).intoArray(d, o + 2 * ds);
                e4.add(od8).intoArray(d, o + 3 * ds);
                e4.sub(od8).intoArray(d, o + 4 * ds);
                g3.intoArray(d, o + 5 * ds);
            }
        }
    }

    /** dy[p..p+L), zeroed where out (when given, from p + outShift) is not positive. */
    private static FloatVector masked(float[] dy, float[] out, int outShift, int p) {
        FloatVector g = FloatVector.fromArray(S, dy, p);
        return out == null ? g : g.blend(0f, FloatVector.fromArray(S, out, p + outShift).compare(VectorOperators.LE, 0f));
    }
}
