package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RankUpdate} on {@code jdk.incubator.vector}: 6 x 16 tiles of C held in 12 ymm
 * accumulators while the k rows stream by; per row, six broadcasts from A's row and two loads
 * from B's row, so neither operand is packed. Rows of C beyond the last full six use a four-row
 * and then a one-row kernel, columns beyond the last full sixteen the scalar loop.
 */
public final class VectorRankUpdate implements RankUpdate.Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    /** Loaded by name from {@link RankUpdate} only when the Vector API is usable. */
    public VectorRankUpdate() {}

    @Override
    public String name() {
        return "vector-6x16";
    }

    @Override
    public void accumulate(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float[] c, int cOff, int ldc) {
        int fullCols = n - n % 16;
        int fullRows = m - m % 6;
        for (int j = 0; j < fullCols; j += 16) {
            for (int i = 0; i < fullRows; i += 6) {
                tile6(k, a, aOff + i, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
            }
            int i = fullRows;
            if (m - i >= 4) {
                tile4(k, a, aOff + i, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
                i += 4;
            }
            for (; i < m; i++) {
                row1(k, a, aOff + i, lda, b, bOff + j, ldb, c, cOff + i * ldc + j);
            }
        }
        for (int j = fullCols; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[aOff + p * lda + i] * b[bOff + p * ldb + j];
                }
                c[cOff + i * ldc + j] += s;
            }
        }
    }

    /** C[6 x 16] += sum_p a[p, 0..6)^T (x) b[p, 0..16). Written out so the accumulators stay in registers. */
    private static void tile6(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, ci), c01 = FloatVector.fromArray(S, c, ci + 8);
        FloatVector c10 = FloatVector.fromArray(S, c, ci + ldc), c11 = FloatVector.fromArray(S, c, ci + ldc + 8);
        FloatVector c20 = FloatVector.fromArray(S, c, ci + 2 * ldc), c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + 8);
        FloatVector c30 = FloatVector.fromArray(S, c, ci + 3 * ldc), c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + 8);
        FloatVector c40 = FloatVector.fromArray(S, c, ci + 4 * ldc), c41 = FloatVector.fromArray(S, c, ci + 4 * ldc + 8);
        FloatVector c50 = FloatVector.fromArray(S, c, ci + 5 * ldc), c51 = FloatVector.fromArray(S, c, ci + 5 * ldc + 8);
        for (int p = 0; p < k; p++, ai += lda, bi += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + 8);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + 8);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + 8);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + 8);
        c40.intoArray(c, ci + 4 * ldc);
        c41.intoArray(c, ci + 4 * ldc + 8);
        c50.intoArray(c, ci + 5 * ldc);
        c51.intoArray(c, ci + 5 * ldc + 8);
    }

    /** C[4 x 16] += sum_p a[p, 0..4)^T (x) b[p, 0..16). */
    private static void tile4(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, ci), c01 = FloatVector.fromArray(S, c, ci + 8);
        FloatVector c10 = FloatVector.fromArray(S, c, ci + ldc), c11 = FloatVector.fromArray(S, c, ci + ldc + 8);
        FloatVector c20 = FloatVector.fromArray(S, c, ci + 2 * ldc), c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + 8);
        FloatVector c30 = FloatVector.fromArray(S, c, ci + 3 * ldc), c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + 8);
        for (int p = 0; p < k; p++, ai += lda, bi += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + 8);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + 8);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + 8);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + 8);
    }

    /** One row of C: C[1 x 16] += sum_p a[p] * b[p, 0..16). */
    private static void row1(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] c, int ci) {
        FloatVector c0 = FloatVector.fromArray(S, c, ci);
        FloatVector c1 = FloatVector.fromArray(S, c, ci + 8);
        for (int p = 0; p < k; p++, ai += lda, bi += ldb) {
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c0 = a0.fma(FloatVector.fromArray(S, b, bi), c0);
            c1 = a0.fma(FloatVector.fromArray(S, b, bi + 8), c1);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + 8);
    }
}
