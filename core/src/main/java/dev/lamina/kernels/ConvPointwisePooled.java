package dev.lamina.kernels;

/**
 * A 1x1 stride-1 layer and the 2x2 stride-2 max pooling that alone reads it, for
 * {@link VectorConv#forwardMaxPooled}: each pair of output rows is computed into a band in L1
 * ({@link ConvPointwiseForward}'s twelve-pixel tiles) and pooled from there
 * ({@link VectorPool#maxRowPair}), so the layer's output, four times the pooled one, never
 * crosses memory (W7's 60x60x64 layer: 29.5 MB written by the convolution and read back by the
 * pooling, every step).
 */
final class ConvPointwisePooled {
    private static final int MR = ConvPointwiseForward.MR;
    private static final int NB = ConvPointwiseForward.NB;

    private ConvPointwisePooled() {}

    /**
     * Whether a layer of geometry {@code s} pooled by {@code pool} runs here: the twelve-pixel
     * tile applies to a band of two rows, and the windows are 2x2, stride 2, over whole vectors.
     */
    static boolean applies(ConvShape s, ConvShape pool) {
        return s.isPointwise() && ConvPointwiseForward.fullTiles(s.cout(), 2 * s.wo()) && VectorPool.tiles2x2(pool)
                && PooledGradient.pools(pool, s);
    }

    /**
     * {@code y} = the pooling of act(x @ K + bias) (kernel packed as for
     * {@link ConvPointwiseForward#forward}); {@code argmax} (or null) gets each winner's flat
     * index into the layer's output, which is never written.
     */
    static void forward(ConvShape s, float[] x, int xOff, float[] kp, float[] bp, boolean relu, ConvShape pool,
                        float[] y, int[] argmax) {
        int c = s.cin(), cout = s.cout(), w = s.wo(), band = 2 * w;
        int nb = cout / NB;
        int bands = pool.n() * pool.ho(), pwo = pool.wo();
        long macsPerBand = (long) band * c * cout;
        int grain = (int) Math.max(1, VectorConv.MIN_PARALLEL_MACS / macsPerBand);
        Parallel.forRange(bands, grain, (from, to) -> {
            float[] rows = new float[band * cout];
            for (int bd = from; bd < to; bd++) {
                int b = bd / pool.ho(), oy = bd % pool.ho();
                int p = (b * s.ho() + 2 * oy) * w; // the band's first pixel, in x and in the layer's output
                for (int cb = 0; cb < nb; cb++) {
                    for (int t0 = 0; t0 < band; t0 += MR) {
                        int p0 = Math.min(t0, band - MR);
                        ConvPointwiseForward.tile(x, xOff + (p + p0) * c, c, c, kp, cb * c * NB, bp, cb * NB, relu,
                                rows, p0 * cout + cb * NB, cout);
                    }
                }
                VectorPool.maxRowPair(rows, 0, 0, w * cout, cout, pwo, y, bd * pwo * cout, argmax, p * cout);
            }
        });
    }
}
