package dev.lamina.kernels;

/**
 * Chooses the kernels the library runs. With the {@code jdk.incubator.vector} module in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and a CPU with
 * 256-bit vectors, the SIMD kernels ({@link VectorGemm}, {@link VectorOps}); otherwise the
 * blocked plain-Java ones ({@link ScalarGemm}, {@link ScalarOps}): slower, same results within
 * rounding. {@link #describe()} says which is active and why.
 *
 * <p>The system property {@code lamina.kernels=scalar} forces the plain-Java path (to test the
 * fallback, or to compare). The vector classes are loaded by name, so this class itself never
 * links against the incubator module and loads fine without it.
 */
public final class Kernels {
    private static final Gemm REFERENCE = new ReferenceGemm();
    private static final Selection SELECTED = select();
    private static volatile Gemm gemm = SELECTED.gemm;

    private Kernels() {}

    /** The GEMM every op uses. */
    public static Gemm gemm() {
        return gemm;
    }

    /** The plain reference GEMM (the oracle for tests). */
    public static Gemm referenceGemm() {
        return REFERENCE;
    }

    /** The fastest GEMM available on this JVM, whatever {@link #useGemm} installed. */
    public static Gemm fastGemm() {
        return SELECTED.gemm;
    }

    /** Replaces the active GEMM (tests and benchmarks compare implementations this way). */
    public static void useGemm(Gemm g) {
        if (g == null) {
            throw new IllegalArgumentException("Kernels.useGemm: gemm must not be null");
        }
        gemm = g;
    }

    /** Sums, dots, axpy and max for the tensor engine. */
    public static Elementwise elementwise() {
        return SELECTED.elementwise;
    }

    /** Per-element optimizer updates (RMSprop, Adam) over whole variables. */
    public static UpdateKernels updates() {
        return SELECTED.updates;
    }

    /** 2-D convolutions (direct SIMD kernels, or im2col + GEMM without the Vector API). */
    public static ConvKernels conv() {
        return SELECTED.conv;
    }

    /** 2-D max and average pooling. */
    public static PoolKernels pool() {
        return SELECTED.pool;
    }

    /** Relu, its gradient, bias rows and bias gradients. */
    public static PointwiseKernels pointwise() {
        return SELECTED.pointwise;
    }

    /** One row times a matrix (a single-sample Dense layer). */
    public static Gemv gemv() {
        return SELECTED.gemv;
    }

    /** True when the SIMD kernels are active. */
    public static boolean vectorized() {
        return SELECTED.vector;
    }

    /**
     * One line naming the active kernels and why they were chosen, e.g.
     * {@code "gemm=vector-6x16, elementwise=vector-256 (jdk.incubator.vector), threads=2"}.
     */
    public static String describe() {
        return "gemm=" + gemm.name() + ", elementwise=" + SELECTED.elementwise.name()
                + " (" + SELECTED.reason + "), threads=" + Parallel.threads();
    }

    private record Selection(Gemm gemm, Elementwise elementwise, UpdateKernels updates, ConvKernels conv, PoolKernels pool, PointwiseKernels pointwise, Gemv gemv, boolean vector, String reason) {}

    private static Selection select() {
        if ("scalar".equalsIgnoreCase(System.getProperty("lamina.kernels", ""))) {
            return scalar("forced by -Dlamina.kernels=scalar");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return scalar("jdk.incubator.vector absent: run java with --add-modules jdk.incubator.vector");
        }
        try {
            Gemm g = (Gemm) Class.forName("dev.lamina.kernels.VectorGemm").getConstructor().newInstance();
            Elementwise e = (Elementwise) Class.forName("dev.lamina.kernels.VectorOps")
                    .getConstructor().newInstance();
            UpdateKernels u = (UpdateKernels) Class.forName("dev.lamina.kernels.VectorUpdates")
                    .getConstructor().newInstance();
            ConvKernels c = (ConvKernels) Class.forName("dev.lamina.kernels.VectorConv").getConstructor().newInstance();
            PoolKernels p = (PoolKernels) Class.forName("dev.lamina.kernels.VectorPool").getConstructor().newInstance();
            PointwiseKernels pw = (PointwiseKernels) Class.forName("dev.lamina.kernels.VectorPointwise")
                    .getConstructor().newInstance();
            Gemv gv = (Gemv) Class.forName("dev.lamina.kernels.VectorGemv").getConstructor().newInstance();
            return new Selection(g, e, u, c, p, pw, gv, true, "jdk.incubator.vector");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            return scalar("vector kernels unavailable: " + cause);
        }
    }

    private static Selection scalar(String reason) {
        return new Selection(new ScalarGemm(), new ScalarOps(), new ScalarUpdates(), new ScalarConv(), new ScalarPool(),
                new ScalarPointwise(), new ScalarGemv(), false, "scalar: " + reason);
    }
}
