package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rank-k updates against the reference GEMM, with ragged rows and columns and padded strides. */
class RankUpdateTest {
    @Test
    void selectsTheSimdKernelWithTheVectorApi() {
        assertEquals(Kernels.vectorized() ? "vector-6x16" : "gemm", RankUpdate.implementation());
    }

    @Test
    void matchesTheReferenceGemm() {
        Random r = new Random(2);
        for (int[] s : new int[][] {{1, 1, 1}, {6, 16, 3}, {64, 128, 64}, {13, 37, 5}, {7, 20, 33}, {40, 17, 64}, {11, 32, 9}, {4, 16, 2}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int lda = m + 3;
            int ldb = n + 2;
            int ldc = n + 5;
            float[] a = new float[1 + k * lda];
            float[] b = new float[2 + k * ldb];
            float[] c = new float[3 + m * ldc];
            for (float[] x : new float[][] {a, b, c}) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
            }
            float[] expected = c.clone();
            Kernels.referenceGemm().sgemm(true, false, m, n, k, 1f, a, 1, lda, b, 2, ldb, 1f, expected, 3, ldc);
            RankUpdate.accumulate(m, n, k, a, 1, lda, b, 2, ldb, c, 3, ldc);
            for (int i = 0; i < c.length; i++) {
                assertEquals(expected[i], c[i], 1e-4 * Math.max(1, Math.abs(expected[i])), m + "x" + n + "x" + k + " at " + i);
            }
        }
    }
}
