package dev.lamina.kernels;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Random;

/**
 * Measures the active convolution kernels in GFLOP/s ({@code 2 * macs / time}, the median of
 * timed repetitions after warm-up) per pass (forward, input gradient, kernel gradient) on the
 * layer shapes of the convolutional workloads, on one thread and on all configured threads.
 */
public final class ConvBenchmark {
    private static final long MIN_TIMED_NANOS = 400_000_000L;
    private static final int MIN_REPS = 5;
    /** Report the fastest repetition instead of the median (-Dlamina.bench.best=true): on a shared machine, what the kernel can do. */
    private static final boolean BEST = Boolean.getBoolean("lamina.bench.best");

    private record Case(String label, ConvShape shape) {}

    private static final Case[] CASES = {
        new Case("W6 c1 32x32x3>32 3x3", same(32, 32, 32, 3, 32, 3, 1)),
        new Case("W6 res 32x32x32>32 3x3", same(32, 32, 32, 32, 32, 3, 1)),
        new Case("W6 inc 16x16x32>16 3x3", same(32, 16, 16, 32, 16, 3, 1)),
        new Case("W6 inc 32x32x16>16 3x3 s2", same(32, 32, 32, 16, 16, 3, 2)),
        new Case("W6 inc 32x32x16>16 3x3", same(32, 32, 32, 16, 16, 3, 1)),
        new Case("W6 inc 32x32x32>16 1x1", same(32, 32, 32, 32, 16, 1, 1)),
        new Case("W6 inc 32x32x32>16 1x1 s2", same(32, 32, 32, 32, 16, 1, 2)),
        new Case("W2 c1 28x28x1>32 3x3", valid(64, 28, 28, 1, 32, 3)),
        new Case("W2 c2 13x13x32>64 3x3", valid(64, 13, 13, 32, 64, 3)),
        new Case("W2 c3 5x5x64>64 3x3", valid(64, 5, 5, 64, 64, 3)),
        new Case("W7 pw 60x60x32>64 1x1", valid(32, 60, 60, 32, 64, 1)),
        new Case("W7 pw 26x26x64>128 1x1", valid(32, 26, 26, 64, 128, 1)),
        new Case("W5 c1 500x128>32 k7", new ConvShape(128, 1, 500, 128, 1, 7, 32, 1, 494, 1, 1, 1, 1, 0, 0)),
        new Case("W5 c2 98x32>32 k7", new ConvShape(128, 1, 98, 32, 1, 7, 32, 1, 92, 1, 1, 1, 1, 0, 0)),
    };

    private ConvBenchmark() {}

    private static ConvShape same(int n, int h, int w, int cin, int cout, int k, int stride) {
        int ho = (h + stride - 1) / stride, wo = (w + stride - 1) / stride;
        int padH = Math.max(0, (ho - 1) * stride + k - h), padW = Math.max(0, (wo - 1) * stride + k - w);
        return new ConvShape(n, h, w, cin, k, k, cout, ho, wo, stride, stride, 1, 1, padH / 2, padW / 2);
    }

    private static ConvShape valid(int n, int h, int w, int cin, int cout, int k) {
        return new ConvShape(n, h, w, cin, k, k, cout, h - k + 1, w - k + 1, 1, 1, 1, 1, 0, 0);
    }

    /** Runs every case, or with arguments only the cases whose label contains one of them. */
    public static void main(String[] args) {
        run(System.out, args);
    }

    /** Runs the selected cases (all when {@code filters} is empty) on 1 and on all threads. */
    public static void run(PrintStream out, String... filters) {
        ConvKernels conv = Kernels.conv();
        int saved = Parallel.threads();
        int[] threadCounts = saved > 1 ? new int[] {1, saved} : new int[] {1, 2};
        out.println("Convolution benchmark: " + conv.name() + ", GFLOP/s of the " + (BEST ? "fastest" : "median") + " repetition");
        out.printf("%-28s %7s %9s %9s %9s%n", "case", "threads", "forward", "d input", "d kernel");
        try {
            for (Case cs : CASES) {
                if (filters.length > 0 && Arrays.stream(filters).noneMatch(cs.label::contains)) {
                    continue;
                }
                for (int t : threadCounts) {
                    Parallel.setThreads(t);
                    out.printf("%-28s %7d %9.1f %9.1f %9.1f%n", cs.label, t, measure(conv, cs.shape, 0),
                            measure(conv, cs.shape, 1), measure(conv, cs.shape, 2));
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** GFLOP/s of the median repetition of one pass (0 forward, 1 input gradient, 2 kernel gradient). */
    private static double measure(ConvKernels conv, ConvShape s, int pass) {
        Random rnd = new Random(42);
        float[] x = KernelTiming.random(rnd, s.n() * s.h() * s.w() * s.cin());
        float[] k = KernelTiming.random(rnd, s.patch() * s.cout());
        float[] bias = KernelTiming.random(rnd, s.cout());
        float[] y = KernelTiming.random(rnd, s.pixels() * s.cout());
        float[] dx = new float[x.length];
        float[] dk = new float[k.length];
        Runnable call = switch (pass) {
            case 0 -> () -> conv.forward(s, x, 0, k, 0, bias, 0, true, y, 0);
            case 1 -> () -> conv.backwardInput(s, y, 0, k, 0, dx, 0);
            default -> () -> conv.backwardKernel(s, x, 0, y, 0, dk, 0);
        };
        double[] times = KernelTiming.sortedSeconds(call, 500, MIN_TIMED_NANOS, MIN_REPS);
        return 2.0 * s.macs() / times[BEST ? 0 : times.length / 2] * 1e-9;
    }
}
