package dev.lamina.kernels;

/**
 * The output gradient of a relu-fused convolution as its fast kernels read it: a batch of pixel
 * rows at a time, zeroed where the layer's output is not positive, into a small buffer that the
 * kernel then reads from L1, so no masked copy of the whole gradient crosses memory. The rows
 * come from the gradient itself ({@link #dense}) or from a max pooling's gradient routed to its
 * winners ({@link PooledReluRows}).
 */
interface ReluGradientRows {
    /**
     * {@code local[q * coutP + co]} for pixels {@code p0 .. p0 + pixels - 1} (channels past
     * cout zero); adds the masked rows into {@code db} when it is non-null.
     */
    void mask(int p0, int pixels, int coutP, float[] local, float[] db);

    /** The rows of {@code dy[pixels, cout]} masked by {@code out > 0}. */
    static ReluGradientRows dense(float[] dy, int dyOff, float[] out, int outOff, int cout) {
        return (p0, pixels, coutP, local, db) -> ConvKernelGradient.maskRows(dy, dyOff, out, outOff, p0, pixels, cout,
                coutP, local, db);
    }
}
