package dev.lamina.kernels;

import java.util.Arrays;
import java.util.Random;

/** The timing loop the kernel benchmarks share: warm-up, then repetitions sorted fastest first. */
final class KernelTiming {
    private KernelTiming() {}

    /**
     * Seconds per call of {@code call}, sorted ascending: after warm-up calls (at least 3, up to
     * {@code maxWarm} within 0.3 s, enough for C2 to compile the kernel and the caches to fill),
     * enough repetitions to last {@code minTimedNanos} (at least {@code minReps}, at most 2,000).
     */
    static double[] sortedSeconds(Runnable call, int maxWarm, long minTimedNanos, int minReps) {
        long warmStart = System.nanoTime();
        int warm = 0;
        while (warm < 3 || (System.nanoTime() - warmStart < 300_000_000L && warm < maxWarm)) {
            call.run();
            warm++;
        }
        double once = (System.nanoTime() - warmStart) / (double) warm;
        int reps = (int) Math.max(minReps, Math.min(2_000, minTimedNanos / Math.max(1.0, once)));
        double[] times = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            call.run();
            times[r] = (System.nanoTime() - t0) * 1e-9;
        }
        Arrays.sort(times);
        return times;
    }

    /** {@code size} uniform values in [-0.5, 0.5). */
    static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() - 0.5f;
        }
        return x;
    }
}
