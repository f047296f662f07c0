package dev.lamina.ops;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reusable float arrays for the saved activations of fused recurrent ops, the outputs of the
 * big ops (convolutions, pooling, pointwise passes, matmul) and the gradients that
 * {@link dev.lamina.autograd.Autograd#backward} has consumed. A training step makes the same
 * sizes every time, so an array released after one step's backward pass is taken again by the
 * next step's forward pass instead of allocating (and zeroing) tens of megabytes, and the
 * young generation fills (and copies the step's live activations) less often.
 *
 * <p>Arrays come back dirty: callers overwrite every element they later read. Arrays that are
 * never released (a forward pass whose backward never runs) are simply garbage collected. The
 * pool keeps only arrays it allocated, at most {@link #MAX_RETAINED_FLOATS} floats, and drops
 * the arrays of a size nobody has asked for in the last {@link #STALE_TAKES} takes (a model
 * trained earlier in the same process), so they do not sit in the heap for good.
 */
public final class BufferPool {
    /**
     * Half the heap, in floats, across all sizes: a training step's activations and gradients
     * come back here at its end, and those of a big convnet (W7: 64x64 images, batch 32) are
     * several hundred megabytes; a smaller cap made such a step allocate most of them afresh.
     */
    static final long MAX_RETAINED_FLOATS = Runtime.getRuntime().maxMemory() / 8;

    /** Takes after which a size nobody asked for is dropped (a few hundred training steps). */
    static final long STALE_TAKES = 20_000;

    private static final Map<Integer, SizeClass> FREE = new HashMap<>();
    /**
     * The arrays this pool allocated (weakly: one never given back is collected). Only those
     * are kept when given: ops that allocate their own outputs would otherwise add arrays
     * every step that nobody takes, until the cap (arrays hash and compare by identity).
     */
    private static final Map<float[], Boolean> ISSUED = new WeakHashMap<>();
    private static long retained;
    /** Counts takes: the pool's clock. */
    private static long clock;
    private static long lastSweep;

    /** The free arrays of one size, and when that size was last asked for. */
    private static final class SizeClass {
        final ArrayDeque<float[]> arrays = new ArrayDeque<>();
        long lastTake;
        /** Arrays allocated because none was free. */
        long allocated;
    }

    private BufferPool() {}

    /** An array of exactly {@code size} floats with unspecified contents. */
    public static synchronized float[] take(int size) {
        clock++;
        SizeClass q = FREE.computeIfAbsent(size, k -> new SizeClass());
        q.lastTake = clock;
        if (!q.arrays.isEmpty()) {
            retained -= size;
            return q.arrays.pop();
        }
        q.allocated++;
        float[] a = new float[size];
        ISSUED.put(a, Boolean.TRUE);
        return a;
    }

    /** An array of exactly {@code size} zeros (for kernels that accumulate into their output). */
    public static float[] zeros(int size) {
        float[] a = take(size);
        java.util.Arrays.fill(a, 0f);
        return a;
    }

    /**
     * Gives arrays back; null entries, and arrays this pool did not allocate, are ignored. The
     * caller guarantees that nothing reads or writes them any more, and gives each array back
     * once.
     */
    public static synchronized void give(float[]... arrays) {
        if (clock - lastSweep > STALE_TAKES) {
            dropStale();
        }
        for (float[] a : arrays) {
            if (a == null || a.length == 0 || retained + a.length > MAX_RETAINED_FLOATS || !ISSUED.containsKey(a)) {
                continue;
            }
            SizeClass q = FREE.computeIfAbsent(a.length, k -> new SizeClass());
            if (q.arrays.isEmpty() && q.lastTake == 0) {
                q.lastTake = clock;
            }
            q.arrays.push(a);
            retained += a.length;
        }
    }

    private static void dropStale() {
        lastSweep = clock;
        for (Iterator<Map.Entry<Integer, SizeClass>> it = FREE.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, SizeClass> e = it.next();
            if (clock - e.getValue().lastTake > STALE_TAKES) {
                retained -= (long) e.getKey() * e.getValue().arrays.size();
                it.remove();
            }
        }
    }

    /**
     * Arrays of {@code size} floats allocated because none was free, since the size was last
     * dropped (for tests and diagnostics: a training step in its steady state allocates none).
     */
    static synchronized long allocated(int size) {
        SizeClass q = FREE.get(size);
        return q == null ? 0 : q.allocated;
    }

    /** Floats held for reuse (for tests and diagnostics). */
    static synchronized long retainedFloats() {
        return retained;
    }
}
