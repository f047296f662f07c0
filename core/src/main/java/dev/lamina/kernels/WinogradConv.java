package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Winograd F(2x2, 3x3) convolution for {@link VectorConv}'s stride-1, undilated 3x3 layers
 * (forward, and the input gradient, which is such a correlation with the flipped kernel).
 *
 * <p>Each 2x2 block of outputs (a tile) reads a 4x4 patch d of the zero-padded source. With the
 * standard matrices (Lavin and Gray, 2015), {@code Y = A^T [(G g G^T) (.) (B^T d B)] A}, so the
 * 36 multiply-adds per output pixel and channel pair of the direct form become 16 per four
 * pixels: 2.25x fewer. Per block of {@link #TILES} tiles: the patches are transformed to
 * {@code v[xi][tile][c]}, each of the 16 positions xi is a small matrix product with the
 * transformed kernel {@code u[xi][c][cout]} (a 12-tile by two-vector register tile; one vector for an odd last one), and the
 * products are transformed back, with bias and relu, into the output. A block's buffers stay in
 * the core's cache; blocks are split between threads, each writing its own tiles.
 *
 * <p>The transforms only add, subtract and halve, so results differ from the direct sum by
 * rounding alone (relative 1e-6 on these layers; the tests bound it).
 */
final class WinogradConv {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Tiles per block: two register tiles of twelve. */
    static final int TILES = 24;

    private WinogradConv() {}

    /**
     * Whether a stride-1 correlation with this kernel runs here as F(2x2, 3x3): 3x3, undilated,
     * input channels whole vectors, output channels whole pairs of vectors (with one vector of
     * them, W6's 16-channel layers, it was no faster than the direct tile: 1.1-1.4 ms against
     * 1.0), and an output of at least 4x4 (smaller ones would mostly compute the padding of
     * partial tiles).
     */
    static boolean applies(int kh, int kw, int sh, int sw, int dh, int dw, int c, int cout, int ho, int wo) {
        return shapeApplies(kh, kw, sh, sw, dh, dw, c, ho, wo) && cout % (2 * L) == 0;
    }

    /** The conditions but the output channels', which {@link Winograd4} relaxes to whole vectors. */
    static boolean shapeApplies(int kh, int kw, int sh, int sw, int dh, int dw, int c, int ho, int wo) {
        return kh == 3 && kw == 3 && sh == 1 && sw == 1 && dh == 1 && dw == 1 && c % L == 0 && ho >= 4 && wo >= 4;
    }

    /** Rows (or columns) of source the tiles over {@code out} outputs read: whole tiles, so even. */
    static int sourceRows(int out) {
        return 2 * ((out + 1) / 2) + 2;
    }

    /**
     * The kernel transformed for {@link #convolve}: {@code u[xi][a][b] = (G g_ab G^T)[xi]} where
     * {@code g_ab(i, j)} is the weight from correlation input channel a to output channel b:
     * {@code k[i][j][a][b]} (Keras layout), or with {@code flipped} the input gradient's kernel
     * {@code k[2-i][2-j][b][a]} of a layer with {@code cout} inputs and {@code c} outputs.
     */
    static float[] transformKernel(float[] u, float[] k, int kOff, int c, int cout, boolean flipped) {
        float[] g = new float[9];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < cout; b++) {
                taps(k, kOff, c, cout, a, b, flipped, g);
                for (int x = 0; x < 4; x++) {
                    // Row x of G g: g's rows 0, (0+1+2)/2, (0-1+2)/2, 2.
                    float r0, r1, r2;
                    if (x == 0 || x == 3) {
                        int i = x == 0 ? 0 : 2;
                        r0 = g[i * 3];
                        r1 = g[i * 3 + 1];
                        r2 = g[i * 3 + 2];
                    } else {
                        float sign = x == 1 ? 1f : -1f;
                        r0 = 0.5f * (g[0] + sign * g[3] + g[6]);
                        r1 = 0.5f * (g[1] + sign * g[4] + g[7]);
                        r2 = 0.5f * (g[2] + sign * g[5] + g[8]);
                    }
                    int base = (x * 4 * c + a) * cout + b;
                    int step = c * cout;
                    u[base] = r0;
                    u[base + step] = 0.5f * (r0 + r1 + r2);
                    u[base + 2 * step] = 0.5f * (r0 - r1 + r2);
                    u[base + 3 * step] = r2;
                }
            }
        }
        return u;
    }

    /**
     * g[3 * i + j] = the 3x3 kernel g_ab of {@link #transformKernel}: {@code k[i][j][a][b]}, or
     * flipped {@code k[2-i][2-j][b][a]} (a layer with {@code cout} inputs and {@code c} outputs).
     */
    static void taps(float[] k, int kOff, int c, int cout, int a, int b, boolean flipped, float[] g) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                g[i * 3 + j] = flipped ? k[kOff + (((2 - i) * 3 + 2 - j) * cout + b) * c + a]
                        : k[kOff + ((i * 3 + j) * c + a) * cout + b];
            }
        }
    }

    /**
     * y[n, ho, wo, cout] (offset yOff) = the stride-1 3x3 correlation of the source (whose rows
     * and columns cover {@link #sourceRows} of the output, or {@link Winograd4#sourceRows} with
     * {@code tile} 4, zero beyond the image) with the transformed kernel {@code u} (of
     * {@link #transformKernel}, or {@link Winograd4#transformKernel}), plus the bias
     * {@code bp[0..cout)}, then relu if asked; {@code tile} (2 or 4) is the side of the output
     * blocks, F(2x2, 3x3) or F(4x4, 3x3).
     */
    static void convolve(ConvScratch.Source src, int tile, int c, int n, int ho, int wo, float[] u, float[] bp,
                         boolean relu, int cout, float[] y, int yOff) {
        int th = (ho + tile - 1) / tile, tw = (wo + tile - 1) / tile;
        int positions = (tile + 2) * (tile + 2);
        int tiles = n * th * tw;
        int blocks = (tiles + TILES - 1) / TILES;
        long macsPerBlock = (long) positions * TILES * c * cout;
        int grain = (int) Math.max(1, VectorConv.MIN_PARALLEL_MACS / macsPerBlock);
        Parallel.forRange(blocks, grain, (from, to) -> {
            // Each thread's own block buffers (the caller's padded source and packed kernel are other fields).
            ConvScratch own = ConvScratch.get();
            float[] v = own.transformed(positions * TILES * c);
            float[] m = own.products(positions * TILES * cout);
            for (int blk = from; blk < to; blk++) {
                int t0 = blk * TILES;
                int nt = Math.min(TILES, tiles - t0);
                for (int t = 0; t < nt; t++) {
                    int at = t0 + t;
                    int b = at / (th * tw);
                    int ty = at / tw - b * th;
                    int tx = at % tw;
                    int xo = src.off() + ((b * src.hs() + tile * ty) * src.ws() + tile * tx) * c;
                    if (tile == 2) {
                        inputTile(src.a(), xo, src.ws() * c, c, v, t * c);
                    } else {
                        Winograd4.inputTile(src.a(), xo, src.ws() * c, c, v, t * c, TILES * c);
                    }
                }
                for (int xi = 0; xi < positions; xi++) {
                    for (int co = 0; co < cout; co += 2 * L) {
                        for (int t = 0; t < nt; t += 12) {
                            if (co + 2 * L <= cout) {
                                gemmTile(v, (xi * TILES + t) * c, c, u, xi * c * cout + co, cout, m, (xi * TILES + t) * cout + co);
                            } else {
                                gemmTile1(v, (xi * TILES + t) * c, c, u, xi * c * cout + co, cout, m, (xi * TILES + t) * cout + co);
                            }
                        }
                    }
                }
                for (int t = 0; t < nt; t++) {
                    int at = t0 + t;
                    int b = at / (th * tw);
                    int oy = tile * (at / tw - b * th);
                    int ox = tile * (at % tw);
                    int yo = yOff + ((b * ho + oy) * wo + ox) * cout;
                    if (tile == 2) {
                        outputTile(m, t * cout, cout, bp, relu, y, yo, wo * cout, oy + 1 < ho, ox + 1 < wo);
                    } else {
                        Winograd4.outputTile(m, t * cout, TILES * cout, cout, bp, relu, y, yo, wo * cout,
                                Math.min(tile, ho - oy), Math.min(tile, wo - ox));
                    }
                }
            }
        });
    }

    /** v[xi][tile] (from vo; xi strides TILES * c) = B^T d B of the 4x4 patch at x[xo] (row stride rs), per channel. */
    private static void inputTile(float[] x, int xo, int rs, int c, float[] v, int vo) {
        int xs = TILES * c;
        for (int cv = 0; cv < c; cv += L) {
            int p = xo + cv;
            // B^T d: per column s, rows (d0 - d2, d1 + d2, d2 - d1, d1 - d3). The four columns are
            // written out: a vector passed to a helper (or kept in an array) is boxed.
            FloatVector d0 = FloatVector.fromArray(S, x, p), d1 = FloatVector.fromArray(S, x, p + rs);
            FloatVector d2 = FloatVector.fromArray(S, x, p + 2 * rs), d3 = FloatVector.fromArray(S, x, p + 3 * rs);
            FloatVector w00 = d0.sub(d2), w10 = d1.add(d2), w20 = d2.sub(d1), w30 = d1.sub(d3);
            p += c;
            d0 = FloatVector.fromArray(S, x, p);
            d1 = FloatVector.fromArray(S, x, p + rs);
            d2 = FloatVector.fromArray(S, x, p + 2 * rs);
            d3 = FloatVector.fromArray(S, x, p + 3 * rs);
            FloatVector w01 = d0.sub(d2), w11 = d1.add(d2), w21 = d2.sub(d1), w31 = d1.sub(d3);
            p += c;
            d0 = FloatVector.fromArray(S, x, p);
            d1 = FloatVector.fromArray(S, x, p + rs);
            d2 = FloatVector.fromArray(S, x, p + 2 * rs);
            d3 = FloatVector.fromArray(S, x, p + 3 * rs);
            FloatVector w02 = d0.sub(d2), w12 = d1.add(d2), w22 = d2.sub(d1), w32 = d1.sub(d3);
            p += c;
            d0 = FloatVector.fromArray(S, x, p);
            d1 = FloatVector.fromArray(S, x, p + rs);
            d2 = FloatVector.fromArray(S, x, p + 2 * rs);
            d3 = FloatVector.fromArray(S, x, p + 3 * rs);
            FloatVector w03 = d0.sub(d2), w13 = d1.add(d2), w23 = d2.sub(d1), w33 = d1.sub(d3);
            // (B^T d) B: the same combination along each row; position xi = 4 * row + column.
            int o = vo + cv;
            w00.sub(w02).intoArray(v, o);
            w01.add(w02).intoArray(v, o + xs);
            w02.sub(w01).intoArray(v, o + 2 * xs);
            w01.sub(w03).intoArray(v, o + 3 * xs);
            w10.sub(w12).intoArray(v, o + 4 * xs);
            w11.add(w12).intoArray(v, o + 5 * xs);
            w12.sub(w11).intoArray(v, o + 6 * xs);
            w11.sub(w13).intoArray(v, o + 7 * xs);
            w20.sub(w22).intoArray(v, o + 8 * xs);
            w21.add(w22).intoArray(v, o + 9 * xs);
            w22.sub(w21).intoArray(v, o + 10 * xs);
            w21.sub(w23).intoArray(v, o + 11 * xs);
            w30.sub(w32).intoArray(v, o + 12 * xs);
            w31.add(w32).intoArray(v, o + 13 * xs);
            w32.sub(w31).intoArray(v, o + 14 * xs);
            w31.sub(w33).intoArray(v, o + 15 * xs);
        }
    }

    /**
     * The 2x2 outputs at y[yo] (row stride rs) = A^T m A + bias, relu if asked, of the tile's
     * products at m[mo] (xi strides TILES * cout); the second row or column only where the
     * output has it.
     */
    private static void outputTile(float[] m, int mo, int cout, float[] bp, boolean relu, float[] y, int yo, int rs,
                                   boolean row1, boolean col1) {
        int ms = TILES * cout;
        for (int cv = 0; cv < cout; cv += L) {
            int p = mo + cv;
            // A^T m: per column, rows (m0 + m1 + m2, m1 - m2 - m3).
            FloatVector u00, u01, u02, u03, u10, u11, u12, u13;
            FloatVector m0 = FloatVector.fromArray(S, m, p), m1 = FloatVector.fromArray(S, m, p + 4 * ms);
            FloatVector m2 = FloatVector.fromArray(S, m, p + 8 * ms), m3 = FloatVector.fromArray(S, m, p + 12 * ms);
            u00 = m0.add(m1).add(m2);
            u10 = m1.sub(m2).sub(m3);
            m0 = FloatVector.fromArray(S, m, p + ms);
            m1 = FloatVector.fromArray(S, m, p + 5 * ms);
            m2 = FloatVector.fromArray(S, m, p + 9 * ms);
            m3 = FloatVector.fromArray(S, m, p + 13 * ms);
            u01 = m0.add(m1).add(m2);
            u11 = m1.sub(m2).sub(m3);
            m0 = FloatVector.fromArray(S, m, p + 2 * ms);
            m1 = FloatVector.fromArray(S, m, p + 6 * ms);
            m2 = FloatVector.fromArray(S, m, p + 10 * ms);
            m3 = FloatVector.fromArray(S, m, p + 14 * ms);
            u02 = m0.add(m1).add(m2);
            u12 = m1.sub(m2).sub(m3);
            m0 = FloatVector.fromArray(S, m, p + 3 * ms);
            m1 = FloatVector.fromArray(S, m, p + 7 * ms);
            m2 = FloatVector.fromArray(S, m, p + 11 * ms);
            m3 = FloatVector.fromArray(S, m, p + 15 * ms);
            u03 = m0.add(m1).add(m2);
            u13 = m1.sub(m2).sub(m3);
            FloatVector bias = FloatVector.fromArray(S, bp, cv);
            FloatVector y00 = u00.add(u01).add(u02).add(bias), y01 = u01.sub(u02).sub(u03).add(bias);
            FloatVector y10 = u10.add(u11).add(u12).add(bias), y11 = u11.sub(u12).sub(u13).add(bias);
            if (relu) {
                y00 = y00.max(0f);
                y01 = y01.max(0f);
                y10 = y10.max(0f);
                y11 = y11.max(0f);
            }
            int o = yo + cv;
            y00.intoArray(y, o);
            if (col1) {
                y01.intoArray(y, o + cout);
            }
            if (row1) {
                y10.intoArray(y, o + rs);
                if (col1) {
                    y11.intoArray(y, o + rs + cout);
                }
            }
        }
    }

    /** m[xi][t0..t0+12)[co..co+2L) = v[xi][t0..t0+12)[0..c) @ u[xi][0..c)[co..co+2L). */
    private static void gemmTile(float[] v, int vo, int c, float[] u, int uo, int cout, float[] m, int mo) {
        FloatVector c0_0 = FloatVector.zero(S), c1_0 = c0_0, c2_0 = c0_0, c3_0 = c0_0, c4_0 = c0_0, c5_0 = c0_0, c6_0 = c0_0, c7_0 = c0_0, c8_0 = c0_0, c9_0 = c0_0, c10_0 = c0_0, c11_0 = c0_0;
        FloatVector c0_1 = c0_0, c1_1 = c0_0, c2_1 = c0_0, c3_1 = c0_0, c4_1 = c0_0, c5_1 = c0_0, c6_1 = c0_0, c7_1 = c0_0, c8_1 = c0_0, c9_1 = c0_0, c10_1 = c0_0, c11_1 = c0_0;
        int a0 = vo, a1 = vo + 1 * c, a2 = vo + 2 * c, a3 = vo + 3 * c, a4 = vo + 4 * c, a5 = vo + 5 * c, a6 = vo + 6 * c, a7 = vo + 7 * c, a8 = vo + 8 * c, a9 = vo + 9 * c, a10 = vo + 10 * c, a11 = vo + 11 * c;
        FloatVector b0, b1, a;
        for (int t = 0; t < c; t++) {
            b0 = FloatVector.fromArray(S, u, uo + t * cout);
            b1 = FloatVector.fromArray(S, u, uo + t * cout + L);
            a = FloatVector.broadcast(S, v[a0 + t]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, v[a1 + t]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, v[a2 + t]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, v[a3 + t]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, v[a4 + t]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, v[a5 + t]);
            c5_0 = a.fma(b0, c5_0);
            c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, v[a6 + t]);
            c6_0 = a.fma(b0, c6_0);
            c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, v[a7 + t]);
            c7_0 = a.fma(b0, c7_0);
            c7_1 = a.fma(b1, c7_1);
            a = FloatVector.broadcast(S, v[a8 + t]);
            c8_0 = a.fma(b0, c8_0);
            c8_1 = a.fma(b1, c8_1);
            a = FloatVector.broadcast(S, v[a9 + t]);
            c9_0 = a.fma(b0, c9_0);
            c9_1 = a.fma(b1, c9_1);
            a = FloatVector.broadcast(S, v[a10 + t]);
            c10_0 = a.fma(b0, c10_0);
            c10_1 = a.fma(b1, c10_1);
            a = FloatVector.broadcast(S, v[a11 + t]);
            c11_0 = a.fma(b0, c11_0);
            c11_1 = a.fma(b1, c11_1);
        }
        c0_0.intoArray(m, mo + 0 * cout);
        c0_1.intoArray(m, mo + 0 * cout + L);
        c1_0.intoArray(m, mo + 1 * cout);
        c1_1.intoArray(m, mo + 1 * cout + L);
        c2_0.intoArray(m, mo + 2 * cout);
        c2_1.intoArray(m, mo + 2 * cout + L);
        c3_0.intoArray(m, mo + 3 * cout);
        c3_1.intoArray(m, mo + 3 * cout + L);
        c4_0.intoArray(m, mo + 4 * cout);
        c4_1.intoArray(m, mo + 4 * cout + L);
        c5_0.intoArray(m, mo + 5 * cout);
        c5_1.intoArray(m, mo + 5 * cout + L);
        c6_0.intoArray(m, mo + 6 * cout);
        c6_1.intoArray(m, mo + 6 * cout + L);
        c7_0.intoArray(m, mo + 7 * cout);
        c7_1.intoArray(m, mo + 7 * cout + L);
        c8_0.intoArray(m, mo + 8 * cout);
        c8_1.intoArray(m, mo + 8 * cout + L);
        c9_0.intoArray(m, mo + 9 * cout);
        c9_1.intoArray(m, mo + 9 * cout + L);
        c10_0.intoArray(m, mo + 10 * cout);
        c10_1.intoArray(m, mo + 10 * cout + L);
        c11_0.intoArray(m, mo + 11 * cout);
        c11_1.intoArray(m, mo + 11 * cout + L);
    }

    /** {@link #gemmTile} for the last vector of output channels when their count is odd in vectors: one vector wide. */
    private static void gemmTile1(float[] v, int vo, int c, float[] u, int uo, int cout, float[] m, int mo) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        int a0 = vo, a1 = vo + 1 * c, a2 = vo + 2 * c, a3 = vo + 3 * c, a4 = vo + 4 * c, a5 = vo + 5 * c;
        int a6 = vo + 6 * c, a7 = vo + 7 * c, a8 = vo + 8 * c, a9 = vo + 9 * c, a10 = vo + 10 * c, a11 = vo + 11 * c;
        FloatVector b0;
        for (int t = 0; t < c; t++) {
            b0 = FloatVector.fromArray(S, u, uo + t * cout);
            c0 = FloatVector.broadcast(S, v[a0 + t]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, v[a1 + t]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, v[a2 + t]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, v[a3 + t]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, v[a4 + t]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, v[a5 + t]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, v[a6 + t]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, v[a7 + t]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, v[a8 + t]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, v[a9 + t]).fma(b0, c9);
            c10 = FloatVector.broadcast(S, v[a10 + t]).fma(b0, c10);
            c11 = FloatVector.broadcast(S, v[a11 + t]).fma(b0, c11);
        }
        c0.intoArray(m, mo);
        c1.intoArray(m, mo + 1 * cout);
        c2.intoArray(m, mo + 2 * cout);
        c3.intoArray(m, mo + 3 * cout);
        c4.intoArray(m, mo + 4 * cout);
        c5.intoArray(m, mo + 5 * cout);
        c6.intoArray(m, mo + 6 * cout);
        c7.intoArray(m, mo + 7 * cout);
        c8.intoArray(m, mo + 8 * cout);
        c9.intoArray(m, mo + 9 * cout);
        c10.intoArray(m, mo + 10 * cout);
        c11.intoArray(m, mo + 11 * cout);
    }
}
