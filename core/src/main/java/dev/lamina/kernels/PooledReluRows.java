package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The rows of a relu-fused convolution's output gradient when a tiling max pooling alone read
 * that output: a cell gets its window's pooled gradient where it won the window and is
 * positive, else zero. Read from the pooled gradient (a quarter of the cells for 2x2 windows),
 * so the routed gradient is never written out and read back; whether the winner is positive is
 * read from the pooling's output, the same quarter, rather than from the convolution's output.
 */
final class PooledReluRows implements ReluGradientRows {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final VectorSpecies<Integer> I = VectorWidth.I;
    private static final int L = S.length();
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);

    private final PooledGradient g;
    /** Per image row and column, the window row and column holding it, or -1 where none does. */
    private final int[] windowRow;
    private final int[] windowCol;

    PooledReluRows(PooledGradient g) {
        if (!PooledGradient.tiles(g.pool())) {
            throw new IllegalArgumentException("pooled relu gradient: windows must tile the image (strides = window), got " + g.pool());
        }
        this.g = g;
        ConvShape pool = g.pool();
        this.windowRow = windows(pool.h(), pool.padTop(), pool.strideH(), pool.ho());
        this.windowCol = windows(pool.w(), pool.padLeft(), pool.strideW(), pool.wo());
    }

    private static int[] windows(int size, int padBefore, int stride, int count) {
        int[] at = new int[size];
        for (int i = 0; i < size; i++) {
            int wi = (i + padBefore) / stride;
            at[i] = wi < count ? wi : -1;
        }
        return at;
    }

    @Override
    public void mask(int p0, int pixels, int coutP, float[] local, float[] db) {
        ConvShape pool = g.pool();
        float[] dy = g.dy(), values = g.values();
        int[] argmax = g.argmax();
        int dyOff = g.dyOff(), valuesOff = g.valuesOff();
        int c = pool.cin(), h = pool.h(), w = pool.w();
        int cv = c - c % L;
        FloatVector zero = FloatVector.zero(S);
        int b = p0 / (h * w), iy = p0 % (h * w) / w, ix = p0 % w;
        for (int q = 0; q < pixels; q++) {
            int p = p0 + q;
            int dst = q * coutP;
            int wy = windowRow[iy], wx = windowCol[ix];
            int co = 0;
            if (wy >= 0 && wx >= 0) {
                int win = ((b * pool.ho() + wy) * pool.wo() + wx) * c;
                int flat = p * c;
                for (; co < cv; co += L) {
                    VectorMask<Float> won = IntVector.fromArray(I, argmax, win + co)
                            .compare(VectorOperators.EQ, IOTA.add(flat + co)).cast(S);
                    won = won.and(FloatVector.fromArray(S, values, valuesOff + win + co).compare(VectorOperators.GT, 0f));
                    FloatVector v = zero.blend(FloatVector.fromArray(S, dy, dyOff + win + co), won);
                    v.intoArray(local, dst + co);
                    if (db != null) {
                        FloatVector.fromArray(S, db, co).add(v).intoArray(db, co);
                    }
                }
                for (; co < c; co++) {
                    float v = argmax[win + co] == flat + co && values[valuesOff + win + co] > 0f ? dy[dyOff + win + co] : 0f;
                    local[dst + co] = v;
                    if (db != null) {
                        db[co] += v;
                    }
                }
            }
            java.util.Arrays.fill(local, dst + co, dst + coutP, 0f);
            if (++ix == w) {
                ix = 0;
                if (++iy == h) {
                    iy = 0;
                    b++;
                }
            }
        }
    }
}
