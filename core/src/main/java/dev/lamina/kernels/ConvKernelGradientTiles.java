package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel gradient's register tiles for {@link ConvKernelGradient}: dK rows (patch positions)
 * by output channels, summed over runs of pixels: six positions by two vectors (any positions,
 * the last repeated), twelve by two on AVX-512, and {@link #NARROW_ROWS} by one vector for
 * layers with at most one vector of output channels. Written out per shape on purpose: a vector
 * passed to a helper is boxed.
 */
final class ConvKernelGradientTiles {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    private static final int NB = 2 * L;
    private static final int MB = VectorConv.MB;
    /** Patch positions per tile of {@link #tileKernelNarrow} (used on AVX-512 only). */
    static final int NARROW_ROWS = 24;

    private ConvKernelGradientTiles() {}

    /**
     * Adds to (or, when {@code !accumulate}, stores into) the 6 x NB tile of dK at
     * {@code dkRow} (rows: patch positions at input offset {@code d}, +0..5, the last repeated
     * when {@code rows < 6}; columns: NB output channels, {@code valid} of them real) the sum
     * over {@code count} runs of {@code width} pixels: run q starts at input offset
     * {@code xoffs[q]}, pixels {@code xStep} apart, gradient rows of {@code coutP} from {@code go}.
     */
    static void tileKernel(float[] x, int[] xoffs, int count, int width, int xStep, int d, int rows,
                                   float[] g, int go, int coutP,
                                   boolean accumulate, float[] dk, int dkRow, int cout, int valid, float[] tmp) {
        int e1 = Math.min(1, rows - 1), e2 = Math.min(2, rows - 1), e3 = Math.min(3, rows - 1);
        int e4 = Math.min(4, rows - 1), e5 = Math.min(5, rows - 1);
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate && valid == NB) {
            // Start from the tile's sums so far (rows past the end repeat the last one).
            int r1 = dkRow + e1 * cout, r2 = dkRow + e2 * cout, r3 = dkRow + e3 * cout;
            int r4 = dkRow + e4 * cout, r5 = dkRow + e5 * cout;
            c00 = FloatVector.fromArray(S, dk, dkRow);
            c01 = FloatVector.fromArray(S, dk, dkRow + L);
            c10 = FloatVector.fromArray(S, dk, r1);
            c11 = FloatVector.fromArray(S, dk, r1 + L);
            c20 = FloatVector.fromArray(S, dk, r2);
            c21 = FloatVector.fromArray(S, dk, r2 + L);
            c30 = FloatVector.fromArray(S, dk, r3);
            c31 = FloatVector.fromArray(S, dk, r3 + L);
            c40 = FloatVector.fromArray(S, dk, r4);
            c41 = FloatVector.fromArray(S, dk, r4 + L);
            c50 = FloatVector.fromArray(S, dk, r5);
            c51 = FloatVector.fromArray(S, dk, r5 + L);
        } else {
            if (accumulate) {
                for (int r = 0; r < MB; r++) {
                    System.arraycopy(dk, dkRow + Math.min(r, rows - 1) * cout, tmp, r * NB, valid);
                    Arrays.fill(tmp, r * NB + valid, (r + 1) * NB, 0f);
                }
            } else {
                Arrays.fill(tmp, 0f);
            }
            c00 = FloatVector.fromArray(S, tmp, 0);
            c01 = FloatVector.fromArray(S, tmp, L);
            c10 = FloatVector.fromArray(S, tmp, NB);
            c11 = FloatVector.fromArray(S, tmp, NB + L);
            c20 = FloatVector.fromArray(S, tmp, 2 * NB);
            c21 = FloatVector.fromArray(S, tmp, 2 * NB + L);
            c30 = FloatVector.fromArray(S, tmp, 3 * NB);
            c31 = FloatVector.fromArray(S, tmp, 3 * NB + L);
            c40 = FloatVector.fromArray(S, tmp, 4 * NB);
            c41 = FloatVector.fromArray(S, tmp, 4 * NB + L);
            c50 = FloatVector.fromArray(S, tmp, 5 * NB);
            c51 = FloatVector.fromArray(S, tmp, 5 * NB + L);
        }
        if (rows == MB) {
            // The common case with constant offsets: five fewer registers live in the loop.
            for (int q = 0; q < count; q++) {
                int xo = xoffs[q] + d;
                for (int px = 0; px < width; px++, xo += xStep, go += coutP) {
                    FloatVector g0 = FloatVector.fromArray(S, g, go);
                    FloatVector g1 = FloatVector.fromArray(S, g, go + L);
                    FloatVector a = FloatVector.broadcast(S, x[xo]);
                    c00 = a.fma(g0, c00);
                    c01 = a.fma(g1, c01);
                    a = FloatVector.broadcast(S, x[xo + 1]);
                    c10 = a.fma(g0, c10);
                    c11 = a.fma(g1, c11);
                    a = FloatVector.broadcast(S, x[xo + 2]);
                    c20 = a.fma(g0, c20);
                    c21 = a.fma(g1, c21);
                    a = FloatVector.broadcast(S, x[xo + 3]);
                    c30 = a.fma(g0, c30);
                    c31 = a.fma(g1, c31);
                    a = FloatVector.broadcast(S, x[xo + 4]);
                    c40 = a.fma(g0, c40);
                    c41 = a.fma(g1, c41);
                    a = FloatVector.broadcast(S, x[xo + 5]);
                    c50 = a.fma(g0, c50);
                    c51 = a.fma(g1, c51);
                }
            }
        } else {
            for (int q = 0; q < count; q++) {
                int xo = xoffs[q] + d;
                for (int px = 0; px < width; px++, xo += xStep, go += coutP) {
                    FloatVector g0 = FloatVector.fromArray(S, g, go);
                    FloatVector g1 = FloatVector.fromArray(S, g, go + L);
                    FloatVector a = FloatVector.broadcast(S, x[xo]);
                    c00 = a.fma(g0, c00);
                    c01 = a.fma(g1, c01);
                    a = FloatVector.broadcast(S, x[xo + e1]);
                    c10 = a.fma(g0, c10);
                    c11 = a.fma(g1, c11);
                    a = FloatVector.broadcast(S, x[xo + e2]);
                    c20 = a.fma(g0, c20);
                    c21 = a.fma(g1, c21);
                    a = FloatVector.broadcast(S, x[xo + e3]);
                    c30 = a.fma(g0, c30);
                    c31 = a.fma(g1, c31);
                    a = FloatVector.broadcast(S, x[xo + e4]);
                    c40 = a.fma(g0, c40);
                    c41 = a.fma(g1, c41);
                    a = FloatVector.broadcast(S, x[xo + e5]);
                    c50 = a.fma(g0, c50);
                    c51 = a.fma(g1, c51);
                }
            }
        }
        if (valid == NB) {
            // Rows past the end (r >= rows) repeat the last row with the same sums: storing
            // them again writes the same values.
            int r1 = dkRow + e1 * cout, r2 = dkRow + e2 * cout, r3 = dkRow + e3 * cout;
            int r4 = dkRow + e4 * cout, r5 = dkRow + e5 * cout;
            c00.intoArray(dk, dkRow);
            c01.intoArray(dk, dkRow + L);
            c10.intoArray(dk, r1);
            c11.intoArray(dk, r1 + L);
            c20.intoArray(dk, r2);
            c21.intoArray(dk, r2 + L);
            c30.intoArray(dk, r3);
            c31.intoArray(dk, r3 + L);
            c40.intoArray(dk, r4);
            c41.intoArray(dk, r4 + L);
            c50.intoArray(dk, r5);
            c51.intoArray(dk, r5 + L);
            return;
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, L);
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
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tmp, r * NB, dk, dkRow + r * cout, valid);
        }
    }

    /**
     * {@link #tileKernel} for twelve distinct patch positions ({@code d} .. {@code d + 11}): twice
     * the multiply-adds per pixel for the same gradient loads, bounds checks and address
     * arithmetic (C2 cannot drop the checks here: the pixel strides are not constants), which
     * otherwise keep the six-row tile from issuing a multiply-add on every cycle.
     */
    static void tileKernel12(float[] x, int[] xoffs, int count, int width, int xStep, int d,
                                     float[] g, int go, int coutP,
                                     boolean accumulate, float[] dk, int dkRow, int cout, int valid, float[] tmp) {
        float[] src = dk;
        int base = dkRow, stride = cout;
        if (!accumulate || valid < NB) {
            // Through a full-width copy: zeros to start from, or a partial panel.
            for (int r = 0; r < 12; r++) {
                if (accumulate) {
                    System.arraycopy(dk, dkRow + r * cout, tmp, r * NB, valid);
                    Arrays.fill(tmp, r * NB + valid, (r + 1) * NB, 0f);
                } else {
                    Arrays.fill(tmp, r * NB, (r + 1) * NB, 0f);
                }
            }
            src = tmp;
            base = 0;
            stride = NB;
        }
        FloatVector c000 = FloatVector.fromArray(S, src, base);
        FloatVector c001 = FloatVector.fromArray(S, src, base + L);
        FloatVector c010 = FloatVector.fromArray(S, src, base + 1 * stride);
        FloatVector c011 = FloatVector.fromArray(S, src, base + 1 * stride + L);
        FloatVector c020 = FloatVector.fromArray(S, src, base + 2 * stride);
        FloatVector c021 = FloatVector.fromArray(S, src, base + 2 * stride + L);
        FloatVector c030 = FloatVector.fromArray(S, src, base + 3 * stride);
        FloatVector c031 = FloatVector.fromArray(S, src, base + 3 * stride + L);
        FloatVector c040 = FloatVector.fromArray(S, src, base + 4 * stride);
        FloatVector c041 = FloatVector.fromArray(S, src, base + 4 * stride + L);
        FloatVector c050 = FloatVector.fromArray(S, src, base + 5 * stride);
        FloatVector c051 = FloatVector.fromArray(S, src, base + 5 * stride + L);
        FloatVector c060 = FloatVector.fromArray(S, src, base + 6 * stride);
        FloatVector c061 = FloatVector.fromArray(S, src, base + 6 * stride + L);
        FloatVector c070 = FloatVector.fromArray(S, src, base + 7 * stride);
        FloatVector c071 = FloatVector.fromArray(S, src, base + 7 * stride + L);
        FloatVector c080 = FloatVector.fromArray(S, src, base + 8 * stride);
        FloatVector c081 = FloatVector.fromArray(S, src, base + 8 * stride + L);
        FloatVector c090 = FloatVector.fromArray(S, src, base + 9 * stride);
        FloatVector c091 = FloatVector.fromArray(S, src, base + 9 * stride + L);
        FloatVector c100 = FloatVector.fromArray(S, src, base + 10 * stride);
        FloatVector c101 = FloatVector.fromArray(S, src, base + 10 * stride + L);
        FloatVector c110 = FloatVector.fromArray(S, src, base + 11 * stride);
        FloatVector c111 = FloatVector.fromArray(S, src, base + 11 * stride + L);
        for (int q = 0; q < count; q++) {
            int xo = xoffs[q] + d;
            for (int px = 0; px < width; px++, xo += xStep, go += coutP) {
                FloatVector g0 = FloatVector.fromArray(S, g, go);
                FloatVector g1 = FloatVector.fromArray(S, g, go + L);
                FloatVector a00 = FloatVector.broadcast(S, x[xo]);
                c000 = a00.fma(g0, c000);
                c001 = a00.fma(g1, c001);
                FloatVector a01 = FloatVector.broadcast(S, x[xo + 1]);
                c010 = a01.fma(g0, c010);
                c011 = a01.fma(g1, c011);
                FloatVector a02 = FloatVector.broadcast(S, x[xo + 2]);
                c020 = a02.fma(g0, c020);
                c021 = a02.fma(g1, c021);
                FloatVector a03 = FloatVector.broadcast(S, x[xo + 3]);
                c030 = a03.fma(g0, c030);
                c031 = a03.fma(g1, c031);
                FloatVector a04 = FloatVector.broadcast(S, x[xo + 4]);
                c040 = a04.fma(g0, c040);
                c041 = a04.fma(g1, c041);
                FloatVector a05 = FloatVector.broadcast(S, x[xo + 5]);
                c050 = a05.fma(g0, c050);
                c051 = a05.fma(g1, c051);
                FloatVector a06 = FloatVector.broadcast(S, x[xo + 6]);
                c060 = a06.fma(g0, c060);
                c061 = a06.fma(g1, c061);
                FloatVector a07 = FloatVector.broadcast(S, x[xo + 7]);
                c070 = a07.fma(g0, c070);
                c071 = a07.fma(g1, c071);
                FloatVector a08 = FloatVector.broadcast(S, x[xo + 8]);
                c080 = a08.fma(g0, c080);
                c081 = a08.fma(g1, c081);
                FloatVector a09 = FloatVector.broadcast(S, x[xo + 9]);
                c090 = a09.fma(g0, c090);
                c091 = a09.fma(g1, c091);
                FloatVector a10 = FloatVector.broadcast(S, x[xo + 10]);
                c100 = a10.fma(g0, c100);
                c101 = a10.fma(g1, c101);
                FloatVector a11 = FloatVector.broadcast(S, x[xo + 11]);
                c110 = a11.fma(g0, c110);
                c111 = a11.fma(g1, c111);
            }
        }
        float[] dst = valid == NB ? dk : tmp;
        base = valid == NB ? dkRow : 0;
        stride = valid == NB ? cout : NB;
        c000.intoArray(dst, base);
        c001.intoArray(dst, base + L);
        c010.intoArray(dst, base + 1 * stride);
        c011.intoArray(dst, base + 1 * stride + L);
        c020.intoArray(dst, base + 2 * stride);
        c021.intoArray(dst, base + 2 * stride + L);
        c030.intoArray(dst, base + 3 * stride);
        c031.intoArray(dst, base + 3 * stride + L);
        c040.intoArray(dst, base + 4 * stride);
        c041.intoArray(dst, base + 4 * stride + L);
        c050.intoArray(dst, base + 5 * stride);
        c051.intoArray(dst, base + 5 * stride + L);
        c060.intoArray(dst, base + 6 * stride);
        c061.intoArray(dst, base + 6 * stride + L);
        c070.intoArray(dst, base + 7 * stride);
        c071.intoArray(dst, base + 7 * stride + L);
        c080.intoArray(dst, base + 8 * stride);
        c081.intoArray(dst, base + 8 * stride + L);
        c090.intoArray(dst, base + 9 * stride);
        c091.intoArray(dst, base + 9 * stride + L);
        c100.intoArray(dst, base + 10 * stride);
        c101.intoArray(dst, base + 10 * stride + L);
        c110.intoArray(dst, base + 11 * stride);
        c111.intoArray(dst, base + 11 * stride + L);
        if (valid < NB) {
            for (int r = 0; r < 12; r++) {
                System.arraycopy(tmp, r * NB, dk, dkRow + r * cout, valid);
            }
        }
    }

    /**
     * The kernel gradient's tile for at most one vector of output channels ({@code cout <= L}):
     * 24 distinct patch positions ({@code d} .. {@code d + 23}) by one vector, 24 accumulators;
     * a two-vector tile would spend half its multiply-adds on the padded channels.
     */
    static void tileKernelNarrow(float[] x, int[] xoffs, int count, int width, int xStep, int d,
                                         float[] g, int go, int coutP,
                                         boolean accumulate, float[] dk, int dkRow, int cout, int valid, float[] tmp) {
        float[] src = dk;
        int base = dkRow, stride = cout;
        if (!accumulate || valid < L) {
            for (int r = 0; r < NARROW_ROWS; r++) {
                if (accumulate) {
                    System.arraycopy(dk, dkRow + r * cout, tmp, r * L, valid);
                    Arrays.fill(tmp, r * L + valid, (r + 1) * L, 0f);
                } else {
                    Arrays.fill(tmp, r * L, (r + 1) * L, 0f);
                }
            }
            src = tmp;
            base = 0;
            stride = L;
        }
        FloatVector c00 = FloatVector.fromArray(S, src, base);
        FloatVector c01 = FloatVector.fromArray(S, src, base + 1 * stride);
        FloatVector c02 = FloatVector.fromArray(S, src, base + 2 * stride);
        FloatVector c03 = FloatVector.fromArray(S, src, base + 3 * stride);
        FloatVector c04 = FloatVector.fromArray(S, src, base + 4 * stride);
        FloatVector c05 = FloatVector.fromArray(S, src, base + 5 * stride);
        FloatVector c06 = FloatVector.fromArray(S, src, base + 6 * stride);
        FloatVector c07 = FloatVector.fromArray(S, src, base + 7 * stride);
        FloatVector c08 = FloatVector.fromArray(S, src, base + 8 * stride);
        FloatVector c09 = FloatVector.fromArray(S, src, base + 9 * stride);
        FloatVector c10 = FloatVector.fromArray(S, src, base + 10 * stride);
        FloatVector c11 = FloatVector.fromArray(S, src, base + 11 * stride);
        FloatVector c12 = FloatVector.fromArray(S, src, base + 12 * stride);
        FloatVector c13 = FloatVector.fromArray(S, src, base + 13 * stride);
        FloatVector c14 = FloatVector.fromArray(S, src, base + 14 * stride);
        FloatVector c15 = FloatVector.fromArray(S, src, base + 15 * stride);
        FloatVector c16 = FloatVector.fromArray(S, src, base + 16 * stride);
        FloatVector c17 = FloatVector.fromArray(S, src, base + 17 * stride);
        FloatVector c18 = FloatVector.fromArray(S, src, base + 18 * stride);
        FloatVector c19 = FloatVector.fromArray(S, src, base + 19 * stride);
        FloatVector c20 = FloatVector.fromArray(S, src, base + 20 * stride);
        FloatVector c21 = FloatVector.fromArray(S, src, base + 21 * stride);
        FloatVector c22 = FloatVector.fromArray(S, src, base + 22 * stride);
        FloatVector c23 = FloatVector.fromArray(S, src, base + 23 * stride);
        for (int q = 0; q < count; q++) {
            int xo = xoffs[q] + d;
            for (int px = 0; px < width; px++, xo += xStep, go += coutP) {
                FloatVector g0 = FloatVector.fromArray(S, g, go);
                c00 = FloatVector.broadcast(S, x[xo]).fma(g0, c00);
                c01 = FloatVector.broadcast(S, x[xo + 1]).fma(g0, c01);
                c02 = FloatVector.broadcast(S, x[xo + 2]).fma(g0, c02);
                c03 = FloatVector.broadcast(S, x[xo + 3]).fma(g0, c03);
                c04 = FloatVector.broadcast(S, x[xo + 4]).fma(g0, c04);
                c05 = FloatVector.broadcast(S, x[xo + 5]).fma(g0, c05);
                c06 = FloatVector.broadcast(S, x[xo + 6]).fma(g0, c06);
                c07 = FloatVector.broadcast(S, x[xo + 7]).fma(g0, c07);
                c08 = FloatVector.broadcast(S, x[xo + 8]).fma(g0, c08);
                c09 = FloatVector.broadcast(S, x[xo + 9]).fma(g0, c09);
                c10 = FloatVector.broadcast(S, x[xo + 10]).fma(g0, c10);
                c11 = FloatVector.broadcast(S, x[xo + 11]).fma(g0, c11);
                c12 = FloatVector.broadcast(S, x[xo + 12]).fma(g0, c12);
                c13 = FloatVector.broadcast(S, x[xo + 13]).fma(g0, c13);
                c14 = FloatVector.broadcast(S, x[xo + 14]).fma(g0, c14);
                c15 = FloatVector.broadcast(S, x[xo + 15]).fma(g0, c15);
                c16 = FloatVector.broadcast(S, x[xo + 16]).fma(g0, c16);
                c17 = FloatVector.broadcast(S, x[xo + 17]).fma(g0, c17);
                c18 = FloatVector.broadcast(S, x[xo + 18]).fma(g0, c18);
                c19 = FloatVector.broadcast(S, x[xo + 19]).fma(g0, c19);
                c20 = FloatVector.broadcast(S, x[xo + 20]).fma(g0, c20);
                c21 = FloatVector.broadcast(S, x[xo + 21]).fma(g0, c21);
                c22 = FloatVector.broadcast(S, x[xo + 22]).fma(g0, c22);
                c23 = FloatVector.broadcast(S, x[xo + 23]).fma(g0, c23);
            }
        }
        float[] dst = valid == L ? dk : tmp;
        base = valid == L ? dkRow : 0;
        stride = valid == L ? cout : L;
        c00.intoArray(dst, base);
        c01.intoArray(dst, base + 1 * stride);
        c02.intoArray(dst, base + 2 * stride);
        c03.intoArray(dst, base + 3 * stride);
        c04.intoArray(dst, base + 4 * stride);
        c05.intoArray(dst, base + 5 * stride);
        c06.intoArray(dst, base + 6 * stride);
        c07.intoArray(dst, base + 7 * stride);
        c08.intoArray(dst, base + 8 * stride);
        c09.intoArray(dst, base + 9 * stride);
        c10.intoArray(dst, base + 10 * stride);
        c11.intoArray(dst, base + 11 * stride);
        c12.intoArray(dst, base + 12 * stride);
        c13.intoArray(dst, base + 13 * stride);
        c14.intoArray(dst, base + 14 * stride);
        c15.intoArray(dst, base + 15 * stride);
        c16.intoArray(dst, base + 16 * stride);
        c17.intoArray(dst, base + 17 * stride);
        c18.intoArray(dst, base + 18 * stride);
        c19.intoArray(dst, base + 19 * stride);
        c20.intoArray(dst, base + 20 * stride);
        c21.intoArray(dst, base + 21 * stride);
        c22.intoArray(dst, base + 22 * stride);
        c23.intoArray(dst, base + 23 * stride);
        if (valid < L) {
            for (int r = 0; r < NARROW_ROWS; r++) {
                System.arraycopy(tmp, r * L, dk, dkRow + r * cout, valid);
            }
        }
    }
}
