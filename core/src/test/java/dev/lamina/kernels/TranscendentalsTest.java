package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TranscendentalsTest {
    /** Random values over the whole useful range, with saturating extremes, at lengths with ragged tails. */
    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 6);
        }
        if (n > 3) {
            x[0] = 100f;
            x[1] = -100f;
            x[2] = 0f;
        }
        return x;
    }

    private static void agree(Transcendentals k) {
        for (int n : new int[] {0, 1, 7, 16, 31, 100, 1000}) {
            float[] x = values(n, n);
            float[] s = x.clone();
            float[] t = x.clone();
            // An offset, to check ranges not starting at 0 are handled.
            float[] s2 = new float[n + 3];
            System.arraycopy(x, 0, s2, 3, n);
            k.sigmoid(s, 0, n);
            k.tanh(t, 0, n);
            k.sigmoid(s2, 3, n);
            for (int i = 0; i < n; i++) {
                double es = 1 / (1 + Math.exp(-x[i]));
                double et = Math.tanh(x[i]);
                assertEquals(es, s[i], 1e-6 * Math.max(1e-30, es) + 1e-7, k.name() + " sigmoid(" + x[i] + ")");
                assertEquals(et, t[i], 3e-7, k.name() + " tanh(" + x[i] + ")");
                assertEquals(s[i], s2[i + 3], 0f, "offset range");
            }
        }
    }

    /** exp(x - shift) into an offset destination, and the sum, against double precision. */
    private static void expShiftSumAgrees(Transcendentals k) {
        for (int n : new int[] {0, 1, 7, 16, 33, 500}) {
            float[] x = values(n, 40 + n);
            float shift = 0f;
            for (float v : x) {
                shift = Math.max(shift, v);
            }
            float[] d = new float[n + 5];
            float sum = k.expShiftSum(x, 0, shift, d, 5, n);
            double expected = 0;
            for (int i = 0; i < n; i++) {
                double e = Math.exp((double) x[i] - shift);
                expected += e;
                assertEquals(e, d[i + 5], 1e-6 * e + 1e-38, k.name() + " exp(" + x[i] + " - " + shift + ")");
            }
            assertEquals(expected, sum, 1e-6 * Math.max(1, expected), k.name() + " sum of " + n);
        }
    }

    @Test
    void expShiftSumMatchesDoublePrecision() {
        expShiftSumAgrees(Transcendentals.scalar());
        expShiftSumAgrees(Transcendentals.get());
    }

    @Test
    void scalarMatchesDoublePrecision() {
        agree(Transcendentals.scalar());
    }

    @Test
    void selectedMatchesDoublePrecision() {
        agree(Transcendentals.get());
        assertTrue(Transcendentals.get().name().startsWith("vector") || Transcendentals.get().name().equals("scalar"));
    }
}
