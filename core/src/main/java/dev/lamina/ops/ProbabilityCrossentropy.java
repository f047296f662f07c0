package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.Kernels;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/**
 * Keras's categorical crossentropy of probabilities along the last axis, as one primitive:
 * {@code -sum(target * log(clip(p / sum(p), eps, 1 - eps)))} per row. Composed of single ops it
 * was ten passes over (batch, classes) arrays each way (a tenth of a W4 step, 500 classes); here
 * it is one pass forward and one backward. Terms whose target is 0 add nothing and take no log.
 * The gradient is the composed one's: clipped values pass none (TensorFlow's clip_by_value,
 * bounds inclusive), and the renormalisation's share is {@code (dq - sum(dq * q)) / sum(p)}.
 */
public final class ProbabilityCrossentropy {
    private ProbabilityCrossentropy() {}

    /** Per-row losses, shape {@code probabilities.shape[:-1]}; target and probabilities share one shape. */
    public static Tensor apply(Tensor target, Tensor probabilities, float epsilon) {
        Tensor y = Elementwise.asFloat(target).contiguous();
        Tensor p = Elementwise.asFloat(probabilities).contiguous();
        check(y, p);
        int len = p.dim(-1);
        int rows = len == 0 ? 0 : p.size() / len;
        float[] ys = y.data();
        float[] ps = p.data();
        int yo = y.offset();
        int po = p.offset();
        float hi = 1f - epsilon;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            int pr = po + r * len;
            int yr = yo + r * len;
            float sum = Kernels.elementwise().sum(ps, pr, len);
            float acc = 0f;
            for (int j = 0; j < len; j++) {
                float t = ys[yr + j];
                if (t != 0f) {
                    float q = Math.min(Math.max(ps[pr + j] / sum, epsilon), hi);
                    acc += t * (float) Math.log(q);
                }
            }
            out[r] = -acc;
        }
        Tensor loss = Tensor.wrap(out, java.util.Arrays.copyOf(p.shape(), p.rank() - 1));
        return Autograd.record(loss, new Op.ProbabilityCrossentropy(epsilon), y, p);
    }

    /** Gradients of (target, probabilities) given the per-row loss gradient {@code g}; null where not needed. */
    public static Tensor[] gradients(Tensor target, Tensor probabilities, Tensor g, float epsilon,
                                     boolean needTarget, boolean needProbabilities) {
        Tensor gc = g.contiguous();
        float[] gs = gc.data();
        int go = gc.offset();
        float[] ys = target.data();
        float[] ps = probabilities.data();
        int yo = target.offset();
        int po = probabilities.offset();
        int len = probabilities.dim(-1);
        int rows = len == 0 ? 0 : probabilities.size() / len;
        float hi = 1f - epsilon;
        float[] dy = needTarget ? new float[rows * len] : null;
        float[] dp = needProbabilities ? BufferPool.take(rows * len) : null;
        for (int r = 0; r < rows; r++) {
            int pr = po + r * len;
            int yr = yo + r * len;
            int dr = r * len;
            float gr = gs[go + r];
            float sum = Kernels.elementwise().sum(ps, pr, len);
            if (dy != null) {
                for (int j = 0; j < len; j++) {
                    float q = Math.min(Math.max(ps[pr + j] / sum, epsilon), hi);
                    dy[dr + j] = -gr * (float) Math.log(q);
                }
            }
            if (dp == null) {
                continue;
            }
            // dq_j = -g t_j / clip(q_j) where q_j is inside the bounds; only targets' classes have one.
            float dot = 0f;
            for (int j = 0; j < len; j++) {
                float t = ys[yr + j];
                float dq = 0f;
                if (t != 0f) {
                    float q = ps[pr + j] / sum;
                    if (q >= epsilon && q <= hi) {
                        dq = -gr * t / q;
                        dot += dq * q;
                    }
                }
                dp[dr + j] = dq;
            }
            for (int j = 0; j < len; j++) {
                dp[dr + j] = (dp[dr + j] - dot) / sum;
            }
        }
        return new Tensor[] {dy == null ? null : Tensor.wrap(dy, target.shape()),
                dp == null ? null : Tensor.wrap(dp, probabilities.shape())};
    }

    private static void check(Tensor y, Tensor p) {
        if (p.rank() == 0 || !Shapes.same(y.shape(), p.shape())) {
            throw new dev.lamina.tensor.ShapeException("categorical_crossentropy: target and probabilities must have one "
                    + "shape of rank >= 1, got " + Shapes.str(y.shape()) + " and " + Shapes.str(p.shape()));
        }
    }
}
