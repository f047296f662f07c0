package dev.lamina.kernels;

/**
 * Per-thread packing buffers for the blocked GEMMs. Kept in a thread-local and grown on demand,
 * so a training loop that calls GEMM thousands of times allocates them once per thread instead
 * of once per call (a 256 x 4080 B panel is 4 MiB).
 */
final class GemmScratch {
    private static final ThreadLocal<GemmScratch> LOCAL = ThreadLocal.withInitial(GemmScratch::new);

    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] rowA = new float[0];
    private float[] rowC = new float[0];
    private float[][] rows = new float[0][];
    private float[] tile = new float[0];
    private float[] shared = new float[0];

    static GemmScratch get() {
        return LOCAL.get();
    }

    float[] a(int size) {
        return a = Scratch.atLeast(a, size);
    }

    float[] b(int size) {
        return b = Scratch.atLeast(b, size);
    }

    /** All of a packed A that other threads read while this one submits (VectorGemm.packAllOfA). */
    float[] shared(int size) {
        return shared = Scratch.atLeast(shared, size);
    }

    /** An edge tile: the micro-kernel writes full tiles here and the valid part is merged. */
    float[] tile(int size) {
        return tile = Scratch.atLeast(tile, size);
    }

    /** A contiguous copy of one row of op(A), for the unpacked small-shape path. */
    float[] rowA(int size) {
        return rowA = Scratch.atLeast(rowA, size);
    }

    /**
     * At least {@code count} separate rows of at least {@code len} floats, for the scalar GEMM
     * (separate arrays indexed from 0 are what lets C2 prove its loop free of aliasing).
     */
    float[][] rows(int count, int len) {
        if (rows.length < count || rows[0].length < len) {
            rows = new float[Math.max(count, rows.length)][Math.max(len, rows.length == 0 ? 0 : rows[0].length)];
        }
        return rows;
    }

    /** One row of C being accumulated, for the unpacked small-shape path. */
    float[] rowC(int size) {
        return rowC = Scratch.atLeast(rowC, size);
    }
}
