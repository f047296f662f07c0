package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked SIMD row-times-matrix against plain double sums, on column tails and strides. */
class GemvTest {
    @Test
    void matchesPlainSumsOnEveryTail() {
        Random rnd = new Random(21);
        Gemv[] impls = {new VectorGemv(), new ScalarGemv()};
        for (int[] nk : new int[][] {{1, 1}, {7, 3}, {8, 5}, {63, 17}, {64, 1}, {65, 9}, {130, 40}, {512, 784}, {300, 257}}) {
            int n = nk[0], k = nk[1], ldb = n + rnd.nextInt(3), aOff = rnd.nextInt(3), bOff = rnd.nextInt(3);
            float[] a = GemmContractTest.random(rnd, aOff + k);
            float[] b = GemmContractTest.random(rnd, bOff + k * ldb);
            for (Gemv g : impls) {
                float[] c = new float[n + 2];
                java.util.Arrays.fill(c, Float.NaN);
                g.gemv(n, k, a, aOff, b, bOff, ldb, c, 1);
                for (int j = 0; j < n; j++) {
                    double want = 0, abs = 0;
                    for (int p = 0; p < k; p++) {
                        want += (double) a[aOff + p] * b[bOff + p * ldb + j];
                        abs += Math.abs((double) a[aOff + p] * b[bOff + p * ldb + j]);
                    }
                    assertEquals(want, c[1 + j], 1e-6 * (abs + 1), g.name() + " n " + n + " k " + k + " column " + j);
                }
            }
        }
    }

    @Test
    void vectorGemvIsActiveUnderTheTestJvm() {
        assertTrue(Kernels.gemv().name().matches("vector-(64|128)"), Kernels.gemv().name());
    }
}
