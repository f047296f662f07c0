package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvKernels#forwardMaxPooled}: the fast kernels' pooling of a 1x1 layer band by band
 * against the reference's layer output pooled by the scalar pooling, values and winners. Inputs
 * are small multiples of powers of two, so every sum is exact and winners (ties among relu's
 * zeros included) must agree exactly.
 */
class ConvPointwisePooledTest {
    private static final ConvKernels REF = new ReferenceConv();
    private static final PoolKernels POOL = new ScalarPool();

    @Test
    void pooledBandsMatchTheLayerThenThePooling() {
        Random rnd = new Random(5);
        // {n, h, w, cin, cout}: W7's shapes scaled down (one and two pairs of vectors out), a band
        // of exactly one tile, odd rows and columns no window reads, three input channels, and
        // channels the band kernel does not take (the default path, same answer).
        int[][] cases = {{2, 6, 8, 32, 64}, {3, 4, 6, 16, 32}, {1, 2, 6, 8, 128}, {2, 7, 9, 32, 64}, {2, 6, 10, 3, 32},
                         {1, 4, 4, 8, 16}, {1, 6, 6, 5, 40}};
        for (int[] c : cases) {
            int n = c[0], h = c[1], w = c[2], cin = c[3], cout = c[4];
            ConvShape s = new ConvShape(n, h, w, cin, 1, 1, cout, h, w, 1, 1, 1, 1, 0, 0);
            ConvShape pool = new ConvShape(n, h, w, cout, 2, 2, cout, h / 2, w / 2, 2, 2, 1, 1, 0, 0);
            check(s, pool, rnd);
        }
    }

    private static void check(ConvShape s, ConvShape pool, Random rnd) {
        String where = s + " pooled by " + pool;
        int xo = 3, ko = 5, bo = 2;
        float[] x = exact(rnd, xo + s.pixels() * s.cin(), 0.5f);
        float[] k = exact(rnd, ko + s.cin() * s.cout(), 0.25f);
        float[] b = exact(rnd, bo + s.cout(), 0.5f);
        float[] out = new float[s.pixels() * s.cout()];
        REF.forward(s, x, xo, k, ko, b, bo, true, out, 0);
        int count = pool.pixels() * pool.cin();
        float[] want = new float[count];
        int[] wantArg = new int[count];
        POOL.maxForward(pool, out, 0, want, wantArg);

        ConvKernels fast = new VectorConv();
        float[] y = ConvKernelsTest.filled(count);
        int[] arg = new int[count];
        java.util.Arrays.fill(arg, -7);
        fast.forwardMaxPooled(s, x, xo, k, ko, b, bo, true, pool, y, arg);
        assertArrayEquals(want, y, where + " maxima");
        assertArrayEquals(wantArg, arg, where + " winners");
        float[] inferred = ConvKernelsTest.filled(count);
        fast.forwardMaxPooled(s, x, xo, k, ko, b, bo, true, pool, inferred, null);
        assertArrayEquals(want, inferred, where + " maxima without winners");
        if (VectorWidth.S.vectorBitSize() == 512 && s.cout() % 32 == 0 && s.wo() >= 6) {
            assertTrue(fast.fusesMaxPool(s, pool), where + " pools band by band");
        }
        assertEquals(false, REF.fusesMaxPool(s, pool), "the reference writes the layer's output out");
    }

    @Test
    void aPoolingOfAnotherShapeIsRefused() {
        ConvShape s = new ConvShape(1, 4, 6, 8, 1, 1, 32, 4, 6, 1, 1, 1, 1, 0, 0);
        ConvShape pool = new ConvShape(1, 4, 6, 16, 2, 2, 16, 2, 3, 2, 2, 1, 1, 0, 0);
        for (ConvKernels kernels : new ConvKernels[] {REF, new VectorConv()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernels.forwardMaxPooled(s,
                    new float[4 * 6 * 8], 0, new float[8 * 32], 0, null, 0, true, pool, new float[6 * 16], null));
            assertTrue(e.getMessage().contains("does not read the output"), e.getMessage());
        }
    }

    /** Values {@code step * m} for small integers m: products and their sums are exact in float. */
    private static float[] exact(Random rnd, int n, float step) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (rnd.nextInt(9) - 4) * step;
        }
        return a;
    }
}
