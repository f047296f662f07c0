package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link VectorConv}, each row two vectors (NB channels) wide. The
 * kernel-gradient tile is written out for 12 rows (AVX-512, whose 32 registers hold 24
 * accumulators: W6 trained 10% faster than with 6) and 6 (AVX2's 16 registers, where 12 spill).
 */
final class ConvTiles {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Output channels per tile (two vectors). */
    static final int NB = 2 * L;
    /**
     * Pixels per forward tile. Six on both widths: a twelve-pixel tile needs twelve input
     * offsets live beside the accumulators, more than the general registers hold, and ran 30%
     * slower (W6 inference 670 vs 950 samples/s).
     */
    static final int MB = 6;
    /** Patch positions per kernel-gradient tile (its rows sit at constant offsets from one base). */
    static final int MK = L == 16 ? 12 : 6;

    private ConvTiles() {}

    /**
     * One 6-pixel x NB-channel output tile, the whole patch reduction in registers: pixel r's
     * patch starts at {@code x[xo[r]]} and its output at {@code y[yo[r] + c0]}; the kernel panel
     * at {@code kp[kq..]} is patch-major, NB wide; bias from {@code bp[c0..]}; only
     * {@code valid} channels are written (through {@code tmp} when fewer than NB).
     */
    static void forward(float[] x, int[] xo, int kh, int rowStep, int runs, int runStep, int runLen,
                        float[] kp, int kq, float[] bp, boolean relu, float[] y, int[] yo, int c0, int valid, float[] tmp) {
        tile6(x, xo, kh, rowStep, runs, runStep, runLen, kp, kq, bp, relu, y, yo, c0, valid, tmp);
    }

    /**
     * One MK x NB tile of the kernel gradient into {@code tmp} (row r at {@code r * NB}): row r
     * sums {@code x[xo + min(r, rows - 1)] * g[go..go+NB)} over the output pixels of images
     * [b0, b1), where for image b, output row oy and column ox {@code xo = xBase + b * hw + oy *
     * xRow + ox * xStep} and {@code go = gBase + ((b * ho + oy) * wo + ox) * coutP}.
     */
    static void kernelGradient(float[] x, int xBase, int xStep, int xRow, int ho, int wo, int b0, int b1, int hw,
                               int rows, float[] g, int gBase, int coutP, float[] tmp) {
        if (MK == 12) {
            tileKernel12(x, xBase, xStep, xRow, ho, wo, b0, b1, hw, rows, g, gBase, coutP, tmp);
        } else {
            tileKernel6(x, xBase, xStep, xRow, ho, wo, b0, b1, hw, rows, g, gBase, coutP, tmp);
        }
    }

    private static void tile6(float[] x, int[] xo, int kh, int rowStep, int runs, int runStep, int runLen,
                              float[] kp, int kq, float[] bp, boolean relu, float[] y, int[] yo, int c0, int valid,
                              float[] tmp) {
        int o0 = xo[0], o1 = xo[1], o2 = xo[2], o3 = xo[3], o4 = xo[4], o5 = xo[5];
        FloatVector c00 = FloatVector.fromArray(S, bp, c0), c01 = FloatVector.fromArray(S, bp, c0 + L);
        FloatVector c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01, c40 = c00, c41 = c01, c50 = c00, c51 = c01;
        for (int i = 0; i < kh; i++) {
            for (int jr = 0; jr < runs; jr++) {
                int d = i * rowStep + jr * runStep;
                int a0 = o0 + d, a1 = o1 + d, a2 = o2 + d, a3 = o3 + d, a4 = o4 + d, a5 = o5 + d;
                for (int t = 0; t < runLen; t++, kq += NB) {
                    FloatVector b0 = FloatVector.fromArray(S, kp, kq);
                    FloatVector b1 = FloatVector.fromArray(S, kp, kq + L);
                    FloatVector v;
                    v = FloatVector.broadcast(S, x[a0 + t]);
                    c00 = v.fma(b0, c00);
                    c01 = v.fma(b1, c01);
                    v = FloatVector.broadcast(S, x[a1 + t]);
                    c10 = v.fma(b0, c10);
                    c11 = v.fma(b1, c11);
                    v = FloatVector.broadcast(S, x[a2 + t]);
                    c20 = v.fma(b0, c20);
                    c21 = v.fma(b1, c21);
                    v = FloatVector.broadcast(S, x[a3 + t]);
                    c30 = v.fma(b0, c30);
                    c31 = v.fma(b1, c31);
                    v = FloatVector.broadcast(S, x[a4 + t]);
                    c40 = v.fma(b0, c40);
                    c41 = v.fma(b1, c41);
                    v = FloatVector.broadcast(S, x[a5 + t]);
                    c50 = v.fma(b0, c50);
                    c51 = v.fma(b1, c51);
                }
            }
        }
        if (relu) {
            c00 = c00.max(0f);
            c01 = c01.max(0f);
            c10 = c10.max(0f);
            c11 = c11.max(0f);
            c20 = c20.max(0f);
            c21 = c21.max(0f);
            c30 = c30.max(0f);
            c31 = c31.max(0f);
            c40 = c40.max(0f);
            c41 = c41.max(0f);
            c50 = c50.max(0f);
            c51 = c51.max(0f);
        }
        if (valid == NB) {
            c00.intoArray(y, yo[0] + c0);
            c01.intoArray(y, yo[0] + c0 + L);
            c10.intoArray(y, yo[1] + c0);
            c11.intoArray(y, yo[1] + c0 + L);
            c20.intoArray(y, yo[2] + c0);
            c21.intoArray(y, yo[2] + c0 + L);
            c30.intoArray(y, yo[3] + c0);
            c31.intoArray(y, yo[3] + c0 + L);
            c40.intoArray(y, yo[4] + c0);
            c41.intoArray(y, yo[4] + c0 + L);
            c50.intoArray(y, yo[5] + c0);
            c51.intoArray(y, yo[5] + c0 + L);
            return;
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, 0 + L);
        c10.intoArray(tmp, NB);
        c11.intoArray(tmp, NB + L);
        c20.intoArray(tmp, 2 * NB);
        c21.intoArray(tmp, 2 * NB + L);
        c30.intoArray(tmp, 3 * NB);
        c31.intoArray(tmp, 3 * NB + L);
        c40.intoArray(tmp, 4 * NB);
        c41.intoArray(tmp, 4 * NB + L);
        c50.intoArray(tmp, 5 * NB);
        c51.intoArray(tmp, 5 * NB + L);
        for (int r = 0; r < 6; r++) {
            System.arraycopy(tmp, r * NB, y, yo[r] + c0, valid);
        }
    }

    private static void tileKernel12(float[] x, int xBase, int xStep, int xRow, int ho, int wo, int b0, int b1, int hw,
                                    int rows, float[] g, int gBase, int coutP, float[] tmp) {
        int e1 = Math.min(1, rows - 1), e2 = Math.min(2, rows - 1), e3 = Math.min(3, rows - 1), e4 = Math.min(4, rows - 1), e5 = Math.min(5, rows - 1), e6 = Math.min(6, rows - 1), e7 = Math.min(7, rows - 1), e8 = Math.min(8, rows - 1), e9 = Math.min(9, rows - 1), e10 = Math.min(10, rows - 1), e11 = Math.min(11, rows - 1);
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00, c81 = c00, c90 = c00, c91 = c00, c100 = c00, c101 = c00, c110 = c00, c111 = c00;
        for (int b = b0; b < b1; b++) {
            for (int oy = 0; oy < ho; oy++) {
                int xo = xBase + b * hw + oy * xRow;
                int go = gBase + (b * ho + oy) * wo * coutP;
                for (int ox = 0; ox < wo; ox++, xo += xStep, go += coutP) {
                    FloatVector g0 = FloatVector.fromArray(S, g, go);
                    FloatVector g1 = FloatVector.fromArray(S, g, go + L);
                    FloatVector v;
                    v = FloatVector.broadcast(S, x[xo]);
                    c00 = v.fma(g0, c00);
                    c01 = v.fma(g1, c01);
                    v = FloatVector.broadcast(S, x[xo + e1]);
                    c10 = v.fma(g0, c10);
                    c11 = v.fma(g1, c11);
                    v = FloatVector.broadcast(S, x[xo + e2]);
                    c20 = v.fma(g0, c20);
                    c21 = v.fma(g1, c21);
                    v = FloatVector.broadcast(S, x[xo + e3]);
                    c30 = v.fma(g0, c30);
                    c31 = v.fma(g1, c31);
                    v = FloatVector.broadcast(S, x[xo + e4]);
                    c40 = v.fma(g0, c40);
                    c41 = v.fma(g1, c41);
                    v = FloatVector.broadcast(S, x[xo + e5]);
                    c50 = v.fma(g0, c50);
                    c51 = v.fma(g1, c51);
                    v = FloatVector.broadcast(S, x[xo + e6]);
                    c60 = v.fma(g0, c60);
                    c61 = v.fma(g1, c61);
                    v = FloatVector.broadcast(S, x[xo + e7]);
                    c70 = v.fma(g0, c70);
                    c71 = v.fma(g1, c71);
                    v = FloatVector.broadcast(S, x[xo + e8]);
                    c80 = v.fma(g0, c80);
                    c81 = v.fma(g1, c81);
                    v = FloatVector.broadcast(S, x[xo + e9]);
                    c90 = v.fma(g0, c90);
                    c91 = v.fma(g1, c91);
                    v = FloatVector.broadcast(S, x[xo + e10]);
                    c100 = v.fma(g0, c100);
                    c101 = v.fma(g1, c101);
                    v = FloatVector.broadcast(S, x[xo + e11]);
                    c110 = v.fma(g0, c110);
                    c111 = v.fma(g1, c111);
                }
            }
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, 0 + L);
        c10.intoArray(tmp, NB);
        c11.intoArray(tmp, NB + L);
        c20.intoArray(tmp, 2 * NB);
        c21.intoArray(tmp, 2 * NB + L);
        c30.intoArray(tmp, 3 * NB);
        c31.intoArray(tmp, 3 * NB + L);
        c40.intoArray(tmp, 4 * NB);
        c41.intoArray(tmp, 4 * NB + L);
        c50.intoArray(tmp, 5 * NB);
        c51.intoArray(tmp, 5 * NB + L);
        c60.intoArray(tmp, 6 * NB);
        c61.intoArray(tmp, 6 * NB + L);
        c70.intoArray(tmp, 7 * NB);
        c71.intoArray(tmp, 7 * NB + L);
        c80.intoArray(tmp, 8 * NB);
        c81.intoArray(tmp, 8 * NB + L);
        c90.intoArray(tmp, 9 * NB);
        c91.intoArray(tmp, 9 * NB + L);
        c100.intoArray(tmp, 10 * NB);
        c101.intoArray(tmp, 10 * NB + L);
        c110.intoArray(tmp, 11 * NB);
        c111.intoArray(tmp, 11 * NB + L);
    }

    private static void tileKernel6(float[] x, int xBase, int xStep, int xRow, int ho, int wo, int b0, int b1, int hw,
                                    int rows, float[] g, int gBase, int coutP, float[] tmp) {
        int e1 = Math.min(1, rows - 1), e2 = Math.min(2, rows - 1), e3 = Math.min(3, rows - 1), e4 = Math.min(4, rows - 1), e5 = Math.min(5, rows - 1);
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int b = b0; b < b1; b++) {
            for (int oy = 0; oy < ho; oy++) {
                int xo = xBase + b * hw + oy * xRow;
                int go = gBase + (b * ho + oy) * wo * coutP;
                for (int ox = 0; ox < wo; ox++, xo += xStep, go += coutP) {
                    FloatVector g0 = FloatVector.fromArray(S, g, go);
                    FloatVector g1 = FloatVector.fromArray(S, g, go + L);
                    FloatVector v;
                    v = FloatVector.broadcast(S, x[xo]);
                    c00 = v.fma(g0, c00);
                    c01 = v.fma(g1, c01);
                    v = FloatVector.broadcast(S, x[xo + e1]);
                    c10 = v.fma(g0, c10);
                    c11 = v.fma(g1, c11);
                    v = FloatVector.broadcast(S, x[xo + e2]);
                    c20 = v.fma(g0, c20);
                    c21 = v.fma(g1, c21);
                    v = FloatVector.broadcast(S, x[xo + e3]);
                    c30 = v.fma(g0, c30);
                    c31 = v.fma(g1, c31);
                    v = FloatVector.broadcast(S, x[xo + e4]);
                    c40 = v.fma(g0, c40);
                    c41 = v.fma(g1, c41);
                    v = FloatVector.broadcast(S, x[xo + e5]);
                    c50 = v.fma(g0, c50);
                    c51 = v.fma(g1, c51);
                }
            }
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, 0 + L);
        c10.intoArray(tmp, NB);
        c11.intoArray(tmp, NB + L);
        c20.intoArray(tmp, 2 * NB);
        c21.intoArray(tmp, 2 * NB + L);
        c30.intoArray(tmp, 3 * NB);
        c31.intoArray(tmp, 3 * NB + L);
        c40.intoArray(tmp, 4 * NB);
        c41.intoArray(tmp, 4 * NB + L);
        c50.intoArray(tmp, 5 * NB);
        c51.intoArray(tmp, 5 * NB + L);
    }
}
