package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Both gradients of a stride-1 depthwise convolution (multiplier 1, whole vectors of channels)
 * in one pass over rows, for {@link VectorDepthwise}: dx row r gathers the dy rows it touched
 * while dy row r adds its kernel-gradient terms, so dy, x and dx each cross memory once and dy
 * needs no zero-padded copy (the separate passes wrote one and read dy twice; these layers
 * move little arithmetic per byte, so the traffic was their cost). Bounds are tested per tap.
 *
 * <p>The rows are split into a fixed number of parts, each summing its own kernel gradient,
 * added up in order at the end: the result does not depend on the thread count.
 */
final class DepthwiseGradients {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Row parts of a large layer (at most one per thread at a time). */
    private static final int PARTS = 8;
    private static final long MIN_PARALLEL_MACS = 100_000;
    private static final int MIN_WIDTH = 16;

    private DepthwiseGradients() {}

    /**
     * Whether {@link #backward} takes this geometry. Rows narrower than 16 pixels are mostly
     * edges, which go tap by tap here: the separate passes (a padded copy) are faster there.
     */
    static boolean applies(ConvShape s) {
        return s.cout() == s.cin() && s.cin() % L == 0 && s.strideH() == 1 && s.strideW() == 1 && s.w() >= MIN_WIDTH;
    }

    /** dx[n, h, w, c] and dk[kh, kw, c] of a geometry that {@link #applies}. */
    static void backward(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] k, int kOff,
                         float[] dk, int dkOff, float[] dx, int dxOff) {
        int c = s.cin(), taps = s.kh() * s.kw();
        Arrays.fill(dk, dkOff, dkOff + taps * c, 0f);
        int xRows = s.n() * s.h(), yRows = s.n() * s.ho();
        if (s.n() == 0) {
            return;
        }
        int parts = 2 * s.macs() < MIN_PARALLEL_MACS ? 1 : Math.min(PARTS, Math.min(xRows, yRows));
        float[][] partial = new float[parts][];
        Parallel.forRange(parts, 1, (p0, p1) -> {
            int[] dyRows = new int[s.kh()];
            int[] kRows = new int[s.kh()];
            for (int p = p0; p < p1; p++) {
                float[] acc = p == 0 ? dk : new float[taps * c];
                int accOff = p == 0 ? dkOff : 0;
                int x0 = (int) ((long) xRows * p / parts), x1 = (int) ((long) xRows * (p + 1) / parts);
                int y0 = (int) ((long) yRows * p / parts), y1 = (int) ((long) yRows * (p + 1) / parts);
                for (int t = 0; t < Math.max(x1 - x0, y1 - y0); t++) {
                    if (x0 + t < x1) {
                        inputRow(s, dy, dyOff, k, kOff, dx, dxOff, x0 + t, dyRows, kRows);
                    }
                    if (y0 + t < y1) {
                        kernelRow(s, x, xOff, dy, dyOff, acc, accOff, y0 + t);
                    }
                }
                partial[p] = acc;
            }
        });
        for (int p = 1; p < parts; p++) {
            float[] a = partial[p];
            for (int i = 0; i < taps * c; i++) {
                dk[dkOff + i] += a[i];
            }
        }
    }

    /**
     * dx row {@code row} (image-major over n * h): each pixel gathers k[i, j] dy[y + padTop - i dh, x + padLeft - j dw].
     * {@code dyRows} and {@code kRows} (kh long) are the calling thread's to fill.
     */
    private static void inputRow(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff, int row,
                                 int[] dyRows, int[] kRows) {
        int c = s.cin(), w = s.w(), pl = s.padLeft();
        int out = dxOff + row * w * c;
        // Pixels whose three taps all fall inside the dy row take the sliding tile; the rest,
        // and other kernels, the per-tap loop.
        int lo = Math.max(0, 2 - pl), hi = Math.min(w, s.wo() - pl);
        if (s.kw() != 3 || s.dilationW() != 1 || hi - lo < 8) {
            inputPixels(s, dy, dyOff, k, kOff, out, dx, row, 0, w);
            return;
        }
        inputPixels(s, dy, dyOff, k, kOff, out, dx, row, 0, lo);
        // Output m gathers k[i, 0] dy[p + m + pl] + k[i, 1] dy[.. - 1] + k[i, 2] dy[.. - 2]: the
        // sliding tile over dy from column p + pl - 2 with each kernel row read backwards.
        int b = row / s.h(), iy = row % s.h();
        int rows = 0;
        for (int i = 0; i < s.kh(); i++) {
            int oy = iy + s.padTop() - i * s.dilationH();
            if (oy >= 0 && oy < s.ho()) {
                dyRows[rows] = dyOff + (b * s.ho() + oy) * s.wo() * c;
                kRows[rows++] = kOff + (i * 3 + 2) * c;
            }
        }
        for (int ix0 = lo; ix0 < hi; ix0 += 8) {
            int p = Math.min(ix0, hi - 8);
            for (int q = 0; q < c; q += L) {
                VectorDepthwise.slidingTile(dy, dyRows, (p + pl - 2) * c + q, k, kRows, q, -c, rows, c, dx, out + p * c + q);
            }
        }
        inputPixels(s, dy, dyOff, k, kOff, out, dx, row, hi, w);
    }

    /** dx pixels [ix0, ix1) of {@code row} (at {@code out}), tap by tap with bounds tests. */
    private static void inputPixels(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, int out, float[] dx, int row,
                                    int ix0, int ix1) {
        int c = s.cin(), kh = s.kh(), kw = s.kw(), wo = s.wo();
        int b = row / s.h(), iy = row % s.h();
        for (int ix = ix0; ix < ix1; ix++) {
            for (int q = 0; q < c; q += L) {
                FloatVector acc = FloatVector.zero(S);
                for (int i = 0; i < kh; i++) {
                    int oy = iy + s.padTop() - i * s.dilationH();
                    if (oy < 0 || oy >= s.ho()) {
                        continue;
                    }
                    int g = dyOff + (b * s.ho() + oy) * wo * c + q;
                    for (int j = 0; j < kw; j++) {
                        int ox = ix + s.padLeft() - j * s.dilationW();
                        if (ox >= 0 && ox < wo) {
                            acc = FloatVector.fromArray(S, dy, g + ox * c)
                                    .fma(FloatVector.fromArray(S, k, kOff + (i * kw + j) * c + q), acc);
                        }
                    }
                }
                acc.intoArray(dx, out + ix * c + q);
            }
        }
    }

    /** Adds dy row {@code row}'s terms x[y - padTop + i dh, x - padLeft + j dw] dy[y, x] to acc[i, j, c]. */
    private static void kernelRow(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] acc, int accOff, int row) {
        int c = s.cin(), kw = s.kw(), w = s.w(), wo = s.wo(), pl = s.padLeft();
        int b = row / s.ho(), oy = row % s.ho();
        int g = dyOff + row * wo * c;
        // Pixels whose three taps all fall inside the x row slide; the rest go tap by tap.
        int lo = Math.max(0, pl), hi = Math.min(wo, w - 2 + pl);
        boolean slide = kw == 3 && s.dilationW() == 1 && hi - lo >= 2;
        for (int i = 0; i < s.kh(); i++) {
            int iy = oy - s.padTop() + i * s.dilationH();
            if (iy < 0 || iy >= s.h()) {
                continue;
            }
            int xr = xOff + (b * s.h() + iy) * w * c;
            int a = accOff + i * kw * c;
            if (!slide) {
                kernelTaps(s, x, xr, dy, g, acc, a, 0, wo);
                continue;
            }
            kernelTaps(s, x, xr, dy, g, acc, a, 0, lo);
            for (int q = 0; q < c; q += L) {
                // Taps j = 0, 1, 2 for even (s) and odd (t) pixels: six independent sums, and
                // each x vector loaded once for the three taps it meets.
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, t0 = s0, t1 = s0, t2 = s0;
                int xq = xr + (lo - pl) * c + q, gq = g + lo * c + q;
                FloatVector xa = FloatVector.fromArray(S, x, xq), xb = FloatVector.fromArray(S, x, xq + c);
                int ox = lo;
                for (; ox < hi - 1; ox += 2, xq += 2 * c, gq += 2 * c) {
                    FloatVector xc = FloatVector.fromArray(S, x, xq + 2 * c);
                    FloatVector xd = FloatVector.fromArray(S, x, xq + 3 * c);
                    FloatVector g0 = FloatVector.fromArray(S, dy, gq);
                    FloatVector g1 = FloatVector.fromArray(S, dy, gq + c);
                    s0 = xa.fma(g0, s0);
                    s1 = xb.fma(g0, s1);
                    s2 = xc.fma(g0, s2);
                    t0 = xb.fma(g1, t0);
                    t1 = xc.fma(g1, t1);
                    t2 = xd.fma(g1, t2);
                    xa = xc;
                    xb = xd;
                }
                if (ox < hi) {
                    FloatVector g0 = FloatVector.fromArray(S, dy, gq);
                    s0 = xa.fma(g0, s0);
                    s1 = xb.fma(g0, s1);
                    s2 = FloatVector.fromArray(S, x, xq + 2 * c).fma(g0, s2);
                }
                FloatVector.fromArray(S, acc, a + q).add(s0.add(t0)).intoArray(acc, a + q);
                FloatVector.fromArray(S, acc, a + c + q).add(s1.add(t1)).intoArray(acc, a + c + q);
                FloatVector.fromArray(S, acc, a + 2 * c + q).add(s2.add(t2)).intoArray(acc, a + 2 * c + q);
            }
            kernelTaps(s, x, xr, dy, g, acc, a, hi, wo);
        }
    }

    /** Adds dy pixels [ox0, ox1) of a row (at {@code g}) times x row {@code xr} into the taps of one kernel row at acc[a]. */
    private static void kernelTaps(ConvShape s, float[] x, int xr, float[] dy, int g, float[] acc, int a, int ox0, int ox1) {
        int c = s.cin(), w = s.w();
        for (int j = 0; j < s.kw(); j++) {
            int shift = j * s.dilationW() - s.padLeft(); // ix = ox + shift
            int from = Math.max(ox0, -shift), to = Math.min(ox1, w - shift);
            int aj = a + j * c;
            for (int q = 0; q < c; q += L) {
                // Four sums: one would wait on each multiply-add's latency.
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                int xq = xr + shift * c + q, gq = g + q;
                int ox = from;
                for (; ox < to - 3; ox += 4) {
                    int o = ox * c;
                    s0 = FloatVector.fromArray(S, x, xq + o).fma(FloatVector.fromArray(S, dy, gq + o), s0);
                    s1 = FloatVector.fromArray(S, x, xq + o + c).fma(FloatVector.fromArray(S, dy, gq + o + c), s1);
                    s2 = FloatVector.fromArray(S, x, xq + o + 2 * c).fma(FloatVector.fromArray(S, dy, gq + o + 2 * c), s2);
                    s3 = FloatVector.fromArray(S, x, xq + o + 3 * c).fma(FloatVector.fromArray(S, dy, gq + o + 3 * c), s3);
                }
                for (; ox < to; ox++) {
                    s0 = FloatVector.fromArray(S, x, xq + ox * c).fma(FloatVector.fromArray(S, dy, gq + ox * c), s0);
                }
                FloatVector.fromArray(S, acc, aj + q).add(s0.add(s1).add(s2.add(s3))).intoArray(acc, aj + q);
            }
        }
    }
}
