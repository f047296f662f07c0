package dev.lamina.ops;

import dev.lamina.kernels.Parallel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reusable float arrays for the saved activations of fused recurrent ops, the outputs of the
 * big ops (convolutions, pooling, pointwise passes, matmul) and the gradients that
 * {@link dev.lamina.autograd.Autograd#backward} has consumed; and int arrays for max pooling's
 * winner indices. A training step makes the same
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

    /** Floats below which a zero fill stays on one thread. */
    private static final int ZERO_GRAIN = 1 << 16;

    /** Takes after which a size nobody asked for is dropped (a few hundred training steps). */
    static final long STALE_TAKES = 20_000;

    /** Free arrays by {@link #key}: float and int arrays of one length are separate classes. */
    private static final Map<Long, SizeClass> FREE = new HashMap<>();
    /**
     * The arrays this pool allocated (weakly: one never given back is collected). Only those
     * are kept when given: ops that allocate their own outputs would otherwise add arrays
     * every step that nobody takes, until the cap (arrays hash and compare by identity).
     */
    private static final Map<Object, Boolean> ISSUED = new WeakHashMap<>();
    private static long retained;
    /** Counts takes: the pool's clock. */
    private static long clock;
    private static long lastSweep;

    /** The free arrays of one size, and when that size was last asked for. */
    private static final class SizeClass {
        final ArrayDeque<Object> arrays = new ArrayDeque<>();
        long lastTake;
        /** Arrays allocated because none was free. */
        long allocated;
    }

    private BufferPool() {}

    /** An array of exactly {@code size} floats with unspecified contents. */
    public static synchronized float[] take(int size) {
        return (float[]) take(size, false);
    }

    /** An array of exactly {@code size} ints with unspecified contents (max pooling's winners). */
    public static synchronized int[] takeInts(int size) {
        return (int[]) take(size, true);
    }

    private static Object take(int size, boolean ints) {
        clock++;
        SizeClass q = FREE.computeIfAbsent(key(size, ints), k -> new SizeClass());
        q.lastTake = clock;
        if (!q.arrays.isEmpty()) {
            retained -= size;
            return q.arrays.pop();
        }
        q.allocated++;
        Object a = ints ? new int[size] : new float[size];
        ISSUED.put(a, Boolean.TRUE);
        return a;
    }

    private static long key(int size, boolean ints) {
        return ints ? (1L << 32) | size : size;
    }

    /** An array of exactly {@code size} zeros (for kernels that accumulate into their output). */
    public static float[] zeros(int size) {
        float[] a = take(size);
        // Both threads: one thread's fill of a few megabytes is a W6 pooling gradient's largest part.
        Parallel.forRange(size, ZERO_GRAIN, (from, to) -> java.util.Arrays.fill(a, from, to, 0f));
        return a;
    }

    /**
     * Gives arrays back; null entries, and arrays this pool did not allocate, are ignored. The
     * caller guarantees that nothing reads or writes them any more, and gives each array back
     * once.
     */
    public static synchronized void give(float[]... arrays) {
        for (float[] a : arrays) {
            if (a != null) {
                giveOne(a, a.length, false);
            }
        }
    }

    /** Gives an int array back, as {@link #give} does float arrays. */
    public static synchronized void giveInts(int[] a) {
        if (a != null) {
            giveOne(a, a.length, true);
        }
    }

    private static void giveOne(Object a, int length, boolean ints) {
        if (clock - lastSweep > STALE_TAKES) {
            dropStale();
        }
        if (length == 0 || retained + length > MAX_RETAINED_FLOATS || !ISSUED.containsKey(a)) {
            return;
        }
        SizeClass q = FREE.computeIfAbsent(key(length, ints), k -> new SizeClass());
        if (q.arrays.isEmpty() && q.lastTake == 0) {
            q.lastTake = clock;
        }
        q.arrays.push(a);
        retained += length;
    }

    private static void dropStale() {
        lastSweep = clock;
        for (Iterator<Map.Entry<Long, SizeClass>> it = FREE.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, SizeClass> e = it.next();
            if (clock - e.getValue().lastTake > STALE_TAKES) {
                retained -= (e.getKey() & 0xffffffffL) * e.getValue().arrays.size();
                it.remove();
            }
        }
    }

    /**
     * Arrays of {@code size} floats allocated because none was free, since the size was last
     * dropped (for tests and diagnostics: a training step in its steady state allocates none).
     */
    static synchronized long allocated(int size) {
        SizeClass q = FREE.get(key(size, false));
        return q == null ? 0 : q.allocated;
    }

    /** As {@link #allocated}, for int arrays. */
    static synchronized long allocatedInts(int size) {
        SizeClass q = FREE.get(key(size, true));
        return q == null ? 0 : q.allocated;
    }

    /** Elements (floats and ints) held for reuse (for tests and diagnostics). */
    static synchronized long retainedFloats() {
        return retained;
    }
}
