package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The relu conv gradients read from a max pooling's gradient ({@link ConvKernels#backwardReluPooled})
 * against the reference's: the routed gradient written out, then the plain relu gradients.
 */
class PooledGradientTest {
    private static final ConvKernels REF = new ReferenceConv();
    private static final PoolKernels POOL = new ScalarPool();

    @Test
    void routedGradientIsThePoolingsBackwardPass() {
        Random rnd = new Random(3);
        ConvShape pool = new ConvShape(2, 7, 6, 5, 2, 2, 5, 3, 3, 2, 2, 1, 1, 0, 0);
        float[] x = values(rnd, 2 * 7 * 6 * 5);
        float[] y = new float[pool.pixels() * 5];
        int[] arg = new int[y.length];
        POOL.maxForward(pool, x, 0, y, arg);
        float[] dy = values(rnd, y.length + 3);
        float[] want = new float[x.length];
        POOL.maxBackward(pool, dy, 3, arg, want);
        assertArrayEquals(want, new PooledGradient(pool, dy, 3, arg, y, 0).dense());
    }

    @Test
    void pooledReluGradientsMatchTheReference() {
        Random rnd = new Random(21);
        // conv {n, h, w, cin, cout}, pool {kh, kw, padTop, padLeft} with strides = window:
        // even and odd images (leftover rows and columns no window reads), 3x3 and 1x2 windows,
        // "same" windows starting above and left of the image, ragged and single-vector channels;
        // one thread's work, pixels split into parts, tiles split among threads (the input
        // gradient then runs on its own), and three input channels (W7's first layer).
        int[][][] cases = {
            {{2, 6, 6, 8, 16}, {2, 2, 0, 0}},
            {{4, 13, 11, 32, 64}, {2, 2, 0, 0}},
            {{3, 9, 10, 16, 40}, {3, 3, 0, 0}},
            {{2, 7, 8, 24, 32}, {3, 3, 1, 0}},
            {{2, 5, 9, 32, 48}, {1, 2, 0, 1}},
            {{8, 30, 30, 32, 64}, {2, 2, 0, 0}},
            {{3, 24, 25, 3, 32}, {2, 2, 0, 0}},
            {{2, 4, 4, 64, 128}, {2, 2, 0, 0}},
        };
        for (int[][] c : cases) {
            int n = c[0][0], h = c[0][1], w = c[0][2], cin = c[0][3], cout = c[0][4];
            int ph = c[1][0], pw = c[1][1], padTop = c[1][2], padLeft = c[1][3];
            ConvShape s = new ConvShape(n, h, w, cin, 1, 1, cout, h, w, 1, 1, 1, 1, 0, 0);
            ConvShape pool = new ConvShape(n, h, w, cout, ph, pw, cout, (h + padTop) / ph, (w + padLeft) / pw, ph, pw,
                    1, 1, padTop, padLeft);
            check(s, pool, rnd);
        }
    }

    private static void check(ConvShape s, ConvShape pool, Random rnd) {
        String where = s + " pooled by " + pool;
        int xo = 5, oo = 7, go = 3, ko = 2;
        int xn = s.pixels() * s.cin(), on = s.pixels() * s.cout(), kn = s.cin() * s.cout();
        float[] x = values(rnd, xo + xn);
        float[] k = values(rnd, ko + kn);
        // A relu output with many zeros and many equal values, so ties decide winners.
        float[] out = new float[oo + on];
        for (int i = 0; i < on; i++) {
            out[oo + i] = Math.max(0, rnd.nextInt(5) - 1) * 0.5f;
        }
        float[] y = new float[pool.pixels() * pool.cin()];
        int[] arg = new int[y.length];
        POOL.maxForward(pool, out, oo, y, arg);
        float[] dyp = values(rnd, go + y.length);
        PooledGradient g = new PooledGradient(pool, dyp, go, arg, y, 0);
        float[] dkWant = new float[ko + kn], dbWant = new float[s.cout()], dxWant = new float[xo + xn];
        REF.backwardReluPooled(s, x, xo, g, k, ko, dkWant, ko, dbWant, dxWant, xo);
        // The reference is the plain relu gradient of the routed gradient.
        float[] dkPlain = new float[ko + kn], dbPlain = new float[s.cout()], dxPlain = new float[xo + xn];
        REF.backwardRelu(s, x, xo, g.dense(), 0, out, oo, k, ko, dkPlain, ko, dbPlain, dxPlain, xo);
        assertArrayEquals(dkPlain, dkWant, where);
        assertArrayEquals(dxPlain, dxWant, where);

        ConvKernels fast = new VectorConv();
        float[] dk = ConvKernelsTest.filled(ko + kn), db = ConvKernelsTest.filled(s.cout()), dx = ConvKernelsTest.filled(xo + xn);
        fast.backwardReluPooled(s, x, xo, g, k, ko, dk, ko, db, dx, xo);
        float sumTol = 1e-5f * (s.pixels() + 1);
        ConvKernelsTest.near(dkWant, dk, ko, kn, sumTol, where + " kernel gradient");
        ConvKernelsTest.near(dbWant, db, 0, s.cout(), sumTol, where + " bias gradient");
        ConvKernelsTest.near(dxWant, dx, xo, xn, 1e-5f * (s.cout() + 1), where + " input gradient");
        // Without the input gradient or the bias, the kernel gradient is the same.
        float[] dkOnly = ConvKernelsTest.filled(ko + kn);
        fast.backwardReluPooled(s, x, xo, g, k, ko, dkOnly, ko, null, null, 0);
        ConvKernelsTest.near(dkWant, dkOnly, ko, kn, sumTol, where + " kernel gradient alone");
    }

    @Test
    void aPoolingOfAnotherShapeIsRefused() {
        ConvShape s = new ConvShape(2, 6, 6, 8, 1, 1, 16, 6, 6, 1, 1, 1, 1, 0, 0);
        ConvShape pool = new ConvShape(2, 6, 6, 8, 2, 2, 8, 3, 3, 2, 2, 1, 1, 0, 0);
        PooledGradient g = new PooledGradient(pool, new float[2 * 9 * 8], 0, new int[2 * 9 * 8], new float[2 * 9 * 8], 0);
        for (ConvKernels kernels : new ConvKernels[] {REF, new VectorConv()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernels.backwardReluPooled(s,
                    new float[2 * 36 * 8], 0, g, new float[128], 0, new float[128], 0, null, null, 0));
            assertTrue(e.getMessage().contains("does not read the output"), e.getMessage());
        }
    }

    private static float[] values(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
        }
        return a;
    }
}
