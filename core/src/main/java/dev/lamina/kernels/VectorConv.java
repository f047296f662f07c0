package dev.lamina.kernels;

import java.util.Arrays;

/**
 * Direct NHWC convolutions on {@link VectorWidth} lanes (512-bit on AVX-512, else 256), without
 * im2col.
 *
 * <p>Forward: the output is a (pixels x cout) matrix whose row p is patch(p) @ K, so the
 * register tile ({@link ConvTiles}) is MB x NB: MB = 6 output pixels by NB (two vectors of)
 * output channels, and per step of the patch two kernel vectors and six broadcast input values. The kernel is packed once per call into NB-wide panels
 * (patch-major, zero-padded channels). Padding is materialized once per call (a zero-bordered
 * copy of the input) so the inner loop never tests bounds; with stride-1 columns and no
 * dilation a patch row of {@code kw * cin} values is contiguous in the input, which is the
 * inner loop's length. The MB pixels of a tile are any MB (each has its own input offset), so
 * tiles run on across output rows and the last one overlaps its neighbour instead of needing a
 * narrower kernel.
 *
 * <p>Input gradient (stride 1): a forward convolution of the zero-padded output gradient with
 * the kernel flipped in space and transposed in channels; strided layers use im2col + GEMM
 * ({@link ScalarConv}). Kernel gradient: the tile is MK patch positions (12 on AVX-512, 6 on AVX2) by NB output channels,
 * summed over all pixels, with pixels taken in batches of images small enough to stay in L2
 * while every tile visits them.
 *
 * <p>Work is split over tiles with {@link Parallel}; every thread writes its own part of the
 * output, so results do not depend on the thread count. Depthwise convolutions vectorize over
 * channels.
 */
public final class VectorConv implements ConvKernels {
    /** Output channels per register tile (two vectors). */
    private static final int NB = ConvTiles.NB;
    /** Pixels (forward) or patch positions (kernel gradient) per register tile. */
    private static final int MB = ConvTiles.MB;
    /** Patch positions per kernel-gradient tile. */
    private static final int MK = ConvTiles.MK;
    /** Multiply-adds below which a parallel split costs more than it saves. */
    private static final long MIN_PARALLEL_MACS = 200_000;
    /** Bytes of input plus output gradient per pixel batch of the kernel gradient. */
    private static final int KERNEL_GRAD_CHUNK_BYTES = 192 * 1024;

    private final ConvKernels fallback = new ScalarConv();
    private final VectorDepthwise depthwise = new VectorDepthwise(fallback);

    // ------------------------------------------------------------------ forward

    @Override
    public void forward(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bias, int bOff, boolean relu,
                        float[] y, int yOff) {
        if (s.isPointwise()) {
            // A plain product with a short reduction (cin): the packed GEMM beats the tile here
            // (W7's 32 -> 64 pointwise conv: 54 vs 40 GFLOP/s on one core).
            fallback.forward(s, x, xOff, k, kOff, bias, bOff, relu, y, yOff);
            return;
        }
        if (s.pixels() == 0) {
            return;
        }
        ConvScratch sc = ConvScratch.get();
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), s.cin(), s.padTop(), s.padLeft(),
                rowsNeeded(s.ho(), s.strideH(), s.kh(), s.dilationH()), rowsNeeded(s.wo(), s.strideW(), s.kw(), s.dilationW()));
        float[] kp = packForward(sc, k, kOff, s.kh() * s.kw() * s.cin(), s.cout());
        float[] bp = new float[(s.cout() + NB - 1) / NB * NB];
        if (bias != null) {
            System.arraycopy(bias, bOff, bp, 0, s.cout());
        }
        conv(src, s.cin(), s.kh(), s.kw(), s.strideH(), s.strideW(), s.dilationH(), s.dilationW(),
                s.n(), s.ho(), s.wo(), kp, bp, relu, s.cout(), y, yOff);
    }

    @Override
    public void backwardInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff) {
        if (s.strideH() != 1 || s.strideW() != 1 || s.isPointwise()) {
            fallback.backwardInput(s, dy, dyOff, k, kOff, dx, dxOff);
            return;
        }
        if (s.n() == 0) {
            return;
        }
        // dx[y, x] = sum_{i,j} dy[y + padTop - i*dh, x + padLeft - j*dw] . K[i, j]^T: a stride-1
        // correlation of dy, padded by (kh-1)*dh - padTop on top, with the flipped kernel.
        ConvScratch sc = ConvScratch.get();
        int effH = (s.kh() - 1) * s.dilationH();
        int effW = (s.kw() - 1) * s.dilationW();
        ConvScratch.Source src = ConvScratch.source(sc, dy, dyOff, s.n(), s.ho(), s.wo(), s.cout(), effH - s.padTop(), effW - s.padLeft(),
                s.h() + effH, s.w() + effW);
        float[] kp = packFlipped(sc, k, kOff, s.kh(), s.kw(), s.cin(), s.cout());
        conv(src, s.cout(), s.kh(), s.kw(), 1, 1, s.dilationH(), s.dilationW(), s.n(), s.h(), s.w(), kp,
                new float[(s.cin() + NB - 1) / NB * NB], false, s.cin(), dx, dxOff);
    }

    /** Rows (or columns) of input that {@code out} outputs of a kernel read, padding included. */
    private static int rowsNeeded(int out, int stride, int k, int dilation) {
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
        int cbs = (cout + NB - 1) / NB;
        long macsPerBlock = (long) MB * patch * cbs * NB;
        int grain = (int) Math.max(1, MIN_PARALLEL_MACS / macsPerBlock);
        // A patch row is one contiguous run of kw*c values when columns are not dilated.
        int runs = dw == 1 ? 1 : kw;
        int runLen = dw == 1 ? kw * c : c;
        int runStep = dw * c;
        int rowStep = dh * src.ws() * c;
        Parallel.forRange(blocks, grain, (from, to) -> {
            int[] xo = new int[MB];
            int[] yo = new int[MB];
            float[] tmp = new float[MB * NB];
            int hw = ho * wo;
            for (int blk = from; blk < to; blk++) {
                int p0 = Math.max(0, Math.min(blk * MB, pixels - MB));
                for (int r = 0; r < MB; r++) {
                    int p = Math.min(p0 + r, pixels - 1);
                    int b = p / hw;
                    int oy = (p - b * hw) / wo;
                    int ox = p - b * hw - oy * wo;
                    xo[r] = src.off() + ((b * src.hs() + oy * sh) * src.ws() + ox * sw) * c;
                    yo[r] = yOff + p * cout;
                }
                for (int cb = 0; cb < cbs; cb++) {
                    int valid = Math.min(NB, cout - cb * NB);
                    ConvTiles.forward(src.a(), xo, kh, rowStep, runs, runStep, runLen,
                            kp, cb * patch * NB, bp, relu, y, yo, cb * NB, valid, tmp);
                }
            }
        });
    }

    // ------------------------------------------------------------------ kernel gradient

    @Override
    public void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dk, int dkOff) {
        int c = s.cin(), cout = s.cout();
        int cbs = (cout + NB - 1) / NB;
        int coutP = cbs * NB;
        if (s.n() == 0) {
            Arrays.fill(dk, dkOff, dkOff + s.patch() * cout, 0f);
            return;
        }
        ConvScratch sc = ConvScratch.get();
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), c, s.padTop(), s.padLeft(),
                rowsNeeded(s.ho(), s.strideH(), s.kh(), s.dilationH()), rowsNeeded(s.wo(), s.strideW(), s.kw(), s.dilationW()));
        // The gradient is read NB channels at a time: give it a channel stride of whole panels.
        float[] g = dy;
        int gOff = dyOff;
        if (coutP != cout) {
            g = sc.channelPadded(s.pixels() * coutP);
            gOff = 0;
            float[] gp = g;
            Parallel.forRange(s.pixels(), 4096, (from, to) -> {
                for (int p = from; p < to; p++) {
                    System.arraycopy(dy, dyOff + p * cout, gp, p * coutP, cout);
                    Arrays.fill(gp, p * coutP + cout, (p + 1) * coutP, 0f);
                }
            });
        }
        int runs = s.dilationW() == 1 ? 1 : s.kw();
        int runLen = s.dilationW() == 1 ? s.kw() * c : c;
        int tilesPerRun = (runLen + MK - 1) / MK;
        int tasks = s.kh() * runs * tilesPerRun * cbs;
        int imageBytes = 4 * (src.hs() * src.ws() * c + s.ho() * s.wo() * coutP);
        int chunk = Math.max(1, KERNEL_GRAD_CHUNK_BYTES / imageBytes);
        int grain = s.macs() < MIN_PARALLEL_MACS ? tasks : 1;
        float[] gs = g;
        int go = gOff;
        Parallel.forRange(tasks, grain, (from, to) -> {
            float[] tmp = new float[MK * NB];
            for (int b0 = 0; b0 < s.n(); b0 += chunk) {
                int b1 = Math.min(s.n(), b0 + chunk);
                for (int task = from; task < to; task++) {
                    int cb = task % cbs;
                    int rest = task / cbs;
                    int tr = rest % tilesPerRun;
                    rest /= tilesPerRun;
                    int jr = rest % runs;
                    int i = rest / runs;
                    int t0 = tr * MK;
                    // Patch positions t0.. of this run; past the run's end, repeat its last one.
                    int rows = Math.min(MK, runLen - t0);
                    int d = i * s.dilationH() * src.ws() * c + jr * s.dilationW() * c + t0;
                    int kRow = (i * s.kw() + jr) * c + t0; // first patch row: (i, j, ci) flattened
                    tileKernel(src, s, c, d, rows, gs, go, coutP, cb * NB, b0, b1, b0 > 0,
                            dk, dkOff + kRow * cout, cout, Math.min(NB, cout - cb * NB), tmp);
                }
            }
        });
    }

    /**
     * Accumulates over the pixels of images [b0, b1) the MK x NB tile of dK whose rows are patch
     * positions at input offset {@code d} (+0..MK-1, the last repeated when {@code rows < MK}) and
     * whose columns are output channels c0..c0+NB-1; adds to dk when {@code accumulate}.
     */
    private static void tileKernel(ConvScratch.Source src, ConvShape s, int c, int d, int rows, float[] g, int gOff, int coutP,
                                   int c0, int b0, int b1, boolean accumulate,
                                   float[] dk, int dkRow, int cout, int valid, float[] tmp) {
        ConvTiles.kernelGradient(src.a(), src.off() + d, s.strideW() * c, s.strideH() * src.ws() * c, s.ho(), s.wo(),
                b0, b1, src.hs() * src.ws() * c, rows, g, gOff + c0, coutP, tmp);
        for (int r = 0; r < rows; r++) {
            int o = dkRow + r * cout + c0;
            if (accumulate) {
                for (int q = 0; q < valid; q++) {
                    dk[o + q] += tmp[r * NB + q];
                }
            } else {
                System.arraycopy(tmp, r * NB, dk, o, valid);
            }
        }
    }

    // ------------------------------------------------------------------ packing and padding

    /** Kernel [patch, cout] as NB-wide panels kp[cb][patch][NB], channels past cout zero. */
    private static float[] packForward(ConvScratch sc, float[] k, int kOff, int patch, int cout) {
        int cbs = (cout + NB - 1) / NB;
        float[] kp = sc.packed(cbs * patch * NB);
        for (int cb = 0; cb < cbs; cb++) {
            int valid = Math.min(NB, cout - cb * NB);
            for (int t = 0; t < patch; t++) {
                int o = (cb * patch + t) * NB;
                System.arraycopy(k, kOff + t * cout + cb * NB, kp, o, valid);
                if (valid < NB) {
                    Arrays.fill(kp, o + valid, o + NB, 0f);
                }
            }
        }
        return kp;
    }

    /**
     * The kernel of the input gradient: kp[cb over cin][(i', j', co)][NB] =
     * K[kh-1-i', kw-1-j', cb*NB + q, co], channels past cin zero.
     */
    private static float[] packFlipped(ConvScratch sc, float[] k, int kOff, int kh, int kw, int cin, int cout) {
        int cbs = (cin + NB - 1) / NB;
        int patch = kh * kw * cout;
        float[] kp = sc.packed(cbs * patch * NB);
        for (int cb = 0; cb < cbs; cb++) {
            int valid = Math.min(NB, cin - cb * NB);
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int src = kOff + ((kh - 1 - i) * kw + (kw - 1 - j)) * cin * cout;
                    for (int co = 0; co < cout; co++) {
                        int o = (cb * patch + (i * kw + j) * cout + co) * NB;
                        for (int q = 0; q < NB; q++) {
                            kp[o + q] = q < valid ? k[src + (cb * NB + q) * cout + co] : 0f;
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
    public String name() {
        return "direct-" + MB + "x" + NB;
    }
}
