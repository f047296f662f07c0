package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct NHWC convolutions on {@link VectorWidth} lanes (512-bit on AVX-512, else 256), without
 * im2col.
 *
 * <p>Forward: the output is a (pixels x cout) matrix whose row p is patch(p) @ K, so the
 * register tile ({@link ConvForwardTiles}) is six output pixels by NB (two vectors of) output channels: twelve
 * accumulators, and per step of the patch two kernel vectors and six broadcast input values
 * (one vector and six accumulators when the layer has at most one vector of output channels;
 * patch rows of a length that is not a multiple of four take a copy of the tile compiled from
 * their own profile).
 * The kernel is packed once per call into NB-wide panels (patch-major, zero-padded channels).
 * Padding is materialized once per call (a zero-bordered copy of the input) so the inner loop
 * never tests bounds; with stride-1 columns and no dilation a patch row of {@code kw * cin}
 * values is contiguous in the input, which is the inner loop's length. The six pixels of a
 * tile are any six (each has its own input offset), so tiles run on across output rows and
 * the last one overlaps its neighbour instead of needing a narrower kernel.
 *
 * <p>Stride-1 3x3 layers whose channels fill whole vectors take {@link WinogradConv} instead:
 * F(2x2, 3x3) forward (2.25x fewer multiply-adds), and for the gradients and a training step's
 * forward pass ({@link #forwardTraining}) F(4x4, 3x3) ({@link Winograd4}: 4x fewer, with
 * rounding that training tolerates but predictions need not carry) where the output is large
 * enough, the input gradient through the same block loop and the kernel gradient in
 * {@link WinogradKernelGradient}. 1x1 layers whose outputs come in pairs of vectors take the
 * twelve-pixel tile of {@link ConvPointwiseForward} forward and for the input gradient.
 *
 * <p>Input gradient: for stride 1, a forward convolution of the zero-padded output gradient
 * with the kernel flipped in space and transposed in channels; strided layers, and valid ones
 * whose flipped correlation would mostly multiply a zero border, scatter instead
 * ({@link ConvScatterInput}). Kernel gradient: {@link ConvKernelGradient} where Winograd does not apply.
 *
 * <p>Work is split over tiles with {@link Parallel}; every thread writes its own part of the
 * output, so results do not depend on the thread count. Depthwise convolutions vectorize over
 * channels ({@link VectorDepthwise}).
 */
public final class VectorConv implements ConvKernels {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Output channels per register tile (two vectors). */
    private static final int NB = 2 * L;
    /** Pixels (forward) or patch positions (kernel gradient) per register tile (six: see the class comment). */
    static final int MB = 6;
    /** Output blocks per group in the forward pass (each kernel panel sweeps a group). */
    private static final int GROUP = 8;
    /** Multiply-adds below which a parallel split costs more than it saves. */
    static final long MIN_PARALLEL_MACS = 200_000;

    private final ConvKernels fallback = new ScalarConv();
    private final VectorDepthwise depthwise = new VectorDepthwise(fallback);

    // ------------------------------------------------------------------ forward

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bias, int bOff, boolean relu,
                        float[] y, int yOff) {
        if (s.pixels() == 0) {
            return;
        }
        ConvScratch sc = ConvScratch.get();
        float[] bp = biasCopy(bias, bOff, s.cout(), (s.cout() + NB - 1) / NB * NB);
        if (WinogradConv.applies(s.kh(), s.kw(), s.strideH(), s.strideW(), s.dilationH(), s.dilationW(), s.cin(), s.cout(),
                s.ho(), s.wo())) {
            winogradForward(sc, s, x, xOff, k, kOff, bp, relu, y, yOff, 2);
            return;
        }
        if (ConvPointwiseForward.applies(s)) {
            ConvPointwiseForward.forward(s, x, xOff, packForward(sc, k, kOff, s.cin(), s.cout()), bp, relu, y, yOff);
            return;
        }
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), s.cin(), s.padTop(), s.padLeft(),
                rowsNeeded(s.ho(), s.strideH(), s.kh(), s.dilationH()), rowsNeeded(s.wo(), s.strideW(), s.kw(), s.dilationW()));
        float[] kp = packForward(sc, k, kOff, s.kh() * s.kw() * s.cin(), s.cout());
        conv(src, s.cin(), s.kh(), s.kw(), s.strideH(), s.strideW(), s.dilationH(), s.dilationW(),
                s.n(), s.ho(), s.wo(), kp, bp, relu, s.cout(), y, yOff);
    }

    /**
     * Stride-1 3x3 layers with channels in whole vectors take F(4x4, 3x3), as their input
     * gradients (the same correlation) do: W6's 32-channel layers 2.4 -> 1.7-1.85 ms in its step.
     */
    @Override
    public void forwardTraining(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bias, int bOff,
                                boolean relu, float[] y, int yOff) {
        if (s.pixels() == 0 || s.strideH() != 1 || s.strideW() != 1
                || !Winograd4.applies(s.kh(), s.kw(), s.dilationH(), s.dilationW(), s.cin(), s.cout(), s.ho(), s.wo())) {
            forward(s, x, xOff, k, kOff, bias, bOff, relu, y, yOff);
            return;
        }
        float[] bp = biasCopy(bias, bOff, s.cout(), s.cout());
        winogradForward(ConvScratch.get(), s, x, xOff, k, kOff, bp, relu, y, yOff, 4);
    }

    /** The forward pass as Winograd F(tile x tile, 3x3), {@code tile} 2 or 4, bias {@code bp[0..cout)}. */
    private static void winogradForward(ConvScratch sc, ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bp,
                                        boolean relu, float[] y, int yOff, int tile) {
        boolean f4 = tile == 4;
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), s.cin(), s.padTop(), s.padLeft(),
                f4 ? Winograd4.sourceRows(s.ho()) : WinogradConv.sourceRows(s.ho()),
                f4 ? Winograd4.sourceRows(s.wo()) : WinogradConv.sourceRows(s.wo()));
        float[] u = f4 ? Winograd4.transformKernel(sc.packed(36 * s.cin() * s.cout()), k, kOff, s.cin(), s.cout(), false)
                : WinogradConv.transformKernel(sc.packed(16 * s.cin() * s.cout()), k, kOff, s.cin(), s.cout(), false);
        WinogradConv.convolve(src, tile, s.cin(), s.n(), s.ho(), s.wo(), u, bp, relu, s.cout(), y, yOff);
    }

    @Override
    public boolean fusesMaxPool(ConvShape s, ConvShape pool) {
        return ConvPointwisePooled.applies(s, pool);
    }

    /** The bias (or zeros where it is null) in a new array of {@code length >= cout}, zeros past cout. */
    private static float[] biasCopy(float[] bias, int bOff, int cout, int length) {
        float[] bp = new float[length];
        if (bias != null) {
            System.arraycopy(bias, bOff, bp, 0, cout);
        }
        return bp;
    }

    @Override
    public void forwardMaxPooled(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bias, int bOff,
                                 boolean relu, ConvShape pool, float[] y, int[] argmax) {
        if (!ConvPointwisePooled.applies(s, pool)) {
            ConvKernels.super.forwardMaxPooled(s, x, xOff, k, kOff, bias, bOff, relu, pool, y, argmax);
            return;
        }
        float[] bp = biasCopy(bias, bOff, s.cout(), s.cout());
        ConvPointwisePooled.forward(s, x, xOff, packForward(ConvScratch.get(), k, kOff, s.cin(), s.cout()), bp, relu, pool,
                y, argmax);
    }

    @Override
    public void backwardInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff) {
        if (s.isPointwise()) {
            ConvPointwiseInput.backwardInput(s, dy, dyOff, null, 0, k, kOff, dx, dxOff);
            return;
        }
        if (s.n() == 0) {
            return;
        }
        if (!correlatesInput(s)) {
            ConvScatterInput.backwardInput(s, dy, dyOff, k, kOff, dx, dxOff);
            return;
        }
        correlatedInput(s, dy, dyOff, null, 0, k, kOff, dx, dxOff);
    }

    @Override
    public boolean fusesReluInputGradient(ConvShape s) {
        return s.isPointwise() || s.n() > 0 && correlatesInput(s);
    }

    @Override
    public void backwardInputRelu(ConvShape s, float[] dy, int dyOff, float[] out, int outOff, float[] k, int kOff,
                                  float[] dx, int dxOff) {
        if (s.isPointwise()) {
            ConvPointwiseInput.backwardInput(s, dy, dyOff, out, outOff, k, kOff, dx, dxOff);
            return;
        }
        if (!fusesReluInputGradient(s)) {
            ConvKernels.super.backwardInputRelu(s, dy, dyOff, out, outOff, k, kOff, dx, dxOff);
            return;
        }
        correlatedInput(s, dy, dyOff, out, outOff, k, kOff, dx, dxOff);
    }

    /**
     * Whether the input gradient runs as a correlation of the padded output gradient: stride 1,
     * and not a valid convolution whose full correlation would mostly multiply the zero border
     * (W2's 5x5 -> 3x3 layer: 2.8x the work); those scatter each pixel's patch gradient instead.
     */
    private static boolean correlatesInput(ConvShape s) {
        return s.strideH() == 1 && s.strideW() == 1 && (long) s.h() * s.w() * 8 <= (long) s.ho() * s.wo() * 9;
    }

    /** The correlation input gradient; with {@code out}, dy counts only where out > 0 (masked in the padded copy). */
    private void correlatedInput(ConvShape s, float[] dy, int dyOff, float[] out, int outOff, float[] k, int kOff,
                                 float[] dx, int dxOff) {
        // dx[y, x] = sum_{i,j} dy[y + padTop - i*dh, x + padLeft - j*dw] . K[i, j]^T: a stride-1
        // correlation of dy, padded by (kh-1)*dh - padTop on top, with the flipped kernel.
        ConvScratch sc = ConvScratch.get();
        int effH = (s.kh() - 1) * s.dilationH();
        int effW = (s.kw() - 1) * s.dilationW();
        // Gradients take F(4x4, 3x3) where it saves work: its extra rounding does not matter to training.
        boolean f4 = Winograd4.applies(s.kh(), s.kw(), s.dilationH(), s.dilationW(), s.cout(), s.cin(), s.h(), s.w());
        if (f4 || WinogradConv.applies(s.kh(), s.kw(), 1, 1, s.dilationH(), s.dilationW(), s.cout(), s.cin(), s.h(), s.w())) {
            int rows = f4 ? Winograd4.sourceRows(s.h()) : WinogradConv.sourceRows(s.h());
            int cols = f4 ? Winograd4.sourceRows(s.w()) : WinogradConv.sourceRows(s.w());
            ConvScratch.Source src = ConvScratch.source(sc, dy, dyOff, out, outOff, s.n(), s.ho(), s.wo(), s.cout(),
                    effH - s.padTop(), effW - s.padLeft(), rows, cols);
            float[] u = f4 ? Winograd4.transformKernel(sc.packed(36 * s.cin() * s.cout()), k, kOff, s.cout(), s.cin(), true)
                    : WinogradConv.transformKernel(sc.packed(16 * s.cin() * s.cout()), k, kOff, s.cout(), s.cin(), true);
            WinogradConv.convolve(src, f4 ? 4 : 2, s.cout(), s.n(), s.h(), s.w(), u, new float[s.cin()], false, s.cin(),
                    dx, dxOff);
            return;
        }
        ConvScratch.Source src = ConvScratch.source(sc, dy, dyOff, out, outOff, s.n(), s.ho(), s.wo(), s.cout(),
                effH - s.padTop(), effW - s.padLeft(), s.h() + effH, s.w() + effW);
        float[] kp = packFlipped(sc, k, kOff, s.kh(), s.kw(), s.cin(), s.cout());
        conv(src, s.cout(), s.kh(), s.kw(), 1, 1, s.dilationH(), s.dilationW(), s.n(), s.h(), s.w(), kp,
                new float[(s.cin() + NB - 1) / NB * NB], false, s.cin(), dx, dxOff);
    }

    /** Rows (or columns) of input that {@code out} outputs of a kernel read, padding included. */
    static int rowsNeeded(int out, int stride, int k, int dilation) {
        return (out - 1) * stride + (k - 1) * dilation + 1;
    }

    /**
     * y[n, ho, wo, cout] from a source image batch that needs no bounds checks, the kernel in
     * NB-wide panels {@code kp[cb][patch][NB]} with the patch in (i, j, channel) order.
     */
    private static void conv(ConvScratch.Source src, int c, int kh, int kw, int sh, int sw, int dh, int dw,
                             int n, int ho, int wo, float[] kp, float[] bp, boolean relu, int cout, float[] y, int yOff) {
        int pixels = n * ho * wo;
        int patch = kh * kw * c;
        int blocks = (pixels + MB - 1) / MB;
        int w = panelWidth(cout);
        int cbs = (cout + w - 1) / w;
        long macsPerBlock = (long) MB * patch * cbs * w;
        int grain = (int) Math.max(1, MIN_PARALLEL_MACS / macsPerBlock);
        // A patch row is one contiguous run of kw*c values when columns are not dilated.
        int runs = dw == 1 ? 1 : kw;
        int runLen = dw == 1 ? kw * c : c;
        int runStep = dw * c;
        int rowStep = dh * src.ws() * c;
        Parallel.forRange(blocks, grain, (from, to) -> {
            int[] xo = new int[MB * GROUP];
            int[] yo = new int[MB * GROUP];
            float[] tmp = new float[MB * NB];
            int hw = ho * wo;
            // Blocks go in groups: every kernel panel sweeps a group's pixels before the next
            // panel, so the panel stays in L1 instead of cycling through all of them per block.
            for (int g0 = from; g0 < to; g0 += GROUP) {
                int g1 = Math.min(to, g0 + GROUP);
                for (int blk = g0; blk < g1; blk++) {
                    int p0 = Math.max(0, Math.min(blk * MB, pixels - MB));
                    // Pixel p0's coordinates once, then step along the row (two divisions per block,
                    // not twelve: with a 32-long patch they cost as much as the multiply-adds).
                    int b = p0 / hw;
                    int oy = (p0 - b * hw) / wo;
                    int ox = p0 - b * hw - oy * wo;
                    int at = (blk - g0) * MB;
                    for (int r = 0; r < MB; r++) {
                        int p = Math.min(p0 + r, pixels - 1);
                        xo[at + r] = src.off() + ((b * src.hs() + oy * sh) * src.ws() + ox * sw) * c;
                        yo[at + r] = yOff + p * cout;
                        if (p0 + r + 1 < pixels && ++ox == wo) {
                            ox = 0;
                            if (++oy == ho) {
                                oy = 0;
                                b++;
                            }
                        }
                    }
                }
                for (int cb = 0; cb < cbs; cb++) {
                    int valid = Math.min(w, cout - cb * w);
                    for (int blk = g0; blk < g1; blk++) {
                        int at = (blk - g0) * MB;
                        ConvForwardTiles.any(w, src.a(), xo, at, kh, rowStep, runs, runStep, runLen, kp, cb * patch * w, bp,
                                relu, y, yo, cb * w, valid, tmp);
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ kernel gradient

    @Override
    public void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dk, int dkOff) {
        if (WinogradKernelGradient.applies(s)) {
            WinogradKernelGradient.backwardKernel(s, x, xOff, dy, dyOff, null, 0, dk, dkOff, null);
        } else {
            ConvKernelGradient.backwardKernel(s, x, xOff, dy, dyOff, dk, dkOff);
        }
    }

    @Override
    public void backwardKernelRelu(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff,
                                   float[] dk, int dkOff, float[] db) {
        if (WinogradKernelGradient.applies(s)) {
            WinogradKernelGradient.backwardKernel(s, x, xOff, dy, dyOff, out, outOff, dk, dkOff, db);
        } else {
            ConvKernelGradient.backwardKernel(s, x, xOff, dy, dyOff, out, outOff, dk, dkOff, db);
        }
    }

    @Override
    public void backwardRelu(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff,
                             float[] k, int kOff, float[] dk, int dkOff, float[] db, float[] dx, int dxOff) {
        if (dx == null || !s.isPointwise()) {
            ConvKernels.super.backwardRelu(s, x, xOff, dy, dyOff, out, outOff, k, kOff, dk, dkOff, db, dx, dxOff);
            return;
        }
        ConvKernelGradient.backwardKernel(s, x, xOff, dy, dyOff, ReluGradientRows.dense(dy, dyOff, out, outOff, s.cout()),
                dk, dkOff, db, k, kOff, dx, dxOff);
    }

    @Override
    public void backwardReluPooled(ConvShape s, float[] x, int xOff, PooledGradient g, float[] k, int kOff,
                                   float[] dk, int dkOff, float[] db, float[] dx, int dxOff) {
        if (!s.isPointwise() || !PooledGradient.tiles(g.pool()) || !g.matches(s)) {
            ConvKernels.super.backwardReluPooled(s, x, xOff, g, k, kOff, dk, dkOff, db, dx, dxOff);
            return;
        }
        ConvKernelGradient.backwardKernel(s, x, xOff, null, 0, new PooledReluRows(g),
                dk, dkOff, db, k, kOff, dx, dxOff);
    }

    // ------------------------------------------------------------------ packing and padding

    /** Output channels per tile: one vector when that holds them all, else two. */
    static int panelWidth(int outChannels) {
        return outChannels <= L ? L : NB;
    }

    /** Kernel [patch, cout] as panels kp[cb][patch][w] ({@link #panelWidth}), channels past cout zero. */
    private static float[] packForward(ConvScratch sc, float[] k, int kOff, int patch, int cout) {
        int w = panelWidth(cout);
        int cbs = (cout + w - 1) / w;
        float[] kp = sc.packed(cbs * patch * w);
        for (int cb = 0; cb < cbs; cb++) {
            int valid = Math.min(w, cout - cb * w);
            for (int t = 0; t < patch; t++) {
                int o = (cb * patch + t) * w;
                System.arraycopy(k, kOff + t * cout + cb * w, kp, o, valid);
                if (valid < w) {
                    Arrays.fill(kp, o + valid, o + w, 0f);
                }
            }
        }
        return kp;
    }

    /**
     * The kernel of the input gradient: kp[cb over cin][(i', j', co)][NB] =
     * K[kh-1-i', kw-1-j', cb*NB + q, co], channels past cin zero.
     */
    static float[] packFlipped(ConvScratch sc, float[] k, int kOff, int kh, int kw, int cin, int cout) {
        int w = panelWidth(cin);
        int cbs = (cin + w - 1) / w;
        int patch = kh * kw * cout;
        float[] kp = sc.packed(cbs * patch * w);
        for (int cb = 0; cb < cbs; cb++) {
            int valid = Math.min(w, cin - cb * w);
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int src = kOff + ((kh - 1 - i) * kw + (kw - 1 - j)) * cin * cout;
                    for (int co = 0; co < cout; co++) {
                        int o = (cb * patch + (i * kw + j) * cout + co) * w;
                        for (int q = 0; q < w; q++) {
                            kp[o + q] = q < valid ? k[src + (cb * w + q) * cout + co] : 0f;
                        }
                    }
                }
            }
        }
        return kp;
    }

    // ------------------------------------------------------------------ depthwise

    @Override
    public void depthwiseForward(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] y, int yOff) {
        depthwise.forward(s, x, xOff, k, kOff, y, yOff);
    }

    @Override
    public void depthwiseBackwardInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff) {
        depthwise.backwardInput(s, dy, dyOff, k, kOff, dx, dxOff);
    }

    @Override
    public void depthwiseBackwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dk, int dkOff) {
        depthwise.backwardKernel(s, x, xOff, dy, dyOff, dk, dkOff);
    }

    @Override
    public void depthwiseBackward(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] k, int kOff,
                                  float[] dk, int dkOff, float[] dx, int dxOff) {
        if (DepthwiseGradients.applies(s)) {
            DepthwiseGradients.backward(s, x, xOff, dy, dyOff, k, kOff, dk, dkOff, dx, dxOff);
        } else {
            ConvKernels.super.depthwiseBackward(s, x, xOff, dy, dyOff, k, kOff, dk, dkOff, dx, dxOff);
        }
    }

    @Override
    public String name() {
        return "direct-6x" + NB;
    }
}
