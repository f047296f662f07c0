package dev.lamina.cli.bench;

import dev.lamina.models.Model;
import dev.lamina.tensor.Tensor;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs workloads as shared/bench/WORKLOADS.md asks: warm-up, then timed windows of full training
 * steps (forward, loss, backward, update) on a pool of pre-made random batches; the median,
 * min and max samples/s; inference at the same batch size; GFLOP/s against the machine's
 * sgemm limit; W1's single-sample latency; the live heap after each window, so leaks show.
 */
public final class WorkloadBenchmark {
    /** About 187 GFLOP/s: OpenBLAS sgemm on both cores of this machine (kernel-notes.md). */
    public static final double MACHINE_LIMIT_GFLOPS = 187;

    private final double warmupSeconds;
    private final double windowSeconds;
    private final int windows;

    public WorkloadBenchmark(double warmupSeconds, double windowSeconds, int windows) {
        this.warmupSeconds = warmupSeconds;
        this.windowSeconds = windowSeconds;
        this.windows = windows;
    }

    /** Measures one workload and prints its line. */
    public void run(Workload w, PrintStream out) {
        Model model = w.model().get();
        List<Workload.Batch> pool = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pool.add(w.batches().make(w.batch(), 1234 + i));
        }
        int[] next = {0};
        Runnable train = () -> {
            Workload.Batch b = pool.get(next[0]++ % pool.size());
            model.trainOnBatch(b.x(), b.y());
        };
        Runnable infer = () -> model.predictOnBatch(pool.get(next[0]++ % pool.size()).x());
        double flops = FlopCounter.forwardPerSample(model);

        double warmed = warm(train, warmupSeconds);
        List<Double> heap = new ArrayList<>();
        List<Double> trainRates = windows(train, w.batch(), windowSeconds, windows, heap);
        warm(infer, warmupSeconds / 2);
        List<Double> inferRates = windows(infer, w.batch(), windowSeconds / 2, windows, null);

        double median = median(trainRates);
        double gflops = median * 3 * flops / 1e9;
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%-3s %-30s train %,10.0f samp/s (min %,.0f, max %,.0f)  %6.1f GFLOP/s (%.2f of %.0f)"
                        + "  infer %,10.0f samp/s", w.id(), w.description(), median, Collections.min(trainRates),
                Collections.max(trainRates), gflops, gflops / MACHINE_LIMIT_GFLOPS, MACHINE_LIMIT_GFLOPS, median(inferRates)));
        if (w.id().equals("W1")) {
            line.append(String.format(Locale.ROOT, "  predict(1) %.1f us", latencyMicros(model, pool.get(0).x(), warmupSeconds / 2)));
        }
        line.append(String.format(Locale.ROOT, "  warm-up %.0f s", warmed));
        line.append(String.format(Locale.ROOT, "  heap %s MB", heap.stream().map(h -> String.format(Locale.ROOT, "%.0f", h)).toList()));
        out.println(line);
        out.flush();
    }

    /** Longest warm-up spent waiting for the JIT to finish compiling, whatever {@code --warmup} says. */
    static final double MAX_WARMUP_SECONDS = 40;
    /** A one-second slice with less JIT compilation time than this counts as compiled out. */
    static final long QUIET_COMPILE_MILLIS = 20;

    /**
     * Steps for at least {@code seconds}, then on until one second passes with (almost) no JIT
     * compilation, at most {@link #MAX_WARMUP_SECONDS}: the vector kernels run tens of times
     * slower before C2 compiles them, and a kernel called a few times per step (a small Dense
     * layer, a pooling pass) needs thousands of steps to get there; the timed windows should see
     * the steady state a long training run sees, as PyTorch's do. Returns the seconds spent.
     */
    static double warm(Runnable step, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long limit = start + (long) (Math.max(seconds, MAX_WARMUP_SECONDS) * 1e9);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
        long sliceStart = start;
        long compiledAtSlice = watchJit ? jit.getTotalCompilationTime() : 0;
        int k = 0;
        while (true) {
            step.run();
            k++;
            long now = System.nanoTime();
            if (k < 3 || now < end) {
                continue;
            }
            if (!watchJit || now >= limit) {
                break;
            }
            if (now - sliceStart >= 1_000_000_000L) {
                long compiled = jit.getTotalCompilationTime();
                if (compiled - compiledAtSlice < QUIET_COMPILE_MILLIS) {
                    break;
                }
                sliceStart = now;
                compiledAtSlice = compiled;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<Double> windows(Runnable step, int batch, double seconds, int count, List<Double> heapMb) {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            long k = 0;
            while (System.nanoTime() - t0 < seconds * 1e9) {
                step.run();
                k++;
            }
            rates.add(k * batch / ((System.nanoTime() - t0) / 1e9));
            if (heapMb != null) {
                System.gc();
                heapMb.add(liveHeapBytes() / 1048576.0);
            }
        }
        return rates;
    }

    /**
     * The heap in use as the collector left it, summed over the heap pools. The heap's current
     * usage would also count the fresh allocation buffers threads take right after the collection,
     * whose size the JVM grows with the allocation rate: that read as a slow climb of a few MB.
     */
    private static long liveHeapBytes() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            used += afterGc == null ? 0 : afterGc.getUsed();
        }
        return used;
    }

    /** Median microseconds of predict on one sample (the first row of the batch). */
    private static double latencyMicros(Model model, List<Tensor> x, double warmupSeconds) {
        List<Tensor> one = x.stream().map(t -> t.slice(begin(t), end(t)).contiguous()).toList();
        // Warmed as the windows are, until the JIT is quiet: after a fixed 2,000 calls the
        // single-sample path was still being compiled, and its median read 20-70 us run to run
        // against a steady 17-18 after 30,000.
        warm(() -> model.predictOnBatch(one), warmupSeconds);
        List<Double> medians = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            List<Double> ts = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                long t0 = System.nanoTime();
                model.predictOnBatch(one);
                ts.add((System.nanoTime() - t0) / 1e3);
            }
            medians.add(median(ts));
        }
        return median(medians);
    }

    private static int[] begin(Tensor t) {
        return new int[t.rank()];
    }

    private static int[] end(Tensor t) {
        int[] e = t.shape();
        e[0] = 1;
        return e;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
