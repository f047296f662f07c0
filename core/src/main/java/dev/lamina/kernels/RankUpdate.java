package dev.lamina.kernels;

/**
 * {@code C[m x n] += A^T @ B} where A (k x m) and B (k x n) are row-major and read where they
 * lie: a sum of k outer products of their rows. This is how a recurrent step accumulates its
 * weights' gradient ({@code [dU; dW] += [h | x]^T @ dZ}, k = the step's batch rows): both
 * operands change every step, so the general GEMM would repack both of them on every call for
 * a product of only k x m x n = 64 x 64 x 128 multiply-adds.
 */
public final class RankUpdate {
    private static final Impl IMPL = select();

    private RankUpdate() {}

    /**
     * Accumulates {@code c[cOff + i * ldc + j] += sum_p a[aOff + p * lda + i] * b[bOff + p * ldb + j]}
     * for i in [0, m), j in [0, n), p in [0, k). Single-threaded.
     */
    public static void accumulate(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc) {
        if (m > 0 && n > 0 && k > 0) {
            IMPL.accumulate(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /** "vector-6x16" or "gemm" (diagnostics and tests). */
    public static String implementation() {
        return IMPL.name();
    }

    /** One implementation of {@link #accumulate}. */
    interface Impl {
        String name();

        void accumulate(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc);
    }

    /** Without the Vector API: the active GEMM with a transposed A. */
    static final class GemmImpl implements Impl {
        @Override
        public String name() {
            return "gemm";
        }

        @Override
        public void accumulate(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc) {
            Kernels.gemm().sgemm(true, false, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
        }
    }

    private static Impl select() {
        if (Kernels.vectorized()) {
            try {
                return (Impl) Class.forName("dev.lamina.kernels.VectorRankUpdate").getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return new GemmImpl();
            }
        }
        return new GemmImpl();
    }
}
