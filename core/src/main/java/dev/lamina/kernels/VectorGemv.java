package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemv} streaming B once: 64 columns at a time kept in eight vector accumulators over all
 * of k (the row-by-row axpy form re-reads and re-writes the output row for every row of B:
 * 36 vs 24 us for W1's 784 x 512 layer on one core), column blocks split between threads.
 * A single-sample predict is bound by reading the weights, so two threads read half each.
 */
public final class VectorGemv implements Gemv {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    private static final int BLOCK = 8 * L;
    /** Multiply-adds per thread below which a split costs more than it saves. */
    static final int MIN_PARALLEL = 1 << 15;

    @Override
    public void gemv(int n, int k, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff) {
        int blocks = n / BLOCK;
        if (blocks > 0) {
            int grain = Math.max(1, MIN_PARALLEL / Math.max(1, k * BLOCK));
            Parallel.forRange(blocks, grain, (from, to) -> {
                for (int blk = from; blk < to; blk++) {
                    block(k, a, aOff, b, bOff + blk * BLOCK, ldb, c, cOff + blk * BLOCK);
                }
            });
        }
        rest(blocks * BLOCK, n, k, a, aOff, b, bOff, ldb, c, cOff);
    }

    /**
     * {@code c[cOff..cOff+n) = a[aOff..aOff+k) @ B} on the calling thread (the few-row GEMM path
     * runs it per row of A on its own share of the columns).
     */
    static void multiply(int n, int k, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff) {
        int blocks = n / BLOCK;
        for (int blk = 0; blk < blocks; blk++) {
            block(k, a, aOff, b, bOff + blk * BLOCK, ldb, c, cOff + blk * BLOCK);
        }
        rest(blocks * BLOCK, n, k, a, aOff, b, bOff, ldb, c, cOff);
    }

    /** Columns [j, n): a vector at a time, then one at a time. Each sum runs over p in order. */
    private static void rest(int j, int n, int k, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff) {
        for (; j <= n - L; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0, bo = bOff + j; p < k; p++, bo += ldb) {
                acc = FloatVector.broadcast(S, a[aOff + p]).fma(FloatVector.fromArray(S, b, bo), acc);
            }
            acc.intoArray(c, cOff + j);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0, bo = bOff + j; p < k; p++, bo += ldb) {
                s += a[aOff + p] * b[bo];
            }
            c[cOff + j] = s;
        }
    }

    private static void block(int k, float[] a, int aOff, float[] b, int bo, int ldb, float[] c, int co) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (int p = 0; p < k; p++, bo += ldb) {
            FloatVector va = FloatVector.broadcast(S, a[aOff + p]);
            c0 = va.fma(FloatVector.fromArray(S, b, bo), c0);
            c1 = va.fma(FloatVector.fromArray(S, b, bo + L), c1);
            c2 = va.fma(FloatVector.fromArray(S, b, bo + 2 * L), c2);
            c3 = va.fma(FloatVector.fromArray(S, b, bo + 3 * L), c3);
            c4 = va.fma(FloatVector.fromArray(S, b, bo + 4 * L), c4);
            c5 = va.fma(FloatVector.fromArray(S, b, bo + 5 * L), c5);
            c6 = va.fma(FloatVector.fromArray(S, b, bo + 6 * L), c6);
            c7 = va.fma(FloatVector.fromArray(S, b, bo + 7 * L), c7);
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + L);
        c2.intoArray(c, co + 2 * L);
        c3.intoArray(c, co + 3 * L);
        c4.intoArray(c, co + 4 * L);
        c5.intoArray(c, co + 5 * L);
        c6.intoArray(c, co + 6 * L);
        c7.intoArray(c, co + 7 * L);
    }

    @Override
    public String name() {
        return "vector-" + BLOCK;
    }
}
