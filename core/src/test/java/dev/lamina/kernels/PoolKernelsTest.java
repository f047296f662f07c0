package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SIMD pooling against the plain loops: ragged channel tails, overlapping and clipped windows, ties, NaN. */
class PoolKernelsTest {
    private static final PoolKernels REF = new ScalarPool();
    private static final PoolKernels FAST = new VectorPool();

    @Test
    void vectorPoolingIsActiveUnderTheTestJvm() {
        assertEquals(FAST.name(), Kernels.pool().name());
    }

    @Test
    void maxAndAverageMatchTheReference() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 80; trial++) {
            ConvShape s = shape(rnd, trial);
            int xn = s.n() * s.h() * s.w() * s.cin(), yn = s.pixels() * s.cin();
            int xo = rnd.nextInt(3);
            float[] x = GemmContractTest.random(rnd, xo + xn);
            if (trial % 3 == 0) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextInt(3); // many ties: the first cell must win in both
                }
            }
            if (trial % 7 == 0) {
                x[xo + rnd.nextInt(xn)] = Float.NaN;
            }
            String where = s.toString();
            float[] y1 = new float[yn], y2 = new float[yn];
            int[] a1 = new int[yn], a2 = new int[yn];
            REF.maxForward(s, x, xo, y1, a1);
            FAST.maxForward(s, x, xo, y2, a2);
            assertArrayEquals(y1, y2, where);
            assertArrayEquals(a1, a2, where);
            float[] y3 = new float[yn];
            FAST.maxForward(s, x, xo, y3, null); // inference: maxima without indices
            assertArrayEquals(y1, y3, where + " without argmax");

            float[] dy = GemmContractTest.random(rnd, yn + 1);
            float[] d1 = new float[xn], d2 = new float[xn];
            java.util.Arrays.fill(d2, Float.NaN); // max backward overwrites its output
            REF.maxBackward(s, dy, 1, a1, d1);
            FAST.maxBackward(s, dy, 1, a2, d2);
            assertArrayEquals(d1, d2, where);

            REF.avgForward(s, x, xo, y1);
            FAST.avgForward(s, x, xo, y2);
            near(y1, y2, where);
            d1 = new float[xn];
            d2 = new float[xn];
            REF.avgBackward(s, dy, 1, d1);
            FAST.avgBackward(s, dy, 1, d2);
            near(d1, d2, where);
        }
    }

    @Test
    void twoByTwoWindowsOnWholeVectorsMatchTheReference() {
        // The straight-line 2x2 / stride-2 path: odd sizes (a last row and column no window
        // reads), one and three vectors of channels, ties (the first cell wins) and NaN (never
        // replaces a number), with and without the winners' indices.
        Random rnd = new Random(6);
        int l = VectorWidth.S.length();
        for (int[] d : new int[][] {{2, 6, 8, 1}, {3, 7, 5, 3}, {1, 2, 2, 1}, {2, 9, 10, 3}}) {
            int h = d[1], w = d[2], c = d[3] * l;
            ConvShape s = new ConvShape(d[0], h, w, c, 2, 2, c, h / 2, w / 2, 2, 2, 1, 1, 0, 0);
            int xn = s.n() * h * w * c, yn = s.pixels() * c;
            for (int trial = 0; trial < 3; trial++) {
                float[] x = GemmContractTest.random(rnd, xn + 1);
                for (int i = 0; i < x.length && trial == 1; i++) {
                    x[i] = rnd.nextInt(2);
                }
                if (trial == 2) {
                    for (int i = 0; i < 5; i++) {
                        x[1 + rnd.nextInt(xn)] = Float.NaN;
                    }
                }
                float[] y1 = new float[yn], y2 = new float[yn], y3 = new float[yn];
                int[] a1 = new int[yn], a2 = new int[yn];
                REF.maxForward(s, x, 1, y1, a1);
                FAST.maxForward(s, x, 1, y2, a2);
                FAST.maxForward(s, x, 1, y3, null);
                assertArrayEquals(y1, y2, s + " trial " + trial);
                assertArrayEquals(a1, a2, s + " trial " + trial + " winners");
                assertArrayEquals(y1, y3, s + " trial " + trial + " without winners");
            }
        }
    }

    @Test
    void handComputedTwoByTwo() {
        // One 2x2 image, channel values [[1, 5], [5, 2]]: max 5 at the first 5 (index 1), mean 13/4.
        ConvShape s = new ConvShape(1, 2, 2, 1, 2, 2, 1, 1, 1, 2, 2, 1, 1, 0, 0);
        float[] x = {1, 5, 5, 2};
        for (PoolKernels p : new PoolKernels[] {REF, FAST}) {
            float[] y = new float[1];
            int[] a = new int[1];
            p.maxForward(s, x, 0, y, a);
            assertEquals(5f, y[0]);
            assertEquals(1, a[0]);
            p.avgForward(s, x, 0, y);
            assertEquals(3.25f, y[0]);
        }
    }

    private static ConvShape shape(Random rnd, int trial) {
        int c = trial < 10 || trial % 4 == 0 ? 8 * (1 + rnd.nextInt(4)) : 1 + rnd.nextInt(21);
        int kh = 1 + rnd.nextInt(3), kw = 1 + rnd.nextInt(3);
        int sh = 1 + rnd.nextInt(3), sw = 1 + rnd.nextInt(3);
        if (trial % 2 == 0) { // windows that tile the image (the common 2x2 / stride 2)
            sh = kh;
            sw = kw;
        }
        int h = kh + rnd.nextInt(6), w = kw + rnd.nextInt(6);
        if (rnd.nextBoolean()) { // "same": out = ceil(n / s), extra padding after
            int ho = (h + sh - 1) / sh, wo = (w + sw - 1) / sw;
            int pt = Math.max((ho - 1) * sh + kh - h, 0) / 2, pl = Math.max((wo - 1) * sw + kw - w, 0) / 2;
            return new ConvShape(1 + rnd.nextInt(3), h, w, c, kh, kw, c, ho, wo, sh, sw, 1, 1, pt, pl);
        }
        return new ConvShape(1 + rnd.nextInt(3), h, w, c, kh, kw, c, (h - kh) / sh + 1, (w - kw) / sw + 1, sh, sw, 1, 1, 0, 0);
    }

    private static void near(float[] a, float[] b, String where) {
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= 1e-6f * Math.max(1f, Math.abs(a[i])) || (Float.isNaN(a[i]) && Float.isNaN(b[i])),
                    where + " at " + i + ": " + a[i] + " vs " + b[i]);
        }
    }
}
