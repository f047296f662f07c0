package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Elementwise} on {@link VectorWidth} {@code jdk.incubator.vector} lanes with a scalar tail.
 * Reductions use two vector accumulators per loop step so consecutive adds do not wait on each
 * other's latency, and reduce across lanes once at the end.
 */
public final class VectorOps implements Elementwise {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();

    @Override
    public float sum(float[] a, int off, int len) {
        FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            acc0 = acc0.add(FloatVector.fromArray(S, a, off + i));
            acc1 = acc1.add(FloatVector.fromArray(S, a, off + i + L));
        }
        if (i <= len - L) {
            acc0 = acc0.add(FloatVector.fromArray(S, a, off + i));
            i += L;
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += a[off + i];
        }
        return s;
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            acc0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc0);
            acc1 = FloatVector.fromArray(S, x, xOff + i + L).fma(FloatVector.fromArray(S, y, yOff + i + L), acc1);
        }
        if (i <= len - L) {
            acc0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc0);
            i += L;
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector vy = FloatVector.fromArray(S, y, yOff + i);
            va.fma(FloatVector.fromArray(S, x, xOff + i), vy).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public float max(float[] a, int off, int len) {
        // NaN-propagating max compiles to a several-instruction sequence with a long latency,
        // so four independent accumulators keep the loop throughput-bound (about 4x faster).
        float m = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (len >= L) {
            FloatVector acc0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            FloatVector acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (; i <= len - 4 * L; i += 4 * L) {
                acc0 = acc0.max(FloatVector.fromArray(S, a, off + i));
                acc1 = acc1.max(FloatVector.fromArray(S, a, off + i + L));
                acc2 = acc2.max(FloatVector.fromArray(S, a, off + i + 2 * L));
                acc3 = acc3.max(FloatVector.fromArray(S, a, off + i + 3 * L));
            }
            for (; i <= len - L; i += L) {
                acc0 = acc0.max(FloatVector.fromArray(S, a, off + i));
            }
            m = acc0.max(acc1).max(acc2.max(acc3)).reduceLanes(VectorOperators.MAX);
        }
        for (; i < len; i++) {
            m = Math.max(m, a[off + i]);
        }
        return m;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }
}
