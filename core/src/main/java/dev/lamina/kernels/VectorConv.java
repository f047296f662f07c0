package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct NHWC convolutions on 256-bit lanes, without im2col.
 *
 * <p>Forward: the output is a (pixels x cout) matrix whose row p is patch(p) @ K, so the
 * register tile is the GEMM's 6 x 16: six output pixels by sixteen output channels, twelve
 * accumulators, and per step of the patch two kernel vectors and six broadcast input values.
 * The kernel is packed once per call into 16-wide panels (patch-major, zero-padded channels).
 * Padding is materialized once per call (a zero-bordered copy of the input) so the inner loop
 * never tests bounds; with stride-1 columns and no dilation a patch row of {@code kw * cin}
 * values is contiguous in the input, which is the inner loop's length. The six pixels of a
 * tile are any six (each has its own input offset), so tiles run on across output rows and
 * the last one overlaps its neighbour instead of needing a narrower kernel.
 *
 * <p>Input gradient (stride 1): a forward convolution of the zero-padded output gradient with
 * the kernel flipped in space and transposed in channels; strided layers use im2col + GEMM
 * ({@link ScalarConv}). Kernel gradient: the tile is six patch positions by sixteen output
 * channels, summed over all pixels, with pixels taken in batches of images small enough to
 * stay in L2 while every tile visits them.
 *
 * <p>Work is split over tiles with {@link Parallel}; every thread writes its own part of the
 * output, so results do not depend on the thread count. Depthwise convolutions vectorize over
 * channels.
 */
public final class VectorConv implements ConvKernels {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Output channels per register tile (two vectors). */
    private static final int NB = 2 * L;
    /** Pixels (forward) or patch positions (kernel gradient) per register tile. */
    private static final int MB = 6;
    /** Output blocks per group in the forward pass (each kernel panel sweeps a group). */
    private static final int GROUP = 8;
    /** Multiply-adds below which a parallel split costs more than it saves. */
    private static final long MIN_PARALLEL_MACS = 200_000;
    /** Bytes of input plus output gradient per pixel batch of the kernel gradient (L1-sized). */
    private static final int KERNEL_GRAD_BATCH_BYTES = 24 * 1024;

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
        if (s.isPointwise()) {
            fallback.backwardInput(s, dy, dyOff, k, kOff, dx, dxOff);
            return;
        }
        if (s.n() == 0) {
            return;
        }
        if (s.strideH() != 1 || s.strideW() != 1 || (long) s.h() * s.w() * 8 > (long) s.ho() * s.wo() * 9) {
            // Strided, or a valid convolution whose full correlation would mostly multiply the
            // zero border (W2's 5x5 -> 3x3 layer: 2.8x the work): scatter each pixel's patch gradient.
            scatterInput(s, dy, dyOff, k, kOff, dx, dxOff);
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

    /**
     * dx by scattering: per tile of six output pixels and sixteen patch positions,
     * {@code dcols = dy[6 pixels, cout] @ K^T[cout, 16]} in registers, then added into a
     * zero-bordered dx image at each pixel's patch. Any stride and dilation; exactly the forward
     * pass's multiply-adds. Parallel over images (an image's patches stay in that image).
     */
    private void scatterInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff) {
        int c = s.cin(), cout = s.cout(), patch = s.patch();
        int hp = Math.max(rowsNeeded(s.ho(), s.strideH(), s.kh(), s.dilationH()), s.padTop() + s.h());
        int wp = Math.max(rowsNeeded(s.wo(), s.strideW(), s.kw(), s.dilationW()), s.padLeft() + s.w());
        int tbs = (patch + NB - 1) / NB;
        ConvScratch sc = ConvScratch.get();
        // K^T in panels: ktp[tb][co][16] = K[tb*16 + q][co], zero past the patch.
        float[] ktp = sc.packed(tbs * cout * NB);
        for (int tb = 0; tb < tbs; tb++) {
            for (int co = 0; co < cout; co++) {
                int o = (tb * cout + co) * NB;
                for (int q = 0; q < NB; q++) {
                    int t = tb * NB + q;
                    ktp[o + q] = t < patch ? k[kOff + t * cout + co] : 0f;
                }
            }
        }
        // Where patch position t lands relative to the pixel's top-left corner in the padded image.
        int[] land = new int[tbs * NB];
        for (int t = 0; t < patch; t++) {
            int i = t / (s.kw() * c), j = (t / c) % s.kw(), ci = t % c;
            land[t] = (i * s.dilationH() * wp + j * s.dilationW()) * c + ci;
        }
        float[] padded = sc.padded(s.n() * hp * wp * c);
        int hw = s.ho() * s.wo();
        long macsPerImage = (long) hw * patch * cout;
        Parallel.forRange(s.n(), (int) Math.max(1, MIN_PARALLEL_MACS / Math.max(1, macsPerImage)), (b0, b1) -> {
            float[] tmp = new float[MB * NB];
            int[] base = new int[MB];
            for (int b = b0; b < b1; b++) {
                int img = b * hp * wp * c;
                Arrays.fill(padded, img, img + hp * wp * c, 0f);
                for (int p0 = 0; p0 < hw; p0 += MB) {
                    int rows = Math.min(MB, hw - p0);
                    for (int r = 0; r < MB; r++) {
                        int p = p0 + Math.min(r, rows - 1);
                        int oy = p / s.wo(), ox = p % s.wo();
                        base[r] = img + (oy * s.strideH() * wp + ox * s.strideW()) * c;
                    }
                    int g = dyOff + (b * hw + p0) * cout;
                    int g1 = g + Math.min(1, rows - 1) * cout, g2 = g + Math.min(2, rows - 1) * cout;
                    int g3 = g + Math.min(3, rows - 1) * cout, g4 = g + Math.min(4, rows - 1) * cout;
                    int g5 = g + Math.min(5, rows - 1) * cout;
                    for (int tb = 0; tb < tbs; tb++) {
                        scatterTile(dy, g, g1, g2, g3, g4, g5, cout, ktp, tb * cout * NB, tmp);
                        int t0 = tb * NB;
                        int n = Math.min(NB, patch - t0);
                        boolean contiguous = n == NB && land[t0 + NB - 1] - land[t0] == NB - 1;
                        for (int r = 0; r < rows; r++) {
                            int at = base[r];
                            if (contiguous) {
                                int o = at + land[t0];
                                FloatVector.fromArray(S, padded, o).add(FloatVector.fromArray(S, tmp, r * NB))
                                        .intoArray(padded, o);
                                FloatVector.fromArray(S, padded, o + L).add(FloatVector.fromArray(S, tmp, r * NB + L))
                                        .intoArray(padded, o + L);
                            } else {
                                for (int q = 0; q < n; q++) {
                                    padded[at + land[t0 + q]] += tmp[r * NB + q];
                                }
                            }
                        }
                    }
                }
                // The image's interior is dx.
                for (int iy = 0; iy < s.h(); iy++) {
                    System.arraycopy(padded, img + ((iy + s.padTop()) * wp + s.padLeft()) * c,
                            dx, dxOff + ((b * s.h() + iy) * s.w()) * c, s.w() * c);
                }
            }
        });
    }

    /** tmp[6][16] = dy rows (six pixels, cout each, at g..g5) @ one 16-column panel of K^T. */
    private static void scatterTile(float[] dy, int g0, int g1, int g2, int g3, int g4, int g5, int cout,
                                    float[] ktp, int kq, float[] tmp) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int co = 0; co < cout; co++, kq += NB) {
            FloatVector b0 = FloatVector.fromArray(S, ktp, kq);
            FloatVector b1 = FloatVector.fromArray(S, ktp, kq + L);
            FloatVector a = FloatVector.broadcast(S, dy[g0 + co]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, dy[g1 + co]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, dy[g2 + co]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, dy[g3 + co]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, dy[g4 + co]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, dy[g5 + co]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, L);
        c10.intoArray(tmp, NB);
        c11.intoArray(tmp, NB + L);
        c20.intoArray(tmp, 2 * NB);
        c21.intoArray(tmp, 2 * NB + L);
        c30.intoArray(tmp, 3 * NB);
        c31.intoArray(tmp, 3 * NB + L);
        c40.intoArray(tmp, 4 * NB);
        c41.intoArray(tmp, 4 * NB + L);
        c50.intoArray(tmp, 5 * NB);
        c51.intoArray(tmp, 5 * NB + L);
    }

    /** Rows (or columns) of input that {@code out} outputs of a kernel read, padding included. */
    private static int rowsNeeded(int out, int stride, int k, int dilation) {
        return (out - 1) * stride + (k - 1) * dilation + 1;
    }

    /**
     * y[n, ho, wo, cout] from a source image batch that needs no bounds checks, the kernel in
     * 16-wide panels {@code kp[cb][patch][16]} with the patch in (i, j, channel) order.
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
                    int valid = Math.min(NB, cout - cb * NB);
                    for (int blk = g0; blk < g1; blk++) {
                        int at = (blk - g0) * MB;
                        tile(src.a(), xo[at], xo[at + 1], xo[at + 2], xo[at + 3], xo[at + 4], xo[at + 5], kh, rowStep,
                                runs, runStep, runLen, kp, cb * patch * NB, bp, relu, y, yo, at, cb * NB, valid, tmp);
                    }
                }
            }
        });
    }

    /** One 6-pixel x 16-channel output tile: the whole patch reduction in registers. */
    private static void tile(float[] x, int o0, int o1, int o2, int o3, int o4, int o5,
                             int kh, int rowStep, int runs, int runStep, int runLen,
                             float[] kp, int kq, float[] bp, boolean relu, float[] y, int[] yo, int yAt, int c0,
                             int valid, float[] tmp) {
        FloatVector c00 = FloatVector.fromArray(S, bp, c0), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00;
        FloatVector c01 = FloatVector.fromArray(S, bp, c0 + L), c11 = c01, c21 = c01, c31 = c01, c41 = c01, c51 = c01;
        for (int i = 0; i < kh; i++) {
            for (int jr = 0; jr < runs; jr++) {
                int d = i * rowStep + jr * runStep;
                int a0 = o0 + d, a1 = o1 + d, a2 = o2 + d, a3 = o3 + d, a4 = o4 + d, a5 = o5 + d;
                for (int t = 0; t < runLen; t++, kq += NB) {
                    FloatVector b0 = FloatVector.fromArray(S, kp, kq);
                    FloatVector b1 = FloatVector.fromArray(S, kp, kq + L);
                    FloatVector a = FloatVector.broadcast(S, x[a0 + t]);
                    c00 = a.fma(b0, c00);
                    c01 = a.fma(b1, c01);
                    a = FloatVector.broadcast(S, x[a1 + t]);
                    c10 = a.fma(b0, c10);
                    c11 = a.fma(b1, c11);
                    a = FloatVector.broadcast(S, x[a2 + t]);
                    c20 = a.fma(b0, c20);
                    c21 = a.fma(b1, c21);
                    a = FloatVector.broadcast(S, x[a3 + t]);
                    c30 = a.fma(b0, c30);
                    c31 = a.fma(b1, c31);
                    a = FloatVector.broadcast(S, x[a4 + t]);
                    c40 = a.fma(b0, c40);
                    c41 = a.fma(b1, c41);
                    a = FloatVector.broadcast(S, x[a5 + t]);
                    c50 = a.fma(b0, c50);
                    c51 = a.fma(b1, c51);
                }
            }
        }
        if (relu) {
            c00 = c00.max(0f);
            c01 = c01.max(0f);
            c10 = c10.max(0f);
            c11 = c11.max(0f);
            c20 = c20.max(0f);
            c21 = c21.max(0f);
            c30 = c30.max(0f);
            c31 = c31.max(0f);
            c40 = c40.max(0f);
            c41 = c41.max(0f);
            c50 = c50.max(0f);
            c51 = c51.max(0f);
        }
        if (valid == NB) {
            c00.intoArray(y, yo[yAt + 0] + c0);
            c01.intoArray(y, yo[yAt + 0] + c0 + L);
            c10.intoArray(y, yo[yAt + 1] + c0);
            c11.intoArray(y, yo[yAt + 1] + c0 + L);
            c20.intoArray(y, yo[yAt + 2] + c0);
            c21.intoArray(y, yo[yAt + 2] + c0 + L);
            c30.intoArray(y, yo[yAt + 3] + c0);
            c31.intoArray(y, yo[yAt + 3] + c0 + L);
            c40.intoArray(y, yo[yAt + 4] + c0);
            c41.intoArray(y, yo[yAt + 4] + c0 + L);
            c50.intoArray(y, yo[yAt + 5] + c0);
            c51.intoArray(y, yo[yAt + 5] + c0 + L);
            return;
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, L);
        c10.intoArray(tmp, NB);
        c11.intoArray(tmp, NB + L);
        c20.intoArray(tmp, 2 * NB);
        c21.intoArray(tmp, 2 * NB + L);
        c30.intoArray(tmp, 3 * NB);
        c31.intoArray(tmp, 3 * NB + L);
        c40.intoArray(tmp, 4 * NB);
        c41.intoArray(tmp, 4 * NB + L);
        c50.intoArray(tmp, 5 * NB);
        c51.intoArray(tmp, 5 * NB + L);
        for (int r = 0; r < MB; r++) {
            System.arraycopy(tmp, r * NB, y, yo[yAt + r] + c0, valid);
        }
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
        // The gradient is read 16 channels at a time: give it a channel stride of whole panels.
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
        int tilesPerRun = (runLen + MB - 1) / MB;
        int tasks = s.kh() * runs * tilesPerRun * cbs;
        int grain = s.macs() < MIN_PARALLEL_MACS ? tasks : 1;
        float[] gs = g;
        int go = gOff;
        // Pixels are visited in batches small enough for L1 (their input rows and gradient rows),
        // every tile of this thread sweeping a batch before the next: the data come from L1 and the
        // accumulators go through dk once per batch. Wide output rows are walked as rows (offsets
        // stepped by a stride, which C2 checks less); narrow ones as a flat list of pixels.
        boolean byRows = s.wo() >= 8;
        int pixelBytes = 4 * (s.strideW() * c + coutP);
        int batchPixels = Math.max(MB, KERNEL_GRAD_BATCH_BYTES / pixelBytes);
        int unitsPerBatch = byRows ? Math.max(1, batchPixels / s.wo()) : batchPixels;
        int units = byRows ? s.n() * s.ho() : s.pixels();
        int width = byRows ? s.wo() : 1;
        Parallel.forRange(tasks, grain, (from, to) -> {
            float[] tmp = new float[MB * NB];
            int[] xoffs = new int[unitsPerBatch];
            for (int u0 = 0; u0 < units; u0 += unitsPerBatch) {
                int count = Math.min(unitsPerBatch, units - u0);
                for (int q = 0; q < count; q++) {
                    int u = u0 + q;
                    int row = byRows ? u : u / s.wo();
                    int ox = byRows ? 0 : u % s.wo();
                    int b = row / s.ho(), oy = row % s.ho();
                    xoffs[q] = src.off() + ((b * src.hs() + oy * s.strideH()) * src.ws() + ox * s.strideW()) * c;
                }
                int gBatch = go + u0 * width * coutP;
                for (int task = from; task < to; task++) {
                    int cb = task % cbs;
                    int rest = task / cbs;
                    int tr = rest % tilesPerRun;
                    rest /= tilesPerRun;
                    int jr = rest % runs;
                    int i = rest / runs;
                    int t0 = tr * MB;
                    // Patch positions t0.. of this run; past the run's end, repeat its last one.
                    int rows = Math.min(MB, runLen - t0);
                    int d = i * s.dilationH() * src.ws() * c + jr * s.dilationW() * c + t0;
                    int kRow = (i * s.kw() + jr) * c + t0; // first patch row: (i, j, ci) flattened
                    tileKernel(src.a(), xoffs, count, width, s.strideW() * c, d, rows, gs, gBatch + cb * NB, coutP,
                            u0 > 0, dk, dkOff + kRow * cout + cb * NB, cout, Math.min(NB, cout - cb * NB), tmp);
                }
            }
        });
    }

    /**
     * Adds to (or, when {@code !accumulate}, stores into) the 6 x 16 tile of dK at
     * {@code dkRow} (rows: patch positions at input offset {@code d}, +0..5, the last repeated
     * when {@code rows < 6}; columns: 16 output channels, {@code valid} of them real) the sum
     * over {@code count} runs of {@code width} pixels: run q starts at input offset
     * {@code xoffs[q]}, pixels {@code xStep} apart, gradient rows of {@code coutP} from {@code go}.
     */
    private static void tileKernel(float[] x, int[] xoffs, int count, int width, int xStep, int d, int rows,
                                   float[] g, int go, int coutP,
                                   boolean accumulate, float[] dk, int dkRow, int cout, int valid, float[] tmp) {
        int e1 = Math.min(1, rows - 1), e2 = Math.min(2, rows - 1), e3 = Math.min(3, rows - 1);
        int e4 = Math.min(4, rows - 1), e5 = Math.min(5, rows - 1);
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate && valid == NB) {
            // Start from the tile's sums so far (rows past the end repeat the last one).
            int r1 = dkRow + e1 * cout, r2 = dkRow + e2 * cout, r3 = dkRow + e3 * cout;
            int r4 = dkRow + e4 * cout, r5 = dkRow + e5 * cout;
            c00 = FloatVector.fromArray(S, dk, dkRow);
            c01 = FloatVector.fromArray(S, dk, dkRow + L);
            c10 = FloatVector.fromArray(S, dk, r1);
            c11 = FloatVector.fromArray(S, dk, r1 + L);
            c20 = FloatVector.fromArray(S, dk, r2);
            c21 = FloatVector.fromArray(S, dk, r2 + L);
            c30 = FloatVector.fromArray(S, dk, r3);
            c31 = FloatVector.fromArray(S, dk, r3 + L);
            c40 = FloatVector.fromArray(S, dk, r4);
            c41 = FloatVector.fromArray(S, dk, r4 + L);
            c50 = FloatVector.fromArray(S, dk, r5);
            c51 = FloatVector.fromArray(S, dk, r5 + L);
        } else {
            if (accumulate) {
                for (int r = 0; r < MB; r++) {
                    System.arraycopy(dk, dkRow + Math.min(r, rows - 1) * cout, tmp, r * NB, valid);
                    Arrays.fill(tmp, r * NB + valid, (r + 1) * NB, 0f);
                }
            } else {
                Arrays.fill(tmp, 0f);
            }
            c00 = FloatVector.fromArray(S, tmp, 0);
            c01 = FloatVector.fromArray(S, tmp, L);
            c10 = FloatVector.fromArray(S, tmp, NB);
            c11 = FloatVector.fromArray(S, tmp, NB + L);
            c20 = FloatVector.fromArray(S, tmp, 2 * NB);
            c21 = FloatVector.fromArray(S, tmp, 2 * NB + L);
            c30 = FloatVector.fromArray(S, tmp, 3 * NB);
            c31 = FloatVector.fromArray(S, tmp, 3 * NB + L);
            c40 = FloatVector.fromArray(S, tmp, 4 * NB);
            c41 = FloatVector.fromArray(S, tmp, 4 * NB + L);
            c50 = FloatVector.fromArray(S, tmp, 5 * NB);
            c51 = FloatVector.fromArray(S, tmp, 5 * NB + L);
        }
        if (rows == MB) {
            // The common case with constant offsets: five fewer registers live in the loop.
            for (int q = 0; q < count; q++) {
                int xo = xoffs[q] + d;
                for (int px = 0; px < width; px++, xo += xStep, go += coutP) {
                    FloatVector g0 = FloatVector.fromArray(S, g, go);
                    FloatVector g1 = FloatVector.fromArray(S, g, go + L);
                    FloatVector a = FloatVector.broadcast(S, x[xo]);
                    c00 = a.fma(g0, c00);
                    c01 = a.fma(g1, c01);
                    a = FloatVector.broadcast(S, x[xo + 1]);
                    c10 = a.fma(g0, c10);
                    c11 = a.fma(g1, c11);
                    a = FloatVector.broadcast(S, x[xo + 2]);
                    c20 = a.fma(g0, c20);
                    c21 = a.fma(g1, c21);
                    a = FloatVector.broadcast(S, x[xo + 3]);
                    c30 = a.fma(g0, c30);
                    c31 = a.fma(g1, c31);
                    a = FloatVector.broadcast(S, x[xo + 4]);
                    c40 = a.fma(g0, c40);
                    c41 = a.fma(g1, c41);
                    a = FloatVector.broadcast(S, x[xo + 5]);
                    c50 = a.fma(g0, c50);
                    c51 = a.fma(g1, c51);
                }
            }
        } else {
            for (int q = 0; q < count; q++) {
                int xo = xoffs[q] + d;
                for (int px = 0; px < width; px++, xo += xStep, go += coutP) {
                    FloatVector g0 = FloatVector.fromArray(S, g, go);
                    FloatVector g1 = FloatVector.fromArray(S, g, go + L);
                    FloatVector a = FloatVector.broadcast(S, x[xo]);
                    c00 = a.fma(g0, c00);
                    c01 = a.fma(g1, c01);
                    a = FloatVector.broadcast(S, x[xo + e1]);
                    c10 = a.fma(g0, c10);
                    c11 = a.fma(g1, c11);
                    a = FloatVector.broadcast(S, x[xo + e2]);
                    c20 = a.fma(g0, c20);
                    c21 = a.fma(g1, c21);
                    a = FloatVector.broadcast(S, x[xo + e3]);
                    c30 = a.fma(g0, c30);
                    c31 = a.fma(g1, c31);
                    a = FloatVector.broadcast(S, x[xo + e4]);
                    c40 = a.fma(g0, c40);
                    c41 = a.fma(g1, c41);
                    a = FloatVector.broadcast(S, x[xo + e5]);
                    c50 = a.fma(g0, c50);
                    c51 = a.fma(g1, c51);
                }
            }
        }
        if (valid == NB) {
            // Rows past the end (r >= rows) repeat the last row with the same sums: storing
            // them again writes the same values.
            int r1 = dkRow + e1 * cout, r2 = dkRow + e2 * cout, r3 = dkRow + e3 * cout;
            int r4 = dkRow + e4 * cout, r5 = dkRow + e5 * cout;
            c00.intoArray(dk, dkRow);
            c01.intoArray(dk, dkRow + L);
            c10.intoArray(dk, r1);
            c11.intoArray(dk, r1 + L);
            c20.intoArray(dk, r2);
            c21.intoArray(dk, r2 + L);
            c30.intoArray(dk, r3);
            c31.intoArray(dk, r3 + L);
            c40.intoArray(dk, r4);
            c41.intoArray(dk, r4 + L);
            c50.intoArray(dk, r5);
            c51.intoArray(dk, r5 + L);
            return;
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, L);
        c10.intoArray(tmp, NB);
        c11.intoArray(tmp, NB + L);
        c20.intoArray(tmp, 2 * NB);
        c21.intoArray(tmp, 2 * NB + L);
        c30.intoArray(tmp, 3 * NB);
        c31.intoArray(tmp, 3 * NB + L);
        c40.intoArray(tmp, 4 * NB);
        c41.intoArray(tmp, 4 * NB + L);
        c50.intoArray(tmp, 5 * NB);
        c51.intoArray(tmp, 5 * NB + L);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tmp, r * NB, dk, dkRow + r * cout, valid);
        }
    }

    // ------------------------------------------------------------------ packing and padding

    /** Kernel [patch, cout] as 16-wide panels kp[cb][patch][16], channels past cout zero. */
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
     * The kernel of the input gradient: kp[cb over cin][(i', j', co)][16] =
     * K[kh-1-i', kw-1-j', cb*16 + q, co], channels past cin zero.
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
        return "direct-6x16";
    }
}
