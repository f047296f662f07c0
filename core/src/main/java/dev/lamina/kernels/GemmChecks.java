package dev.lamina.kernels;

/**
 * Argument validation shared by every {@link Gemm}: bad dimensions, strides or offsets are
 * reported as {@link IllegalArgumentException} naming the op and the shapes, before any kernel
 * reads out of bounds (which the fast paths would otherwise report as a bare index error, or
 * not at all when a stride silently aliases rows).
 */
final class GemmChecks {
    private GemmChecks() {}

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: dimensions must be >= 0, got m=" + m
                    + ", n=" + n + ", k=" + k);
        }
        // Stored shapes: A is m x k, or k x m when transposed; B is k x n, or n x k.
        if (!fits(a, aOff, lda, transA ? k : m, transA ? m : k) || !fits(b, bOff, ldb, transB ? n : k, transB ? k : n)
                || !fits(c, cOff, ldc, m, n)) {
            // The message is built only here: formatting it on every call cost 3% of a training step.
            String shapes = describe(transA, transB, m, n, k);
            matrix("A", shapes, a, aOff, lda, transA ? k : m, transA ? m : k);
            matrix("B", shapes, b, bOff, ldb, transB ? n : k, transB ? k : n);
            matrix("C", shapes, c, cOff, ldc, m, n);
        }
    }

    /** Whether {@link #matrix} would accept the operand. */
    private static boolean fits(float[] x, int off, int ld, int rows, int cols) {
        return x != null && ld >= Math.max(1, cols) && off >= 0
                && (rows <= 0 || cols <= 0 || off + (long) (rows - 1) * ld + cols - 1 < x.length);
    }

    private static void matrix(String name, String shapes, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) {
            throw new IllegalArgumentException("sgemm: " + name + " is null for " + shapes);
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: ld" + name.toLowerCase() + "=" + ld
                    + " is smaller than the " + cols + " columns of stored " + name + " ("
                    + rows + " x " + cols + ") for " + shapes);
        }
        if (off < 0) {
            throw new IllegalArgumentException("sgemm: negative offset " + off + " for " + name
                    + " for " + shapes);
        }
        if (rows > 0 && cols > 0) {
            long last = off + (long) (rows - 1) * ld + cols - 1;
            if (last >= x.length) {
                throw new IllegalArgumentException("sgemm: stored " + name + " (" + rows + " x " + cols
                        + ", offset " + off + ", ld " + ld + ") needs " + (last + 1)
                        + " floats but the array has " + x.length + " for " + shapes);
            }
        }
    }

    private static String describe(boolean transA, boolean transB, int m, int n, int k) {
        return (transA ? "A^T" : "A") + " (" + m + " x " + k + ") @ " + (transB ? "B^T" : "B")
                + " (" + k + " x " + n + ")";
    }
}
