package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 6 x NR register-tiled micro-kernel: {@code C[6xNR] (+)= Apanel[6 x kc] @ Bpanel[kc x NR]}
 * with NR two vectors of the {@link VectorWidth} species (6 x 16 on AVX2, 6 x 32 on AVX-512):
 * 12 accumulators, two B loads and six A broadcasts per step of k, which fits the 16 AVX2
 * registers without spilling.
 *
 * <p>Written out by hand on purpose. The accumulators are locals that never leave this method
 * (a vector passed to a non-inlined helper is boxed, at 2-3 GFLOP/s), and the loop advances two
 * running offsets instead of computing {@code p * 16 + j}: C2 on JDK 25 ran the indexed form at
 * well under half the speed.
 */
final class VectorMicroKernel {
    static final VectorSpecies<Float> S = VectorWidth.S;
    /** Lanes per vector: the offset of a row's second vector. */
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;

    private VectorMicroKernel() {}

    /**
     * Computes one full tile. {@code ap[ai..]} is a packed 6-row A panel, {@code bp[bi..]} a
     * packed 16-column B panel, both k-major over {@code kc} steps; the tile lands at
     * {@code c[ci..]} with row stride ldc, added to C when {@code accumulate}, stored otherwise.
     */
    static void kernel(int kc, float[] ap, int ai, float[] bp, int bi,
                       float[] c, int ci, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (accumulate) {
            int r0 = ci;
            c00 = c00.add(FloatVector.fromArray(S, c, r0));
            c01 = c01.add(FloatVector.fromArray(S, c, r0 + L));
            int r1 = ci + ldc;
            c10 = c10.add(FloatVector.fromArray(S, c, r1));
            c11 = c11.add(FloatVector.fromArray(S, c, r1 + L));
            int r2 = ci + 2 * ldc;
            c20 = c20.add(FloatVector.fromArray(S, c, r2));
            c21 = c21.add(FloatVector.fromArray(S, c, r2 + L));
            int r3 = ci + 3 * ldc;
            c30 = c30.add(FloatVector.fromArray(S, c, r3));
            c31 = c31.add(FloatVector.fromArray(S, c, r3 + L));
            int r4 = ci + 4 * ldc;
            c40 = c40.add(FloatVector.fromArray(S, c, r4));
            c41 = c41.add(FloatVector.fromArray(S, c, r4 + L));
            int r5 = ci + 5 * ldc;
            c50 = c50.add(FloatVector.fromArray(S, c, r5));
            c51 = c51.add(FloatVector.fromArray(S, c, r5 + L));
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

    /**
     * Like {@link #kernel}, but A is read where it lies in a row-major matrix: element (r, p) of
     * the tile's 6 x kc block at {@code a[ai + r * lda + p]}. All six rows must exist.
     */
    static void kernelRowsA(int kc, float[] a, int ai, int lda, float[] bp, int bi,
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
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * lda]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * lda]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4 * lda]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5 * lda]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (accumulate) {
            int r0 = ci;
            c00 = c00.add(FloatVector.fromArray(S, c, r0));
            c01 = c01.add(FloatVector.fromArray(S, c, r0 + L));
            int r1 = ci + ldc;
            c10 = c10.add(FloatVector.fromArray(S, c, r1));
            c11 = c11.add(FloatVector.fromArray(S, c, r1 + L));
            int r2 = ci + 2 * ldc;
            c20 = c20.add(FloatVector.fromArray(S, c, r2));
            c21 = c21.add(FloatVector.fromArray(S, c, r2 + L));
            int r3 = ci + 3 * ldc;
            c30 = c30.add(FloatVector.fromArray(S, c, r3));
            c31 = c31.add(FloatVector.fromArray(S, c, r3 + L));
            int r4 = ci + 4 * ldc;
            c40 = c40.add(FloatVector.fromArray(S, c, r4));
            c41 = c41.add(FloatVector.fromArray(S, c, r4 + L));
            int r5 = ci + 5 * ldc;
            c50 = c50.add(FloatVector.fromArray(S, c, r5));
            c51 = c51.add(FloatVector.fromArray(S, c, r5 + L));
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
