package dev.lamina.kernels;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Measures the active GEMM in GFLOP/s ({@code 2 m n k / time}, the median of several timed
 * repetitions after warm-up) on square sizes and the shapes a training step runs, on one
 * thread and on all configured threads, and prints one line per case with the fraction of a
 * 150 GFLOP/s reference (about OpenBLAS on two cores of the project's machine).
 */
public final class GemmBenchmark {
    /** The yardstick the fraction column is printed against. */
    public static final double REFERENCE_GFLOPS = 150.0;
    /** Each case is timed for at least this long (split into repetitions), after warm-up. */
    private static final long MIN_TIMED_NANOS = 600_000_000L;
    private static final int MIN_REPS = 5;

    private record Case(String label, boolean transA, boolean transB, int m, int n, int k) {}

    private static final Case[] CASES = {
        new Case("256 square", false, false, 256, 256, 256),
        new Case("512 square", false, false, 512, 512, 512),
        new Case("1024 square", false, false, 1024, 1024, 1024),
        new Case("2048 square", false, false, 2048, 2048, 2048),
        new Case("mlp fwd NN 128x784x512", false, false, 128, 512, 784),
        new Case("mlp dX NT 128x512x784", false, true, 128, 784, 512),
        new Case("mlp dW TN 784x128x512", true, false, 784, 512, 128),
        new Case("im2col 25088x288x32", false, false, 25088, 32, 288),
    };

    private GemmBenchmark() {}

    /** Runs every case, or with arguments only the cases whose label contains one of them. */
    public static void main(String[] args) {
        run(System.out, args);
    }

    /** Runs every case on 1 and on {@code max(2, threads)} threads, printing as it goes. */
    public static void run(PrintStream out) {
        run(out, new String[0]);
    }

    /** Like {@link #run(PrintStream)}, only the cases whose label contains one of {@code filters}. */
    public static void run(PrintStream out, String... filters) {
        Gemm gemm = Kernels.gemm();
        int saved = Parallel.threads();
        int[] threadCounts = saved > 1 ? new int[] {1, saved} : new int[] {1, 2};
        out.println("GEMM benchmark: " + Kernels.describe());
        out.printf("%-26s %7s %10s %9s %9s %10s%n", "case (m x k x n)", "threads", "GFLOP/s", "ms", "of 150",
                "best rep");
        try {
            for (Case cs : CASES) {
                if (filters.length > 0 && Arrays.stream(filters).noneMatch(cs.label::contains)) {
                    continue;
                }
                for (int t : threadCounts) {
                    Parallel.setThreads(t);
                    double[] r = measure(gemm, cs);
                    out.printf("%-26s %7d %10.1f %9.3f %9.2f %10.1f%n", cs.label, t, r[0], r[1] * 1e3,
                            r[0] / REFERENCE_GFLOPS, r[2]);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /**
     * Returns {GFLOP/s, seconds} of the median repetition and the GFLOP/s of the fastest one
     * (on a shared machine the gap between the two shows how much others interfered).
     */
    private static double[] measure(Gemm gemm, Case cs) {
        Random rnd = new Random(42);
        float[] a = KernelTiming.random(rnd, cs.m * cs.k);
        float[] b = KernelTiming.random(rnd, cs.k * cs.n);
        float[] c = new float[cs.m * cs.n];
        int lda = cs.transA ? cs.m : cs.k;
        int ldb = cs.transB ? cs.k : cs.n;
        Runnable call = () -> gemm.sgemm(cs.transA, cs.transB, cs.m, cs.n, cs.k, 1f, a, 0, lda,
                b, 0, ldb, 0f, c, 0, cs.n);
        double[] times = KernelTiming.sortedSeconds(call, 200, MIN_TIMED_NANOS, MIN_REPS);
        double median = times[times.length / 2];
        double flops = 2.0 * cs.m * cs.n * cs.k;
        return new double[] {flops / median * 1e-9, median, flops / times[0] * 1e-9};
    }
}
