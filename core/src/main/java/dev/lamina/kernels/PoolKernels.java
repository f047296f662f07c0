package dev.lamina.kernels;

/**
 * 2-D max and average pooling over NHWC. The geometry is a {@link ConvShape} with
 * {@code cout == cin} (the window is kh x kw, dilation 1). Windows are clipped to the image:
 * padded cells never win a max and are not counted in an average (TensorFlow's and Keras's
 * rule). {@link Kernels#pool()} returns the SIMD version when the Vector API is present.
 */
public interface PoolKernels {
    /**
     * {@code y[n, ho, wo, c]} = window maxima; {@code argmax} (null when no gradient will be
     * taken) gets, per output element, the flat index (from {@code xOff}) of the input element
     * that won, the first one on ties.
     */
    void maxForward(ConvShape s, float[] x, int xOff, float[] y, int[] argmax);

    /** {@code dx} (overwritten) = each {@code dy} element added at its {@code argmax}, zeros elsewhere. */
    void maxBackward(ConvShape s, float[] dy, int dyOff, int[] argmax, float[] dx);

    /** {@code y[n, ho, wo, c]} = window means over the cells inside the image. */
    void avgForward(ConvShape s, float[] x, int xOff, float[] y);

    /** Spreads each {@code dy} element evenly over its window ({@code dx} holds zeros on entry). */
    void avgBackward(ConvShape s, float[] dy, int dyOff, float[] dx);

    /** Short name for diagnostics. */
    String name();
}
