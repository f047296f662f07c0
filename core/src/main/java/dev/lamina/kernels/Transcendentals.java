package dev.lamina.kernels;

/**
 * In-place logistic sigmoid and hyperbolic tangent over contiguous float ranges: the gate
 * activations of the fused recurrent kernels, which evaluate millions of them per training step
 * (an LSTM of 32 units over 500 steps at batch 128 needs 10 million per forward pass).
 *
 * <p>{@link #get()} gives the SIMD implementation ({@code jdk.incubator.vector}, whose
 * {@code EXP} and {@code TANH} lanewise operations run on the JDK's vector math stubs, about
 * 0.3 ns per element against 5-20 ns for {@link Math#exp} and {@link Math#tanh}) when the module
 * is present and the CPU has 256-bit vectors, else the plain-Java one. Both agree with the
 * double-precision functions to a few float ulps. {@code -Dlamina.kernels=scalar} forces the
 * plain path, as for the other kernels.
 */
public interface Transcendentals {
    /** {@code x[i] = 1 / (1 + exp(-x[i]))} for i in [off, off + len). */
    void sigmoid(float[] x, int off, int len);

    /** {@code x[i] = tanh(x[i])} for i in [off, off + len). */
    void tanh(float[] x, int off, int len);

    /**
     * {@code dst[dOff + i] = exp(src[sOff + i] - shift)} for i in [0, len), returning their sum:
     * the body of a softmax (shift = the row's max, so no term exceeds 1).
     */
    float expShiftSum(float[] src, int sOff, float shift, float[] dst, int dOff, int len);

    /** Short name for diagnostics: "vector-512", "scalar", ... */
    String name();

    /** The implementation selected for this JVM (chosen once). */
    static Transcendentals get() {
        return TranscendentalsSelection.SELECTED;
    }

    /** The plain-Java implementation (the oracle the SIMD one is tested against). */
    static Transcendentals scalar() {
        return TranscendentalsSelection.SCALAR;
    }
}
