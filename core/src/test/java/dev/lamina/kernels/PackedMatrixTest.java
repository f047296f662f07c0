package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packed products against the reference GEMM on shapes with ragged row panels and column panels. */
class PackedMatrixTest {
    @Test
    void usesTheSimdPathWhenTheVectorKernelsDo() {
        assertEquals(Kernels.vectorized() ? "vector-packed-6x16" : "plain", PackedMatrix.implementation());
    }

    @Test
    void matchesTheReferenceGemm() {
        Random r = new Random(1);
        for (int[] s : new int[][] {{1, 1, 1}, {6, 16, 8}, {64, 128, 64}, {13, 37, 5}, {7, 20, 33}, {64, 64, 128}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean acc : new boolean[] {false, true}) {
                    int lda = k + 3;
                    int ldb = (transB ? k : n) + 2;
                    int ldc = n + 1;
                    float[] a = new float[5 + m * lda];
                    float[] b = new float[4 + (transB ? n : k) * ldb];
                    float[] c0 = new float[2 + m * ldc];
                    for (float[] x : new float[][] {a, b, c0}) {
                        for (int i = 0; i < x.length; i++) {
                            x[i] = (float) r.nextGaussian();
                        }
                    }
                    float[] expected = c0.clone();
                    Kernels.referenceGemm().sgemm(false, transB, m, n, k, 1f, a, 5, lda, b, 4, ldb, acc ? 1f : 0f,
                            expected, 2, ldc);
                    float[] actual = c0.clone();
                    PackedMatrix.of(transB, b, 4, ldb, k, n).multiply(m, a, 5, lda, actual, 2, ldc, acc);
                    for (int i = 0; i < actual.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])),
                                m + "x" + n + "x" + k + " transB=" + transB + " acc=" + acc + " at " + i);
                    }
                }
            }
        }
    }
}
