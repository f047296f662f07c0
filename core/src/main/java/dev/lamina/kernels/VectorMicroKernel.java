package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The MR x NR register-tiled micro-kernel: {@code C[MR x NR] (+)= Apanel[MR x kc] @ Bpanel[kc x NR]},
 * NR two vectors of the {@link VectorWidth} species. Per step of k: two B loads, MR A broadcasts,
 * 2 MR multiply-adds into 2 MR accumulators.
 *
 * <p>MR is 12 on AVX-512 (32 registers hold 24 accumulators): 200 GFLOP/s on one core against
 * 173 for six rows with L1-resident operands (87% vs 75% of the FMA peak), as more rows share
 * each B load and more independent sums hide the FMA latency. On AVX2's 16 registers twelve
 * rows spill (40% slower than six, measured with -XX:UseAVX=2), so 256-bit vectors keep MR = 6.
 *
 * <p>Written out by hand on purpose. The accumulators are locals that never leave their method
 * (a vector passed to a non-inlined helper is boxed, at 2-3 GFLOP/s), and the loop advances two
 * running offsets instead of computing {@code p * NR + j}: C2 on JDK 25 ran the indexed form at
 * well under half the speed.
 */
final class VectorMicroKernel {
    static final VectorSpecies<Float> S = VectorWidth.S;
    /** Lanes per vector: the offset of a row's second vector. */
    private static final int L = S.length();
    static final int MR = L == 16 ? 12 : 6;
    static final int NR = 2 * L;

    private VectorMicroKernel() {}

    /**
     * Computes one full tile. {@code ap[ai..]} is a packed MR-row A panel, {@code bp[bi..]} a
     * packed NR-column B panel, both k-major over {@code kc} steps; the tile lands at
     * {@code c[ci..]} with row stride ldc, added to C when {@code accumulate}, stored otherwise.
     */
    static void kernel(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean accumulate) {
        if (MR == 12) {
            kernel12(kc, ap, ai, bp, bi, c, ci, ldc, accumulate);
        } else {
            kernel6(kc, ap, ai, bp, bi, c, ci, ldc, accumulate);
        }
    }

    /**
     * Like {@link #kernel}, but A is read where it lies in a row-major matrix: element (r, p) of
     * the tile's MR x kc block at {@code a[ai + r * lda + p]}. All MR rows must exist.
     */
    static void kernelRowsA(int kc, float[] a, int ai, int lda, float[] bp, int bi, float[] c, int ci, int ldc,
                            boolean accumulate) {
        if (MR == 12) {
            kernelRowsA12(kc, a, ai, lda, bp, bi, c, ci, ldc, accumulate);
        } else {
            kernelRowsA6(kc, a, ai, lda, bp, bi, c, ci, ldc, accumulate);
        }
    }

    private static void kernel12(int kc, float[] ap, int ai, float[] bp, int bi,
                                 float[] c, int ci, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ai += 12, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector v;
            v = FloatVector.broadcast(S, ap[ai]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
            v = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = v.fma(b0, c60);
            c61 = v.fma(b1, c61);
            v = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = v.fma(b0, c70);
            c71 = v.fma(b1, c71);
            v = FloatVector.broadcast(S, ap[ai + 8]);
            c80 = v.fma(b0, c80);
            c81 = v.fma(b1, c81);
            v = FloatVector.broadcast(S, ap[ai + 9]);
            c90 = v.fma(b0, c90);
            c91 = v.fma(b1, c91);
            v = FloatVector.broadcast(S, ap[ai + 10]);
            c100 = v.fma(b0, c100);
            c101 = v.fma(b1, c101);
            v = FloatVector.broadcast(S, ap[ai + 11]);
            c110 = v.fma(b0, c110);
            c111 = v.fma(b1, c111);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci));
            c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, ci + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(S, c, ci + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, ci + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(S, c, ci + 7 * ldc + L));
            c80 = c80.add(FloatVector.fromArray(S, c, ci + 8 * ldc));
            c81 = c81.add(FloatVector.fromArray(S, c, ci + 8 * ldc + L));
            c90 = c90.add(FloatVector.fromArray(S, c, ci + 9 * ldc));
            c91 = c91.add(FloatVector.fromArray(S, c, ci + 9 * ldc + L));
            c100 = c100.add(FloatVector.fromArray(S, c, ci + 10 * ldc));
            c101 = c101.add(FloatVector.fromArray(S, c, ci + 10 * ldc + L));
            c110 = c110.add(FloatVector.fromArray(S, c, ci + 11 * ldc));
            c111 = c111.add(FloatVector.fromArray(S, c, ci + 11 * ldc + L));
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        ci += ldc;
        c10.intoArray(c, ci);
        c11.intoArray(c, ci + L);
        ci += ldc;
        c20.intoArray(c, ci);
        c21.intoArray(c, ci + L);
        ci += ldc;
        c30.intoArray(c, ci);
        c31.intoArray(c, ci + L);
        ci += ldc;
        c40.intoArray(c, ci);
        c41.intoArray(c, ci + L);
        ci += ldc;
        c50.intoArray(c, ci);
        c51.intoArray(c, ci + L);
        ci += ldc;
        c60.intoArray(c, ci);
        c61.intoArray(c, ci + L);
        ci += ldc;
        c70.intoArray(c, ci);
        c71.intoArray(c, ci + L);
        ci += ldc;
        c80.intoArray(c, ci);
        c81.intoArray(c, ci + L);
        ci += ldc;
        c90.intoArray(c, ci);
        c91.intoArray(c, ci + L);
        ci += ldc;
        c100.intoArray(c, ci);
        c101.intoArray(c, ci + L);
        ci += ldc;
        c110.intoArray(c, ci);
        c111.intoArray(c, ci + L);
    }

    private static void kernelRowsA12(int kc, float[] a, int ai, int lda, float[] bp, int bi,
                                      float[] c, int ci, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ai++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector v;
            v = FloatVector.broadcast(S, a[ai]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(S, a[ai + lda]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(S, a[ai + 2 * lda]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(S, a[ai + 3 * lda]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(S, a[ai + 4 * lda]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(S, a[ai + 5 * lda]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
            v = FloatVector.broadcast(S, a[ai + 6 * lda]);
            c60 = v.fma(b0, c60);
            c61 = v.fma(b1, c61);
            v = FloatVector.broadcast(S, a[ai + 7 * lda]);
            c70 = v.fma(b0, c70);
            c71 = v.fma(b1, c71);
            v = FloatVector.broadcast(S, a[ai + 8 * lda]);
            c80 = v.fma(b0, c80);
            c81 = v.fma(b1, c81);
            v = FloatVector.broadcast(S, a[ai + 9 * lda]);
            c90 = v.fma(b0, c90);
            c91 = v.fma(b1, c91);
            v = FloatVector.broadcast(S, a[ai + 10 * lda]);
            c100 = v.fma(b0, c100);
            c101 = v.fma(b1, c101);
            v = FloatVector.broadcast(S, a[ai + 11 * lda]);
            c110 = v.fma(b0, c110);
            c111 = v.fma(b1, c111);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci));
            c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, ci + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(S, c, ci + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, ci + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(S, c, ci + 7 * ldc + L));
            c80 = c80.add(FloatVector.fromArray(S, c, ci + 8 * ldc));
            c81 = c81.add(FloatVector.fromArray(S, c, ci + 8 * ldc + L));
            c90 = c90.add(FloatVector.fromArray(S, c, ci + 9 * ldc));
            c91 = c91.add(FloatVector.fromArray(S, c, ci + 9 * ldc + L));
            c100 = c100.add(FloatVector.fromArray(S, c, ci + 10 * ldc));
            c101 = c101.add(FloatVector.fromArray(S, c, ci + 10 * ldc + L));
            c110 = c110.add(FloatVector.fromArray(S, c, ci + 11 * ldc));
            c111 = c111.add(FloatVector.fromArray(S, c, ci + 11 * ldc + L));
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        ci += ldc;
        c10.intoArray(c, ci);
        c11.intoArray(c, ci + L);
        ci += ldc;
        c20.intoArray(c, ci);
        c21.intoArray(c, ci + L);
        ci += ldc;
        c30.intoArray(c, ci);
        c31.intoArray(c, ci + L);
        ci += ldc;
        c40.intoArray(c, ci);
        c41.intoArray(c, ci + L);
        ci += ldc;
        c50.intoArray(c, ci);
        c51.intoArray(c, ci + L);
        ci += ldc;
        c60.intoArray(c, ci);
        c61.intoArray(c, ci + L);
        ci += ldc;
        c70.intoArray(c, ci);
        c71.intoArray(c, ci + L);
        ci += ldc;
        c80.intoArray(c, ci);
        c81.intoArray(c, ci + L);
        ci += ldc;
        c90.intoArray(c, ci);
        c91.intoArray(c, ci + L);
        ci += ldc;
        c100.intoArray(c, ci);
        c101.intoArray(c, ci + L);
        ci += ldc;
        c110.intoArray(c, ci);
        c111.intoArray(c, ci + L);
    }

    private static void kernel6(int kc, float[] ap, int ai, float[] bp, int bi,
                                 float[] c, int ci, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ai += 6, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector v;
            v = FloatVector.broadcast(S, ap[ai]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci));
            c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        ci += ldc;
        c10.intoArray(c, ci);
        c11.intoArray(c, ci + L);
        ci += ldc;
        c20.intoArray(c, ci);
        c21.intoArray(c, ci + L);
        ci += ldc;
        c30.intoArray(c, ci);
        c31.intoArray(c, ci + L);
        ci += ldc;
        c40.intoArray(c, ci);
        c41.intoArray(c, ci + L);
        ci += ldc;
        c50.intoArray(c, ci);
        c51.intoArray(c, ci + L);
    }

    private static void kernelRowsA6(int kc, float[] a, int ai, int lda, float[] bp, int bi,
                                      float[] c, int ci, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ai++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector v;
            v = FloatVector.broadcast(S, a[ai]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(S, a[ai + lda]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(S, a[ai + 2 * lda]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(S, a[ai + 3 * lda]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(S, a[ai + 4 * lda]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(S, a[ai + 5 * lda]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci));
            c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        ci += ldc;
        c10.intoArray(c, ci);
        c11.intoArray(c, ci + L);
        ci += ldc;
        c20.intoArray(c, ci);
        c21.intoArray(c, ci + L);
        ci += ldc;
        c30.intoArray(c, ci);
        c31.intoArray(c, ci + L);
        ci += ldc;
        c40.intoArray(c, ci);
        c41.intoArray(c, ci + L);
        ci += ldc;
        c50.intoArray(c, ci);
        c51.intoArray(c, ci + L);
    }
}
