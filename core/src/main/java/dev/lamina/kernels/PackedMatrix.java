package dev.lamina.kernels;

/**
 * A GEMM right-hand side packed once and multiplied many times: an RNN's weights, fixed over a
 * whole sequence, times each step's small block of rows. The general {@link Gemm} repacks both
 * operands on every call, which for a 64 x 64 @ 64 x 128 step product costs about as much as the
 * multiplication; here op(B) is packed into the micro-kernel's panels once, and A is read where
 * it lies. Without the Vector API the products go to {@link Kernels#gemm()} on a plain copy.
 */
public final class PackedMatrix {
    private static final Multiplier MULTIPLIER = select();

    /** op(B) rows (the inner dimension) and columns. */
    final int k;
    final int n;
    /** The packed panels (vector path), or op(B) row-major (fallback). */
    final float[] data;

    private PackedMatrix(int k, int n, float[] data) {
        this.k = k;
        this.n = n;
        this.data = data;
    }

    /** Packs op(B), k x n: B itself (row stride ldb), or its transpose when {@code transB}. */
    public static PackedMatrix of(boolean transB, float[] b, int bOff, int ldb, int k, int n) {
        if (k <= 0 || n <= 0) {
            throw new IllegalArgumentException("PackedMatrix: dimensions must be positive, got k=" + k + ", n=" + n);
        }
        return new PackedMatrix(k, n, MULTIPLIER.pack(transB, b, bOff, ldb, k, n));
    }

    public int rows() {
        return k;
    }

    public int columns() {
        return n;
    }

    /**
     * {@code C[m x n] = A[m x k] @ op(B)}, or {@code C += ...} when {@code accumulate}; A row-major
     * with row stride lda, C with row stride ldc. Single-threaded: callers split rows themselves.
     */
    public void multiply(int m, float[] a, int aOff, int lda, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m > 0) {
            MULTIPLIER.multiply(this, m, a, aOff, lda, c, cOff, ldc, accumulate);
        }
    }

    /** Which implementation runs the products: "vector-packed-6x16" or "plain" (diagnostics, tests). */
    public static String implementation() {
        return MULTIPLIER.name();
    }

    /** The packing and product of one implementation. */
    interface Multiplier {
        String name();

        float[] pack(boolean transB, float[] b, int bOff, int ldb, int k, int n);

        void multiply(PackedMatrix p, int m, float[] a, int aOff, int lda, float[] c, int cOff, int ldc,
                      boolean accumulate);
    }

    /** The fallback: op(B) kept row-major, products through the active GEMM. */
    static final class PlainMultiplier implements Multiplier {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public float[] pack(boolean transB, float[] b, int bOff, int ldb, int k, int n) {
            float[] d = new float[k * n];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    d[p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                }
            }
            return d;
        }

        @Override
        public void multiply(PackedMatrix p, int m, float[] a, int aOff, int lda, float[] c, int cOff, int ldc,
                             boolean accumulate) {
            Kernels.gemm().sgemm(false, false, m, p.n, p.k, 1f, a, aOff, lda, p.data, 0, p.n, accumulate ? 1f : 0f,
                    c, cOff, ldc);
        }
    }

    private static Multiplier select() {
        if (Kernels.vectorized()) {
            try {
                return (Multiplier) Class.forName("dev.lamina.kernels.VectorPackedMultiplier").getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return new PlainMultiplier();
            }
        }
        return new PlainMultiplier();
    }
}
