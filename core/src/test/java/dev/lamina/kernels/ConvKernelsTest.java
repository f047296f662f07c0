package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct SIMD convolutions and the im2col + GEMM ones against the plain reference, on
 * random geometries: ragged channel counts (tails of the 16-wide panels), fewer than six output
 * pixels, strides, dilations, asymmetric padding, offsets into larger arrays.
 */
class ConvKernelsTest {
    private static final ConvKernels REF = new ReferenceConv();
    private static final ConvKernels[] FAST = {new VectorConv(), new ScalarConv()};

    @Test
    void directKernelsAreActiveUnderTheTestJvm() {
        assertTrue(Kernels.conv().name().matches("direct-6x(16|32)"), Kernels.conv().name());
    }

    @Test
    void allPassesMatchTheReferenceOnRandomGeometries() {
        Random rnd = new Random(11);
        for (ConvShape s : shapes(rnd, 60)) {
            for (ConvKernels fast : FAST) {
                check(fast, s, rnd, false);
            }
        }
    }

    @Test
    void winogradLayersMatchTheReference() {
        Random rnd = new Random(13);
        // 3x3 stride-1 layers that take the Winograd path forward, for the input gradient, or
        // both: even and odd outputs (partial tiles), several blocks of tiles, asymmetric
        // padding, 16/32/48/64 channels, one image and several.
        ConvShape[] shapes = {
            new ConvShape(2, 8, 8, 32, 3, 3, 32, 8, 8, 1, 1, 1, 1, 1, 1),
            new ConvShape(1, 9, 7, 16, 3, 3, 32, 9, 7, 1, 1, 1, 1, 1, 1),
            new ConvShape(2, 11, 10, 32, 3, 3, 64, 9, 8, 1, 1, 1, 1, 0, 0),
            new ConvShape(1, 6, 13, 48, 3, 3, 32, 6, 13, 1, 1, 1, 1, 0, 2),
            new ConvShape(3, 5, 6, 32, 3, 3, 32, 5, 6, 1, 1, 1, 1, 1, 1),
            new ConvShape(1, 7, 9, 64, 3, 3, 32, 7, 9, 1, 1, 1, 1, 1, 1),
            new ConvShape(1, 9, 7, 32, 3, 3, 48, 9, 7, 1, 1, 1, 1, 1, 1)};
        for (ConvShape s : shapes) {
            assertTrue(WinogradConv.applies(3, 3, 1, 1, 1, 1, s.cin(), s.cout(), s.ho(), s.wo())
                    || WinogradConv.applies(3, 3, 1, 1, 1, 1, s.cout(), s.cin(), s.h(), s.w()), s.toString());
            check(new VectorConv(), s, rnd, false);
        }
    }

    @Test
    void winograd4GradientsMatchTheReferenceClosely() {
        Random rnd = new Random(15);
        // 3x3 stride-1 layers whose gradients take F(4x4, 3x3): whole and partial 4x4 tiles,
        // valid and asymmetric padding, one block of tiles and enough blocks for every part,
        // 16 to 64 channels. Besides the per-element check, a bound relative to the largest value
        // (F(4x4, 3x3) rounds to about 1e-6 of it; a wrong tap or transform is off by its size).
        ConvShape[] shapes = {
            new ConvShape(2, 8, 8, 32, 3, 3, 32, 8, 8, 1, 1, 1, 1, 1, 1),
            new ConvShape(1, 9, 7, 16, 3, 3, 32, 9, 7, 1, 1, 1, 1, 1, 1),
            new ConvShape(2, 11, 10, 32, 3, 3, 64, 9, 8, 1, 1, 1, 1, 0, 0),
            new ConvShape(1, 13, 6, 16, 3, 3, 32, 11, 6, 1, 1, 1, 1, 0, 2),
            new ConvShape(1, 7, 11, 32, 3, 3, 32, 7, 11, 1, 1, 1, 1, 1, 1),
            new ConvShape(8, 22, 23, 16, 3, 3, 32, 22, 23, 1, 1, 1, 1, 1, 1)};
        int saved = Parallel.threads();
        try {
            for (ConvShape s : shapes) {
                assertTrue(WinogradKernelGradient.applies(s), s.toString());
                check(new VectorConv(), s, rnd, false);
                int xn = s.n() * s.h() * s.w() * s.cin(), yn = s.pixels() * s.cout(), kn = s.patch() * s.cout();
                float[] x = GemmContractTest.random(rnd, xn), dy = GemmContractTest.random(rnd, yn);
                float[] k = GemmContractTest.random(rnd, kn), out = GemmContractTest.random(rnd, yn + 3);
                float[] dkWant = new float[kn], dbWant = new float[s.cout()];
                REF.backwardKernelRelu(s, x, 0, dy, 0, out, 3, dkWant, 0, dbWant);
                float[][] dk = new float[2][kn];
                float[] db = new float[s.cout()];
                for (int t = 1; t <= 2; t++) {
                    Parallel.setThreads(t);
                    new VectorConv().backwardKernelRelu(s, x, 0, dy, 0, out, 3, dk[t - 1], 0, db);
                }
                closeToTheLargest(dkWant, dk[0], s + " relu kernel gradient");
                closeToTheLargest(dbWant, db, s + " relu bias gradient");
                assertTrue(java.util.Arrays.equals(dk[0], dk[1]), s + ": the kernel gradient depends on the thread count");
                float[] dxWant = new float[xn], dxGot = new float[xn];
                REF.backwardInputRelu(s, dy, 0, out, 3, k, 0, dxWant, 0);
                new VectorConv().backwardInputRelu(s, dy, 0, out, 3, k, 0, dxGot, 0);
                closeToTheLargest(dxWant, dxGot, s + " relu input gradient");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void winograd4InputGradientsWithAnOddVectorOfChannelsMatchTheReference() {
        Random rnd = new Random(16);
        // Input gradients whose correlation outputs (the layer's input channels) are one or three
        // vectors: F(4x4, 3x3) takes them with a one-vector register tile for the last vector.
        ConvShape[] shapes = {
            new ConvShape(2, 12, 12, 16, 3, 3, 16, 12, 12, 1, 1, 1, 1, 1, 1),
            new ConvShape(1, 13, 11, 48, 3, 3, 32, 13, 11, 1, 1, 1, 1, 1, 1)};
        for (ConvShape s : shapes) {
            assertTrue(!WinogradConv.applies(3, 3, 1, 1, 1, 1, s.cout(), s.cin(), s.h(), s.w())
                    && Winograd4.applies(3, 3, 1, 1, s.cout(), s.cin(), s.h(), s.w()), s.toString());
            check(new VectorConv(), s, rnd, false);
            int xn = s.n() * s.h() * s.w() * s.cin(), yn = s.pixels() * s.cout(), kn = s.patch() * s.cout();
            float[] dy = GemmContractTest.random(rnd, yn), k = GemmContractTest.random(rnd, kn);
            float[] dxWant = new float[xn], dxGot = new float[xn];
            REF.backwardInput(s, dy, 0, k, 0, dxWant, 0);
            new VectorConv().backwardInput(s, dy, 0, k, 0, dxGot, 0);
            closeToTheLargest(dxWant, dxGot, s + " input gradient");
        }
    }

    @Test
    void trainingForwardPassesMatchTheReferenceClosely() {
        Random rnd = new Random(17);
        // F(4x4, 3x3) in a training step's forward pass: whole and partial tiles, one and two
        // vectors of output channels, bias and relu; a strided layer keeps the exact pass.
        ConvShape[] shapes = {
            new ConvShape(2, 16, 16, 32, 3, 3, 32, 16, 16, 1, 1, 1, 1, 1, 1),
            new ConvShape(1, 13, 11, 16, 3, 3, 16, 13, 11, 1, 1, 1, 1, 1, 1),
            new ConvShape(2, 12, 14, 32, 3, 3, 48, 10, 12, 1, 1, 1, 1, 0, 0),
            new ConvShape(2, 16, 16, 32, 3, 3, 32, 8, 8, 2, 2, 1, 1, 0, 0)};
        for (ConvShape s : shapes) {
            float[] x = GemmContractTest.random(rnd, s.n() * s.h() * s.w() * s.cin());
            float[] k = GemmContractTest.random(rnd, s.patch() * s.cout());
            float[] bias = GemmContractTest.random(rnd, s.cout());
            float[] want = new float[s.pixels() * s.cout()], got = filled(want.length), exact = filled(want.length);
            REF.forward(s, x, 0, k, 0, bias, 0, true, want, 0);
            new VectorConv().forwardTraining(s, x, 0, k, 0, bias, 0, true, got, 0);
            closeToTheLargest(want, got, s + " training forward");
            new VectorConv().forward(s, x, 0, k, 0, bias, 0, true, exact, 0);
            boolean f4 = s.strideH() == 1;
            assertEquals(!f4, java.util.Arrays.equals(exact, got), s + ": F(4x4) only where it applies");
        }
    }

    private static void closeToTheLargest(float[] want, float[] got, String where) {
        float largest = 0f;
        for (float w : want) {
            largest = Math.max(largest, Math.abs(w));
        }
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= 1e-5f * largest, where + " at " + i + ": want " + want[i] + ", got " + got[i]);
        }
    }

    @Test
    void kernelGradientsWithAtMostAVectorOfOutputsMatchTheReference() {
        Random rnd = new Random(15);
        // Layers whose kernel gradient takes the transposed tiles: patch runs of two to five
        // vectors (tiles of three, of two, two of two, three and two), ragged channel tiles
        // (10 and 3 outputs repeat their last channel), dilated runs (one per kernel column),
        // stride 2, pixels split into parts (large) and tiles split among threads (small); the
        // fused 1x1 input gradient rides on the same masked batches.
        ConvShape[] shapes = {
            new ConvShape(4, 20, 20, 16, 3, 3, 16, 20, 20, 1, 1, 1, 1, 1, 1),
            new ConvShape(2, 9, 9, 32, 1, 1, 16, 9, 9, 1, 1, 1, 1, 0, 0),
            new ConvShape(2, 7, 8, 64, 1, 1, 10, 7, 8, 1, 1, 1, 1, 0, 0),
            new ConvShape(1, 9, 9, 16, 5, 5, 3, 9, 9, 1, 1, 1, 1, 2, 2),
            new ConvShape(2, 10, 10, 32, 3, 3, 16, 6, 6, 1, 1, 2, 2, 0, 0),
            new ConvShape(3, 16, 16, 16, 3, 3, 16, 8, 8, 2, 2, 1, 1, 0, 0),
            new ConvShape(16, 32, 32, 32, 1, 1, 16, 32, 32, 1, 1, 1, 1, 0, 0)};
        for (ConvShape s : shapes) {
            int runLen = s.dilationW() == 1 ? s.kw() * s.cin() : s.cin();
            assertTrue(VectorWidth.S.vectorBitSize() != 512 || ConvKernelGradientColumns.applies(s.cout(), runLen), s.toString());
            check(new VectorConv(), s, rnd, false);
        }
    }

    @Test
    void pointwiseLayersMatchTheReference() {
        Random rnd = new Random(14);
        // 1x1 layers, whose input gradient rides on the kernel gradient's masked batches: one
        // thread's work (small), pixels split into parts (large), tiles split among threads
        // (few pixels per channel: the input gradient then runs on its own), rows narrower than
        // the six-pixel tile, three input channels (W7's first layer), ragged output channels;
        // one to four input channels with a vector of output channels and a tail (the input
        // gradient as dot products), and four with fewer outputs than a vector (the tile again);
        // input channels in pairs of vectors take the twelve-row tile for the input gradient too,
        // over a ragged last tile (35 pixels) or not at all (9).
        int forwardTiles = 0;
        for (ConvShape s : new ConvShape[] {
                new ConvShape(2, 7, 6, 2, 1, 1, 20, 7, 6, 1, 1, 1, 1, 0, 0),
                new ConvShape(3, 16, 15, 1, 1, 1, 40, 16, 15, 1, 1, 1, 1, 0, 0),
                new ConvShape(2, 9, 9, 4, 1, 1, 16, 9, 9, 1, 1, 1, 1, 0, 0),
                new ConvShape(2, 9, 9, 4, 1, 1, 8, 9, 9, 1, 1, 1, 1, 0, 0),
                new ConvShape(2, 5, 4, 3, 1, 1, 32, 5, 4, 1, 1, 1, 1, 0, 0),
                new ConvShape(4, 30, 30, 16, 1, 1, 40, 30, 30, 1, 1, 1, 1, 0, 0),
                new ConvShape(8, 12, 12, 32, 1, 1, 64, 12, 12, 1, 1, 1, 1, 0, 0),
                new ConvShape(3, 9, 9, 64, 1, 1, 128, 9, 9, 1, 1, 1, 1, 0, 0),
                new ConvShape(2, 40, 5, 48, 1, 1, 16, 40, 5, 1, 1, 1, 1, 0, 0),
                new ConvShape(3, 31, 33, 3, 1, 1, 32, 31, 33, 1, 1, 1, 1, 0, 0),
                new ConvShape(1, 7, 5, 64, 1, 1, 32, 7, 5, 1, 1, 1, 1, 0, 0),
                new ConvShape(1, 3, 3, 32, 1, 1, 16, 3, 3, 1, 1, 1, 1, 0, 0)}) {
            assertTrue(s.isPointwise(), s.toString());
            check(new VectorConv(), s, rnd, false);
            forwardTiles += ConvPointwiseForward.applies(s) ? 1 : 0;
        }
        // Output channels in pairs of vectors take the twelve-pixel forward tile (on AVX-512).
        assertTrue(VectorWidth.S.vectorBitSize() != 512 || forwardTiles >= 4, "twelve-pixel tiles: " + forwardTiles);
    }

    @Test
    void depthwiseMatchesTheReference() {
        Random rnd = new Random(12);
        // The sliding 3-wide kernels: 16/32 channels, rows of 8 or more, valid and same, tails.
        for (ConvShape d : new ConvShape[] {
                new ConvShape(2, 6, 12, 16, 3, 3, 16, 4, 10, 1, 1, 1, 1, 0, 0),
                new ConvShape(1, 5, 13, 32, 3, 3, 32, 5, 13, 1, 1, 1, 1, 1, 1),
                new ConvShape(2, 9, 9, 24, 3, 3, 24, 7, 7, 2, 1, 1, 1, 0, 0),
                new ConvShape(1, 7, 20, 16, 2, 3, 16, 6, 18, 1, 1, 2, 1, 0, 0),
                // Both gradients in one pass (DepthwiseGradients): row parts over several images
                // (W7's valid 3x3), same padding (edges on both sides), an odd row with a
                // partial last tile, dilated same padding, a 5x3 kernel with asymmetric padding.
                new ConvShape(4, 30, 30, 32, 3, 3, 32, 28, 28, 1, 1, 1, 1, 0, 0),
                new ConvShape(2, 9, 24, 32, 3, 3, 32, 9, 24, 1, 1, 1, 1, 1, 1),
                new ConvShape(1, 5, 17, 16, 3, 3, 16, 3, 15, 1, 1, 1, 1, 0, 0),
                new ConvShape(3, 11, 18, 64, 3, 3, 64, 11, 18, 1, 1, 2, 2, 2, 2),
                new ConvShape(2, 7, 20, 16, 5, 3, 16, 5, 20, 1, 1, 1, 1, 1, 2)}) {
            assertTrue(d.w() < 16 || d.strideW() > 1 || DepthwiseGradients.applies(d), d.toString());
            for (ConvKernels fast : FAST) {
                check(fast, d, rnd, true);
            }
        }
        int trial = 0;
        for (ConvShape s : shapes(rnd, 60)) {
            // Multiplier 1 (the SIMD paths) two times in three; channels a multiple of 8 every other time.
            int m = trial % 3 == 2 ? 2 + rnd.nextInt(2) : 1;
            int c = trial++ % 2 == 0 ? 8 * (1 + rnd.nextInt(3)) : s.cin();
            ConvShape d = new ConvShape(s.n(), s.h(), s.w(), c, s.kh(), s.kw(), c * m, s.ho(), s.wo(),
                    s.strideH(), s.strideW(), s.dilationH(), s.dilationW(), s.padTop(), s.padLeft());
            for (ConvKernels fast : FAST) {
                check(fast, d, rnd, true);
            }
        }
    }

    @Test
    void handComputedForwardAndGradients() {
        // x = [[1, 2], [3, 4]] (one channel), k 2x2 = [[1, 0], [0, -1]], valid: y = 1*1 - 4 = -3.
        ConvShape s = new ConvShape(1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        float[] x = {1, 2, 3, 4}, k = {1, 0, 0, -1};
        for (ConvKernels c : new ConvKernels[] {REF, FAST[0], FAST[1]}) {
            float[] y = {Float.NaN};
            c.forward(s, x, 0, k, 0, null, 0, false, y, 0);
            assertEquals(-3f, y[0], 0f, c.name());
            c.forward(s, x, 0, k, 0, new float[] {2f}, 0, true, y, 0);
            assertEquals(0f, y[0], 0f, c.name() + ": relu(-3 + 2)");
            c.forward(s, x, 0, k, 0, new float[] {5f}, 0, true, y, 0);
            assertEquals(2f, y[0], 0f, c.name() + ": relu(-3 + 5)");
            // dy = 2: dx = 2 k = [2, 0, 0, -2]; dk = 2 x = [2, 4, 6, 8].
            float[] dx = new float[4], dk = new float[4];
            c.backwardInput(s, new float[] {2}, 0, k, 0, dx, 0);
            c.backwardKernel(s, x, 0, new float[] {2}, 0, dk, 0);
            assertEquals(List.of(2f, 0f, 0f, -2f), List.of(dx[0], dx[1], dx[2], dx[3]), c.name());
            assertEquals(List.of(2f, 4f, 6f, 8f), List.of(dk[0], dk[1], dk[2], dk[3]), c.name());
        }
    }

    private static List<ConvShape> shapes(Random rnd, int count) {
        List<ConvShape> out = new ArrayList<>();
        // The workloads' shapes first (W2, W5 as a 1-row conv, W6), then random ones.
        out.add(new ConvShape(2, 13, 13, 32, 3, 3, 64, 11, 11, 1, 1, 1, 1, 0, 0));
        out.add(new ConvShape(2, 1, 40, 24, 1, 7, 32, 1, 34, 1, 1, 1, 1, 0, 0));
        out.add(new ConvShape(2, 8, 8, 32, 3, 3, 32, 8, 8, 1, 1, 1, 1, 1, 1));
        out.add(new ConvShape(2, 8, 8, 32, 3, 3, 16, 4, 4, 2, 2, 1, 1, 0, 0));
        out.add(new ConvShape(3, 5, 5, 1, 3, 3, 32, 3, 3, 1, 1, 1, 1, 0, 0));
        while (out.size() < count) {
            int kh = 1 + rnd.nextInt(4), kw = 1 + rnd.nextInt(4);
            int sh = 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 3), sw = 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 3);
            int dh = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 3 : 1), dw = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 3 : 1);
            int h = (kh - 1) * dh + 1 + rnd.nextInt(7), w = (kw - 1) * dw + 1 + rnd.nextInt(9);
            int pt = rnd.nextInt((kh - 1) * dh + 1), pl = rnd.nextInt((kw - 1) * dw + 1);
            int padBottom = rnd.nextInt((kh - 1) * dh + 1), padRight = rnd.nextInt((kw - 1) * dw + 1);
            int ho = (h + pt + padBottom - (kh - 1) * dh - 1) / sh + 1;
            int wo = (w + pl + padRight - (kw - 1) * dw - 1) / sw + 1;
            int cin = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 40), cout = 1 + rnd.nextInt(rnd.nextBoolean() ? 9 : 40);
            out.add(new ConvShape(1 + rnd.nextInt(3), h, w, cin, kh, kw, cout, ho, wo, sh, sw, dh, dw, pt, pl));
        }
        return out;
    }

    private static void check(ConvKernels fast, ConvShape s, Random rnd, boolean depthwise) {
        int xn = s.n() * s.h() * s.w() * s.cin();
        int kn = depthwise ? s.kh() * s.kw() * s.cout() : s.patch() * s.cout();
        int yn = s.pixels() * s.cout();
        int xo = rnd.nextInt(3), ko = rnd.nextInt(3), yo = rnd.nextInt(3);
        float[] x = GemmContractTest.random(rnd, xo + xn + 2);
        float[] k = GemmContractTest.random(rnd, ko + kn + 2);
        float[] dy = GemmContractTest.random(rnd, yo + yn + 2);
        String where = fast.name() + (depthwise ? " depthwise " : " ") + s;

        float[] want = new float[yo + yn + 2];
        float[] got = filled(want.length);
        if (depthwise) {
            REF.depthwiseForward(s, x, xo, k, ko, want, yo);
            fast.depthwiseForward(s, x, xo, k, ko, got, yo);
        } else {
            REF.forward(s, x, xo, k, ko, null, 0, false, want, yo);
            fast.forward(s, x, xo, k, ko, null, 0, false, got, yo);
            near(want, got, yo, yn, tolerance(s, depthwise), where + " forward");
            // With a bias (at an offset) and relu fused in.
            float[] bias = GemmContractTest.random(rnd, s.cout() + 1);
            REF.forward(s, x, xo, k, ko, bias, 1, true, want, yo);
            got = filled(want.length);
            fast.forward(s, x, xo, k, ko, bias, 1, true, got, yo);
        }
        near(want, got, yo, yn, tolerance(s, depthwise), where + " forward");

        float[] dxWant = new float[xo + xn + 2];
        float[] dxGot = filled(dxWant.length);
        if (depthwise) {
            REF.depthwiseBackwardInput(s, dy, yo, k, ko, dxWant, xo);
            fast.depthwiseBackwardInput(s, dy, yo, k, ko, dxGot, xo);
        } else {
            REF.backwardInput(s, dy, yo, k, ko, dxWant, xo);
            fast.backwardInput(s, dy, yo, k, ko, dxGot, xo);
        }
        near(dxWant, dxGot, xo, xn, tolerance(s, depthwise), where + " input gradient");

        float[] dkWant = new float[ko + kn + 2];
        float[] dkGot = filled(dkWant.length);
        if (depthwise) {
            REF.depthwiseBackwardKernel(s, x, xo, dy, yo, dkWant, ko);
            fast.depthwiseBackwardKernel(s, x, xo, dy, yo, dkGot, ko);
        } else {
            REF.backwardKernel(s, x, xo, dy, yo, dkWant, ko);
            fast.backwardKernel(s, x, xo, dy, yo, dkGot, ko);
        }
        near(dkWant, dkGot, ko, kn, 1e-5f * (s.pixels() + 1), where + " kernel gradient");
        if (depthwise) {
            // Both gradients in one call, as the layer asks (one pass over dy where the kernels can).
            float[] dxBoth = filled(dxWant.length), dkBoth = filled(dkWant.length);
            fast.depthwiseBackward(s, x, xo, dy, yo, k, ko, dkBoth, ko, dxBoth, xo);
            near(dxWant, dxBoth, xo, xn, tolerance(s, true), where + " input gradient, both at once");
            near(dkWant, dkBoth, ko, kn, 1e-5f * (s.pixels() + 1), where + " kernel gradient, both at once");
        }

        if (!depthwise) {
            // Relu-fused: dy masked where the output is not positive, and the bias gradient.
            float[] out = GemmContractTest.random(rnd, yo + yn + 2);
            float[] dbWant = new float[s.cout()];
            float[] dbGot = filled(s.cout());
            dkGot = filled(dkWant.length);
            REF.backwardKernelRelu(s, x, xo, dy, yo, out, yo, dkWant, ko, dbWant);
            fast.backwardKernelRelu(s, x, xo, dy, yo, out, yo, dkGot, ko, dbGot);
            near(dkWant, dkGot, ko, kn, 1e-5f * (s.pixels() + 1), where + " relu kernel gradient");
            near(dbWant, dbGot, 0, s.cout(), 1e-5f * (s.pixels() + 1), where + " relu bias gradient");
            dxGot = filled(dxWant.length);
            REF.backwardInputRelu(s, dy, yo, out, yo, k, ko, dxWant, xo);
            fast.backwardInputRelu(s, dy, yo, out, yo, k, ko, dxGot, xo);
            near(dxWant, dxGot, xo, xn, tolerance(s, false), where + " relu input gradient");
            // Both relu gradients in one call, as the layers ask (1x1 layers: one pass over dy).
            float[] dxBoth = filled(dxWant.length), dkBoth = filled(dkWant.length), dbBoth = filled(s.cout());
            fast.backwardRelu(s, x, xo, dy, yo, out, yo, k, ko, dkBoth, ko, dbBoth, dxBoth, xo);
            near(dkWant, dkBoth, ko, kn, 1e-5f * (s.pixels() + 1), where + " relu kernel gradient, both at once");
            near(dbWant, dbBoth, 0, s.cout(), 1e-5f * (s.pixels() + 1), where + " relu bias gradient, both at once");
            near(dxWant, dxBoth, xo, xn, tolerance(s, false), where + " relu input gradient, both at once");
        }
    }

    /** Outputs start as NaN so an element a kernel forgets to write fails the comparison. */
    static float[] filled(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    private static float tolerance(ConvShape s, boolean depthwise) {
        return 1e-5f * (depthwise ? s.kh() * s.kw() * (s.cout() / s.cin()) + 1 : s.patch() * s.cout() + 1);
    }

    static void near(float[] want, float[] got, int off, int n, float tol, String where) {
        for (int i = 0; i < n; i++) {
            float w = want[off + i], g = got[off + i];
            assertTrue(Math.abs(w - g) <= tol * Math.max(1f, Math.abs(w)), where + " at " + i + ": want " + w + ", got " + g);
        }
    }
}
