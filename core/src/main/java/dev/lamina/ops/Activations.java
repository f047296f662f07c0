package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.Kernels;
import dev.lamina.kernels.Transcendentals;
import dev.lamina.ops.Elementwise.Unary;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/** The activations that are primitives (fused for speed and stability); the rest compose these. */
public final class Activations {
    private Activations() {}

    public static Tensor relu(Tensor x) {
        return Elementwise.unary(Unary.RELU, x);
    }

    public static Tensor sigmoid(Tensor x) {
        return Elementwise.unary(Unary.SIGMOID, x);
    }

    public static Tensor tanh(Tensor x) {
        return Elementwise.unary(Unary.TANH, x);
    }

    /** Softmax along {@code axis}, computed with the max subtracted. */
    public static Tensor softmax(Tensor x, int axis) {
        return alongAxis(x, axis, false);
    }

    /** log(softmax(x)) along {@code axis}, as x - max - log(sum(exp(x - max))). */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return alongAxis(x, axis, true);
    }

    /**
     * Softmax's gradient along the last axis, one pass per row: {@code gy - out * sum(gy)} with
     * {@code gy = g * out} (four whole-array passes when composed).
     */
    public static Tensor softmaxGradient(Tensor out, Tensor g) {
        Tensor o = out.contiguous();
        Tensor gc = g.contiguous();
        float[] os = o.data();
        float[] gs = gc.data();
        int oo = o.offset();
        int go = gc.offset();
        int n = o.size();
        int len = o.dim(-1);
        float[] d = BufferPool.take(n);
        for (int r = 0; r < n; r += len) {
            float dot = 0f;
            for (int i = 0; i < len; i++) {
                float gy = gs[go + r + i] * os[oo + r + i];
                d[r + i] = gy;
                dot += gy;
            }
            for (int i = 0; i < len; i++) {
                d[r + i] -= os[oo + r + i] * dot;
            }
        }
        return Tensor.wrap(d, o.shape());
    }

    private static Tensor alongAxis(Tensor x, int axis, boolean log) {
        x = Elementwise.asFloat(x);
        int rank = x.rank();
        if (rank == 0) {
            throw new IllegalArgumentException((log ? "log_softmax" : "softmax") + ": needs rank >= 1, got a scalar");
        }
        int ax = Shapes.axis(axis, rank, log ? "log_softmax" : "softmax");
        if (ax != rank - 1) {
            // Move the axis last, work there, move it back: two views, no extra rule.
            int[] perm = new int[rank];
            for (int i = 0, j = 0; i < rank; i++) {
                if (i != ax) {
                    perm[j++] = i;
                }
            }
            perm[rank - 1] = ax;
            int[] inv = new int[rank];
            for (int i = 0; i < rank; i++) {
                inv[perm[i]] = i;
            }
            return alongAxis(x.permute(perm), -1, log).permute(inv);
        }
        Tensor c = x.contiguous();
        float[] s = c.data();
        int so = c.offset();
        int n = c.size();
        int len = c.dim(-1);
        float[] d = new float[n];
        // Row max and exp on the SIMD kernels: a double Math.exp per element was 5% of a W4 step.
        dev.lamina.kernels.Elementwise ew = Kernels.elementwise();
        Transcendentals tr = Transcendentals.get();
        for (int r = 0; r < n; r += len) {
            float max = ew.max(s, so + r, len);
            float sum = tr.expShiftSum(s, so + r, max, d, r, len);
            if (log) {
                // (x - max) first: subtracting a large log-sum-exp from a large x loses digits.
                float logSum = (float) Math.log(sum);
                for (int i = 0; i < len; i++) {
                    d[r + i] = (s[so + r + i] - max) - logSum;
                }
            } else {
                float inv = 1f / sum;
                for (int i = 0; i < len; i++) {
                    d[r + i] *= inv;
                }
            }
        }
        Tensor out = Tensor.wrap(d, c.shape());
        return Autograd.record(out, log ? new Op.LogSoftmax(-1) : new Op.Softmax(-1), c);
    }
}
