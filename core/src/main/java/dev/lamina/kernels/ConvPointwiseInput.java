package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The input gradient of a 1x1 stride-1 convolution, {@code dx[p] = dy[p] K^T} row by row, for
 * {@link VectorConv}: the forward pass's register tiles ({@link ConvPointwiseForward}'s twelve
 * rows where the input channels come in pairs of vectors, else {@link ConvForwardTiles}) with
 * the gradient rows as their input and K transposed as their kernel. A relu-fused layer's gradient
 * is masked a batch of rows at a time into L1, so no masked copy crosses memory; the kernel
 * gradient calls {@link #rows} on the batches it has just masked, so dy and the relu output are
 * read once for both gradients.
 */
final class ConvPointwiseInput {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    private static final int MB = VectorConv.MB;
    /** Gradient rows masked per batch: a few kilobytes, so they are read back from L1. */
    private static final int BATCH = 8 * MB;
    /**
     * Input channels up to which a dx row is cin dot products along the gradient row instead of
     * a register tile: the tile's lanes run over input channels, and with 3 of 16 in use (W7's
     * first layer, RGB) it did five times the work. The dots want a vector of output channels at
     * least; with fewer their scalar tails cost more than the tile's idle lanes.
     */
    private static final int DOT_CIN = 4;

    private ConvPointwiseInput() {}

    /** K^T for {@link #rows}: panels of the input channels, {@code kt[cb][co][w]} (see {@link VectorConv#packFlipped}). */
    static float[] packTransposed(ConvScratch sc, float[] k, int kOff, int cin, int cout) {
        return VectorConv.packFlipped(sc, k, kOff, 1, 1, cin, cout);
    }

    /**
     * {@code dx[n, h, w, cin]} from {@code dy[n, h, w, cout]}, counting dy only where
     * {@code out > 0} when {@code out} is non-null (a relu-fused forward pass).
     */
    static void backwardInput(ConvShape s, float[] dy, int dyOff, float[] out, int outOff, float[] k, int kOff,
                              float[] dx, int dxOff) {
        backwardInput(s, dy, dyOff, out == null ? null : ReluGradientRows.dense(dy, dyOff, out, outOff, s.cout()),
                k, kOff, dx, dxOff);
    }

    /** As above, the gradient rows coming from {@code masked} when it is non-null (dy is then not read). */
    static void backwardInput(ConvShape s, float[] dy, int dyOff, ReluGradientRows masked, float[] k, int kOff,
                              float[] dx, int dxOff) {
        int pixels = s.pixels();
        if (pixels == 0) {
            return;
        }
        int cin = s.cin(), cout = s.cout();
        float[] kt = packTransposed(ConvScratch.get(), k, kOff, cin, cout);
        int batches = (pixels + BATCH - 1) / BATCH;
        long macsPerBatch = (long) BATCH * cin * cout;
        int grain = (int) Math.max(1, VectorConv.MIN_PARALLEL_MACS / macsPerBatch);
        Parallel.forRange(batches, grain, (from, to) -> {
            Rows r = new Rows(cin, cout, masked == null ? 0 : BATCH, k, kOff);
            for (int bt = from; bt < to; bt++) {
                int p0 = bt * BATCH;
                int count = Math.min(BATCH, pixels - p0);
                if (masked == null) {
                    r.rows(dy, dyOff + p0 * cout, cout, count, kt, dx, dxOff + p0 * cin);
                } else {
                    masked.mask(p0, count, cout, r.masked, null);
                    r.rows(r.masked, 0, cout, count, kt, dx, dxOff + p0 * cin);
                }
            }
        });
    }

    /** One thread's tile offsets and buffers for {@link #rows}. */
    static final class Rows {
        private final int cin, cout, w, cbs;
        private final int[] xo = new int[MB];
        private final int[] yo = new int[MB];
        private final float[] tmp = new float[MB * 2 * L];
        private final float[] zeros;
        final float[] masked;
        /** The kernel [cin, cout] for the dot products of narrow layers ({@link #DOT_CIN}): four rows, those past cin zero. */
        private final float[] k4;

        Rows(int cin, int cout, int maskedRows, float[] k, int kOff) {
            this.cin = cin;
            this.cout = cout;
            this.w = VectorConv.panelWidth(cin);
            this.cbs = (cin + w - 1) / w;
            this.zeros = new float[cbs * w];
            this.masked = new float[maskedRows * cout];
            this.k4 = cin <= DOT_CIN ? new float[4 * cout] : null;
            if (k4 != null) {
                for (int ci = 0; ci < cin; ci++) {
                    System.arraycopy(k, kOff + ci * cout, k4, ci * cout, cout);
                }
            }
        }

        /**
         * {@code dx} rows {@code [0, count)} (stride cin, from {@code dxOff}) from gradient rows
         * {@code g[gOff + q * gStride + co]}, with {@code kt} from {@link #packTransposed}.
         */
        void rows(float[] g, int gOff, int gStride, int count, float[] kt, float[] dx, int dxOff) {
            if (cin <= DOT_CIN && cout >= L) {
                dots(g, gOff, gStride, count, dx, dxOff);
                return;
            }
            if (ConvPointwiseForward.fullTiles(cin, count)) {
                // Input channels in pairs of vectors: the forward pass's twelve-row tile.
                for (int t0 = 0; t0 < count; t0 += ConvPointwiseForward.MR) {
                    int p0 = Math.min(t0, count - ConvPointwiseForward.MR);
                    for (int cb = 0; cb < cbs; cb++) {
                        ConvPointwiseForward.tile(g, gOff + p0 * gStride, gStride, cout, kt, cb * cout * w, zeros, cb * w,
                                false, dx, dxOff + p0 * cin + cb * w, cin);
                    }
                }
                return;
            }
            for (int t0 = 0; t0 < count; t0 += MB) {
                // The last tile overlaps its neighbour (or repeats the last row) instead of being narrower.
                int p0 = Math.max(0, Math.min(t0, count - MB));
                for (int r = 0; r < MB; r++) {
                    int q = Math.min(p0 + r, count - 1);
                    xo[r] = gOff + q * gStride;
                    yo[r] = dxOff + q * cin;
                }
                for (int cb = 0; cb < cbs; cb++) {
                    ConvForwardTiles.any(w, g, xo, 0, 1, 0, 1, 0, cout, kt, cb * cout * w, zeros, false, dx, yo,
                            cb * w, Math.min(w, cin - cb * w), tmp);
                }
            }
        }

        /**
         * {@code dx[q, ci] = g[q, :] . k[ci, :]} for rows {@code [0, count)}: {@link #DOT_CIN}
         * or fewer input channels, a vector of output channels or more. Each gradient vector is
         * loaded once for all four sums (K padded with zero rows past cin): a loop per input
         * channel, re-reading the row with its scalar tail, took twice as long (W7's first
         * layer: 34 against 16 cycles a row).
         */
        private void dots(float[] g, int gOff, int gStride, int count, float[] dx, int dxOff) {
            int cv = cout - cout % L;
            float[] kq = k4;
            for (int q = 0; q < count; q++) {
                int gq = gOff + q * gStride;
                FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                for (int co = 0; co < cv; co += L) {
                    FloatVector v = FloatVector.fromArray(S, g, gq + co);
                    a0 = v.fma(FloatVector.fromArray(S, kq, co), a0);
                    a1 = v.fma(FloatVector.fromArray(S, kq, cout + co), a1);
                    a2 = v.fma(FloatVector.fromArray(S, kq, 2 * cout + co), a2);
                    a3 = v.fma(FloatVector.fromArray(S, kq, 3 * cout + co), a3);
                }
                int o = dxOff + q * cin;
                dx[o] = a0.reduceLanes(VectorOperators.ADD) + tail(g, gq, 0, cv);
                if (cin > 1) {
                    dx[o + 1] = a1.reduceLanes(VectorOperators.ADD) + tail(g, gq, 1, cv);
                }
                if (cin > 2) {
                    dx[o + 2] = a2.reduceLanes(VectorOperators.ADD) + tail(g, gq, 2, cv);
                }
                if (cin > 3) {
                    dx[o + 3] = a3.reduceLanes(VectorOperators.ADD) + tail(g, gq, 3, cv);
                }
            }
        }

        /** The terms of dot {@code ci} past the whole vectors, from output channel {@code cv}. */
        private float tail(float[] g, int gq, int ci, int cv) {
            float sum = 0f;
            for (int co = cv; co < cout; co++) {
                sum += g[gq + co] * k4[ci * cout + co];
            }
            return sum;
        }
    }
}
