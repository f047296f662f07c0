package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel gradient of a direct NHWC convolution, for {@link VectorConv}: dK[patch, cout] as
 * a sum over all output pixels of patch(p)^T dy(p), in the register tiles of
 * {@link ConvKernelGradientTiles} (or, with at most a vector of output channels, the transposed
 * ones of {@link ConvKernelGradientColumns}), with pixels taken in L1-sized batches while every
 * tile visits them; threads split the pixels of large images and the tiles of small ones.
 */
final class ConvKernelGradient {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Output channels per tile (two vectors). */
    private static final int NB = 2 * L;
    private static final int MB = VectorConv.MB;
    /**
     * Twelve-position tiles where 32 vector registers hold their 24 accumulators (512-bit lanes
     * mean AVX-512); with 256-bit lanes they would spill, as in the GEMM's micro-kernel.
     */
    private static final int WIDE = S.vectorBitSize() == 512 ? 12 : 0;
    private static final int NARROW_ROWS = ConvKernelGradientTiles.NARROW_ROWS;
    /** Pixel parts a large kernel gradient is split into (at most; one per thread at a time). */
    private static final int PARTS = 8;
    /** Output pixels per patch position from which the pixels are split rather than the tiles. */
    private static final int PIXELS_PER_PATCH_TO_SPLIT = 64;
    private static final long MIN_PARALLEL_MACS = VectorConv.MIN_PARALLEL_MACS;
    /** Bytes of input plus output gradient per pixel batch (L1-sized). */
    private static final int KERNEL_GRAD_BATCH_BYTES = 24 * 1024;

    private ConvKernelGradient() {}

    static void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dk, int dkOff) {
        backwardKernel(s, x, xOff, dy, dyOff, null, 0, dk, dkOff, null);
    }

    /**
     * With {@code out} non-null, the gradient of a relu-fused forward pass: dy counts only where
     * {@code out > 0}, masked batch by batch into a small per-thread buffer as the tiles need it
     * (no masked copy of the whole gradient is written and read back), and {@code db}, if
     * non-null, gets the masked gradient's column sums (the bias gradient).
     */
    static void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff,
                               float[] dk, int dkOff, float[] db) {
        backwardKernel(s, x, xOff, dy, dyOff, out == null ? null : ReluGradientRows.dense(dy, dyOff, out, outOff, s.cout()),
                dk, dkOff, db, null, 0, null, 0);
    }

    /**
     * As {@link #backwardKernel(ConvShape, float[], int, float[], int, float[], int, float[], int, float[])},
     * and for a 1x1 convolution with {@code dx} non-null also its input gradient: each batch of
     * gradient rows, just masked into L1 for the kernel gradient, gives its dx rows there too
     * ({@link ConvPointwiseInput}), so dy and out cross memory once for both gradients. With
     * {@code masked} non-null, the gradient rows come from it (dy is not read): the relu-masked
     * dy, or a max pooling's gradient routed to its winners.
     */
    static void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, ReluGradientRows masked,
                               float[] dk, int dkOff, float[] db, float[] k, int kOff, float[] dx, int dxOff) {
        if (dx != null && !s.isPointwise()) {
            throw new IllegalArgumentException("conv kernel gradient: the input gradient rides along only for 1x1 stride-1 layers, got " + s);
        }
        int c = s.cin(), cout = s.cout();
        int cbs = (cout + NB - 1) / NB;
        int coutP = cbs * NB;
        if (db != null) {
            Arrays.fill(db, 0, cout, 0f);
        }
        if (s.n() == 0) {
            Arrays.fill(dk, dkOff, dkOff + s.patch() * cout, 0f);
            return;
        }
        ConvScratch sc = ConvScratch.get();
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), c, s.padTop(), s.padLeft(),
                VectorConv.rowsNeeded(s.ho(), s.strideH(), s.kh(), s.dilationH()), VectorConv.rowsNeeded(s.wo(), s.strideW(), s.kw(), s.dilationW()));
        int runs = s.dilationW() == 1 ? 1 : s.kw();
        int runLen = s.dilationW() == 1 ? s.kw() * c : c;
        // Layers with at most a vector of output channels take the transposed tiles, which read
        // the gradient a value at a time (in its own layout); the others read it NB channels at
        // a time: give it a channel stride of whole panels.
        boolean columns = ConvKernelGradientColumns.applies(cout, runLen);
        int gStride = columns ? cout : coutP;
        float[] g = dy;
        int gOff = dyOff;
        if (gStride != cout && masked == null) {
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
        // Along a run: 24 positions by one vector while 24 remain if cout fits one vector, then
        // twelve positions per tile while twelve remain, then six (the last tile repeating its
        // final position when fewer remain).
        int narrows = WIDE == 0 || cout > L ? 0 : runLen / NARROW_ROWS;
        int afterNarrow = runLen - narrows * NARROW_ROWS;
        int wides = WIDE == 0 ? 0 : afterNarrow / WIDE;
        int sixesFrom = narrows * NARROW_ROWS + wides * WIDE;
        // Transposed: per run its tiles of two or three vectors, each for every eight channels.
        int[][] colTiles = columns ? ConvKernelGradientColumns.split(runLen) : null;
        int coTiles = (cout + ConvKernelGradientColumns.ROWS - 1) / ConvKernelGradientColumns.ROWS;
        int tilesPerRun = columns ? colTiles.length : narrows + wides + (runLen - sixesFrom + MB - 1) / MB;
        int panels = columns ? coTiles : cbs;
        int tasks = s.kh() * runs * tilesPerRun * panels;
        float[] gs = g;
        int go = gOff;
        // Pixels are visited in batches small enough for L1 (their input rows and gradient rows),
        // every tile sweeping a batch before the next: the data come from L1 and the
        // accumulators go through dk once per batch. Wide output rows are walked as rows (offsets
        // stepped by a stride, which C2 checks less); narrow ones as a flat list of pixels.
        boolean byRows = s.wo() >= 8;
        int pixelBytes = 4 * (s.strideW() * c + gStride);
        int batchPixels = Math.max(MB, KERNEL_GRAD_BATCH_BYTES / pixelBytes);
        int unitsPerBatch = byRows ? Math.max(1, batchPixels / s.wo()) : batchPixels;
        int units = byRows ? s.n() * s.ho() : s.pixels();
        int width = byRows ? s.wo() : 1;
        // Threads split the pixels (each part sums into its own dk, added up at the end), so each
        // input and gradient value crosses memory once; split by tiles, every thread streamed all
        // of them. The parts do not depend on the thread count, nor therefore the result.
        // Few pixels per patch position (small images, deep patches) would make the parts' dk
        // sums cost as much as the work: those split the tiles among threads instead.
        boolean serial = s.macs() < MIN_PARALLEL_MACS;
        int parts = serial || s.pixels() < PIXELS_PER_PATCH_TO_SPLIT * s.patch() ? 1
                : Math.min(PARTS, (units + unitsPerBatch - 1) / unitsPerBatch);
        int taskGroups = serial || parts > 1 ? 1 : tasks;
        // Split by tiles, every thread sees every batch: the input gradient then runs on its own.
        boolean fuse = dx != null && taskGroups == 1;
        float[] kt = fuse ? ConvPointwiseInput.packTransposed(sc, k, kOff, c, cout) : null;
        int dkSize = s.patch() * cout;
        float[][] partDk = new float[parts][];
        // Transposed tiles sum dK^T[cout][patch], turned into dk at the end (part 0's too).
        float[] dkT0 = columns ? sc.partials(dkSize) : null;
        float[][] partDb = new float[parts][];
        Parallel.forRange(parts * taskGroups, 1, (w0, w1) -> {
            float[] tmp = new float[NARROW_ROWS * NB];
            int[] xoffs = new int[unitsPerBatch];
            float[] local = masked != null ? new float[unitsPerBatch * width * gStride] : null;
            ConvPointwiseInput.Rows dxRows = fuse ? new ConvPointwiseInput.Rows(c, cout, 0, k, kOff) : null;
            // Split by tiles, this thread's range of tiles sweeps every batch (batch-major, so a
            // batch is read from L1 by all of them); split by pixels, its range of parts.
            int jobs = taskGroups > 1 ? 1 : w1 - w0;
            for (int job = 0; job < jobs; job++) {
                int part = taskGroups > 1 ? 0 : w0 + job;
                int taskFrom = taskGroups > 1 ? w0 : 0, taskTo = taskGroups > 1 ? w1 : tasks;
                float[] target = part == 0 ? columns ? dkT0 : dk : (partDk[part] = new float[dkSize]);
                int targetOff = part == 0 && !columns ? dkOff : 0;
                // With tiles split among threads, one of them sums the bias gradient.
                float[] dbPart = db == null || taskFrom > 0 ? null : part == 0 ? db : (partDb[part] = new float[cout]);
                int uFrom = (int) ((long) units * part / parts), uTo = (int) ((long) units * (part + 1) / parts);
                for (int u0 = uFrom; u0 < uTo; u0 += unitsPerBatch) {
                    int count = Math.min(unitsPerBatch, uTo - u0);
                    for (int q = 0; q < count; q++) {
                        int u = u0 + q;
                        int row = byRows ? u : u / s.wo();
                        int ox = byRows ? 0 : u % s.wo();
                        int b = row / s.ho(), oy = row % s.ho();
                        xoffs[q] = src.off() + ((b * src.hs() + oy * s.strideH()) * src.ws() + ox * s.strideW()) * c;
                    }
                    int gBatch = go + u0 * width * gStride;
                    float[] gt = gs;
                    if (masked != null) {
                        // This batch's gradient rows, masked by relu (padded to whole panels but for the transposed tiles).
                        masked.mask(u0 * width, count * width, gStride, local, dbPart);
                        gt = local;
                        gBatch = 0;
                    }
                    boolean accumulate = u0 > uFrom;
                    for (int task = taskFrom; task < taskTo; task++) {
                        int panel = task % panels;
                        int rest = task / panels;
                        int tr = rest % tilesPerRun;
                        rest /= tilesPerRun;
                        int jr = rest % runs;
                        int i = rest / runs;
                        int run = i * s.dilationH() * src.ws() * c + jr * s.dilationW() * c; // the run's input offset
                        int kRun = (i * s.kw() + jr) * c; // its first patch row: (i, j, ci) flattened
                        if (columns) {
                            int t0 = colTiles[tr][0];
                            int co0 = panel * ConvKernelGradientColumns.ROWS;
                            if (colTiles[tr][1] == 3) {
                                ConvKernelGradientColumns.tile3(src.a(), xoffs, count, width, s.strideW() * c, run + t0, gt,
                                        gBatch, gStride, co0, cout, accumulate, target, kRun + t0, s.patch());
                            } else {
                                ConvKernelGradientColumns.tile2(src.a(), xoffs, count, width, s.strideW() * c, run + t0, gt,
                                        gBatch, gStride, co0, cout, accumulate, target, kRun + t0, s.patch());
                            }
                            continue;
                        }
                        int cb = panel;
                        int t0 = tr < narrows ? tr * NARROW_ROWS
                                : tr < narrows + wides ? narrows * NARROW_ROWS + (tr - narrows) * WIDE
                                : sixesFrom + (tr - narrows - wides) * MB;
                        int d = run + t0;
                        int dkAt = targetOff + (kRun + t0) * cout + cb * NB;
                        int valid = Math.min(NB, cout - cb * NB);
                        if (tr < narrows) {
                            ConvKernelGradientTiles.tileKernelNarrow(src.a(), xoffs, count, width, s.strideW() * c, d, gt, gBatch + cb * NB, coutP,
                                    accumulate, target, dkAt, cout, valid, tmp);
                        } else if (tr < narrows + wides) {
                            ConvKernelGradientTiles.tileKernel12(src.a(), xoffs, count, width, s.strideW() * c, d, gt, gBatch + cb * NB, coutP,
                                    accumulate, target, dkAt, cout, valid, tmp);
                        } else {
                            // Patch positions t0.. of this run; past the run's end, repeat its last one.
                            int rows = Math.min(MB, runLen - t0);
                            ConvKernelGradientTiles.tileKernel(src.a(), xoffs, count, width, s.strideW() * c, d, rows, gt, gBatch + cb * NB, coutP,
                                    accumulate, target, dkAt, cout, valid, tmp);
                        }
                    }
                    if (fuse) {
                        dxRows.rows(gt, gBatch, gStride, count * width, kt, dx, dxOff + u0 * width * c);
                    }
                }
            }
        });
        if (dx != null && !fuse) {
            ConvPointwiseInput.backwardInput(s, dy, dyOff, masked, k, kOff, dx, dxOff);
        }
        if (columns) {
            // dK = (sum of the parts' dK^T, in part order)^T.
            int patch = s.patch();
            for (int t = 0; t < patch; t++) {
                for (int co = 0; co < cout; co++) {
                    float sum = dkT0[co * patch + t];
                    for (int part = 1; part < parts; part++) {
                        sum += partDk[part][co * patch + t];
                    }
                    dk[dkOff + t * cout + co] = sum;
                }
            }
        }
        for (int part = 1; part < parts; part++) {
            float[] pd = partDk[part];
            for (int i = 0; i < dkSize && !columns; i++) { // columns: summed above
                dk[dkOff + i] += pd[i];
            }
            if (db != null) {
                for (int co = 0; co < cout; co++) {
                    db[co] += partDb[part][co];
                }
            }
        }
    }

    /**
     * {@code local[q][coutP]} = dy where out > 0, else 0, for pixels p0 .. p0 + pixels - 1
     * (channels past cout zero); adds the masked rows into {@code db} when it is non-null.
     */
    static void maskRows(float[] dy, int dyOff, float[] out, int outOff, int p0, int pixels, int cout, int coutP,
                                 float[] local, float[] db) {
        int cv = cout - cout % L;
        FloatVector zero = FloatVector.zero(S);
        for (int q = 0; q < pixels; q++) {
            int src = (p0 + q) * cout;
            int dst = q * coutP;
            int co = 0;
            for (; co < cv; co += L) {
                FloatVector v = FloatVector.fromArray(S, dy, dyOff + src + co);
                v = zero.blend(v, FloatVector.fromArray(S, out, outOff + src + co).compare(VectorOperators.GT, 0f));
                v.intoArray(local, dst + co);
                if (db != null) {
                    FloatVector.fromArray(S, db, co).add(v).intoArray(db, co);
                }
            }
            for (; co < cout; co++) {
                float v = out[outOff + src + co] > 0f ? dy[dyOff + src + co] : 0f;
                local[dst + co] = v;
                if (db != null) {
                    db[co] += v;
                }
            }
            Arrays.fill(local, dst + cout, dst + coutP, 0f);
        }
    }

}
