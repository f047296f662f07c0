package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The selected (SIMD) LSTM gate kernel against the plain-Java one, including unit counts with ragged tails. */
class LstmGatesTest {
    private static float[] rand(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * 1.5);
        }
        return a;
    }

    private static void close(float[] a, float[] b, String what) {
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 2e-6 * Math.max(1, Math.abs(a[i])), what + " at " + i);
        }
    }

    @Test
    void usesTheSimdKernelWhenTheVectorApiIsThere() {
        assertEquals(Kernels.vectorized(), LstmGates.get().name().startsWith("vector"), LstmGates.get().name());
        assertEquals(Kernels.vectorized(), Transcendentals.get().name().startsWith("vector"), Transcendentals.get().name());
    }

    @Test
    void forwardAndBackwardAgreeWithTheScalarKernel() {
        LstmGates fast = LstmGates.get();
        LstmGates ref = LstmGates.scalar();
        for (int u : new int[] {1, 7, 16, 32, 37}) {
            Random r = new Random(u);
            int n = 5;
            int gs = 7 * u;
            float[] z = rand(r, 3 + n * 4 * u);
            float[] x = rand(r, 2 + n * 9 * u);
            float[] bias = rand(r, 4 * u);
            float[] c = rand(r, n * u);
            float[][] act = {new float[2 + 5 * gs], new float[2 + 5 * gs]};
            float[][] cn = {new float[n * u], new float[n * u]};
            float[][] hn = {new float[n * u], new float[n * u]};
            LstmGates[] ks = {fast, ref};
            for (int k = 0; k < 2; k++) {
                ks[k].forward(n, u, z, 3, x, 2, 9 * u, bias, c, act[k], 2, gs, cn[k], hn[k]);
            }
            close(act[1], act[0], fast.name() + " gates u=" + u);
            close(cn[1], cn[0], "c' u=" + u);
            close(hn[1], hn[0], "h' u=" + u);
            float[] dh = rand(r, 1 + u);
            float[] cPrev = rand(r, 4 + u);
            float[][] dc = {rand(new Random(9), u + 2), rand(new Random(9), u + 2)};
            float[][] dz = {new float[1 + 4 * u], new float[1 + 4 * u]};
            float[][] db = {rand(new Random(3), 4 * u), rand(new Random(3), 4 * u)};
            for (int k = 0; k < 2; k++) {
                ks[k].backwardRow(u, dh, 1, dc[k], 2, act[1], 2 + u, gs, cPrev, 4, dz[k], 1, db[k]);
            }
            close(dz[1], dz[0], "dz u=" + u);
            close(dc[1], dc[0], "dc u=" + u);
            close(db[1], db[0], "d bias u=" + u);
        }
    }
}
