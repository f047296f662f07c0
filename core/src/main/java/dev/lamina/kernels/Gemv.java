package dev.lamina.kernels;

/**
 * One row times a matrix, {@code c[0, n) = a[0, k) @ B} with B stored k x n row-major
 * (row stride {@code ldb}): a single-sample Dense layer. {@link Kernels#gemv()} returns the
 * SIMD, multi-threaded implementation when the Vector API is present.
 */
public interface Gemv {
    void gemv(int n, int k, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff);

    /** Short name for diagnostics. */
    String name();
}
