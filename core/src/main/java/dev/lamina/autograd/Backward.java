package dev.lamina.autograd;

import dev.lamina.ops.Activations;
import dev.lamina.ops.Convolution;
import dev.lamina.ops.DepthwiseConvolution;
import dev.lamina.ops.Elementwise;
import dev.lamina.ops.GruSequenceBackward;
import dev.lamina.ops.Indexing;
import dev.lamina.ops.Linear;
import dev.lamina.ops.LstmSequenceBackward;
import dev.lamina.ops.Pooling;
import dev.lamina.ops.ProbabilityCrossentropy;
import dev.lamina.ops.Reductions;
import dev.lamina.ops.ShapeOps;
import dev.lamina.ops.SimpleRnnSequence;
import dev.lamina.ops.TransposedConvolution;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Every gradient rule in one exhaustive switch: given an op, its inputs, its output and the
 * gradient of the output, the gradient of each input (null where an input needs none). Beside
 * it the one rule that spans two ops, a max pooling and the relu 1x1 conv it alone reads
 * ({@link #pooledConv}), which the engine asks for first. Runs under {@link GradMode#noGrad()}.
 */
final class Backward {
    private Backward() {}

    /**
     * The node whose gradients a max pooling's gradient goes straight to: the relu-fused 1x1
     * conv whose output only this pooling reads ({@code uses}: how many op inputs each tensor is
     * in the graph being differentiated), when {@link Convolution#fusesMaxPool} holds; else null.
     * The two gradient rules then run as one ({@link #pooledConvGradients}) and the routed
     * gradient, four times the pooled one for 2x2 windows, is never written out and read back.
     */
    static Tensor pooledConv(Tensor node, Map<Tensor, int[]> uses) {
        if (!(node.op() instanceof Op.MaxPool2D pool)) {
            return null;
        }
        Tensor a = node.inputs()[0];
        if (!(a.op() instanceof Op.Conv2D conv) || uses.get(a)[0] != 1) {
            return null;
        }
        return Convolution.fusesMaxPool(a.inputs(), conv.spec(), conv.relu(), pool.spec()) ? a : null;
    }

    /** The gradients of {@code conv}'s inputs from the gradient {@code g} of {@code pool}, as {@link #pooledConv} chose them. */
    static Tensor[] pooledConvGradients(Tensor conv, Tensor pool, Tensor g) {
        Op.Conv2D c = (Op.Conv2D) conv.op();
        Op.MaxPool2D p = (Op.MaxPool2D) pool.op();
        return Convolution.pooledGradients(conv.inputs(), g, pool, c.spec(), p.spec(), p.argmax());
    }

    static Tensor[] gradients(Op op, Tensor[] in, Tensor out, Tensor g) {
        Tensor a = in[0];
        Tensor b = in.length > 1 ? in[1] : null;
        return switch (op) {
            case Op.Add o -> two(sumTo(g, a), b == null ? null : sumTo(g, b));
            case Op.Sub o -> two(sumTo(g, a), sumTo(g.neg(), b));
            case Op.Mul o -> two(need(a) ? sumTo(g.mul(b), a) : null, need(b) ? sumTo(g.mul(a), b) : null);
            case Op.Div o -> two(need(a) ? sumTo(g.div(b), a) : null,
                    need(b) ? sumTo(g.mul(out).div(b).neg(), b) : null);
            case Op.Pow o -> two(need(a) ? sumTo(g.mul(b).mul(a.pow(b.sub(1f))), a) : null,
                    need(b) ? sumTo(g.mul(out).mul(safeLog(a)), b) : null);
            case Op.Maximum o -> {
                Tensor mask = a.ge(b);
                yield two(need(a) ? sumTo(g.mul(mask), a) : null, need(b) ? sumTo(g.mul(a.lt(b)), b) : null);
            }
            case Op.Minimum o -> {
                Tensor mask = a.le(b);
                yield two(need(a) ? sumTo(g.mul(mask), a) : null, need(b) ? sumTo(g.mul(a.gt(b)), b) : null);
            }
            case Op.Neg o -> one(g.neg());
            case Op.Exp o -> one(g.mul(out));
            case Op.Log o -> one(g.div(a));
            case Op.Sqrt o -> one(g.div(out.mul(2f)));
            case Op.Abs o -> one(g.mul(a.sign()));
            case Op.Clip o -> one(g.mul(a.ge(Tensor.scalar(o.min())).mul(a.le(Tensor.scalar(o.max())))));
            case Op.Where o -> two(need(a) ? sumTo(Elementwise.where(o.condition(), g, Tensor.scalar(0f)), a) : null,
                    need(b) ? sumTo(Elementwise.where(o.condition(), Tensor.scalar(0f), g), b) : null);
            case Op.Relu o -> one(Elementwise.reluGrad(g, out));
            case Op.Sigmoid o -> one(g.mul(out).mul(Tensor.scalar(1f).sub(out)));
            case Op.Tanh o -> one(g.mul(Tensor.scalar(1f).sub(out.mul(out))));
            case Op.Softmax o -> one(Activations.softmaxGradient(out, g));
            case Op.LogSoftmax o -> one(g.sub(out.exp().mul(g.sum(new int[] {-1}, true))));
            case Op.ProbabilityCrossentropy o ->
                    ProbabilityCrossentropy.gradients(a, b, g, o.epsilon(), need(a), need(b));
            case Op.Sum o -> one(expand(g, a.shape(), o.axes(), o.keepDims()));
            case Op.Max o -> {
                Tensor outB = expand(out, a.shape(), o.axes(), o.keepDims());
                Tensor mask = a.eq(outB);
                Tensor count = expand(mask.sum(o.axes(), true), a.shape(), o.axes(), true);
                yield one(expand(g, a.shape(), o.axes(), o.keepDims()).mul(mask).div(count));
            }
            case Op.MatMul o -> matmul(a, b, g);
            case Op.Linear o -> Linear.gradients(in, out, g, o.relu());
            case Op.Reshape o -> one(g.reshape(o.fromShape()));
            case Op.Permute o -> one(g.permute(inverse(o.perm())));
            case Op.BroadcastTo o -> one(Reductions.sumTo(g, o.fromShape()));
            case Op.Slice o -> {
                int[][] pads = new int[a.rank()][];
                for (int i = 0; i < pads.length; i++) {
                    pads[i] = new int[] {o.begin()[i], a.shape()[i] - o.end()[i]};
                }
                yield one(ShapeOps.pad(g, pads, 0f));
            }
            case Op.Copy o -> one(g);
            case Op.Pad o -> {
                int[] begin = new int[a.rank()];
                int[] end = new int[a.rank()];
                for (int i = 0; i < begin.length; i++) {
                    begin[i] = o.pads()[i][0];
                    end[i] = begin[i] + a.shape()[i];
                }
                yield one(ShapeOps.slice(g, begin, end));
            }
            case Op.Concat o -> ShapeOps.split(g, o.axis(), o.sizes()).toArray(new Tensor[0]);
            case Op.Gather o -> one(Indexing.scatterAdd(a.shape(), o.indices(), g));
            case Op.Conv2D o -> Convolution.gradients(in, out, g, o.spec(), o.relu());
            case Op.DepthwiseConv2D o -> DepthwiseConvolution.backward(a, b, g, o.spec(), need(a), need(b));
            case Op.Conv2DTranspose o -> TransposedConvolution.backward(a, b, g, o.spec(), need(a), need(b));
            case Op.MaxPool2D o -> one(Pooling.maxPoolBackward(a, g, o.spec(), o.argmax()));
            case Op.MaxPooledConv2D o -> Convolution.pooledGradients(in, g, out, o.spec(), o.pool(), o.argmax());
            case Op.AvgPool2D o -> one(Pooling.avgPoolBackward(a, g, o.spec()));
            case Op.LstmSequence o -> LstmSequenceBackward.gradients(o.spec(), o.tape(), in, g);
            case Op.GruSequence o -> GruSequenceBackward.gradients(o.spec(), o.tape(), in, g);
            case Op.SimpleRnnSequence o -> SimpleRnnSequence.gradients(o.spec(), o.tape(), in, g);
        };
    }

    private static boolean need(Tensor t) {
        return t != null && t.requiresGrad();
    }

    private static Tensor[] one(Tensor g) {
        return new Tensor[] {g};
    }

    private static Tensor[] two(Tensor ga, Tensor gb) {
        return new Tensor[] {ga, gb};
    }

    private static Tensor sumTo(Tensor g, Tensor like) {
        return like == null || !like.requiresGrad() ? null : Reductions.sumTo(g, like.shape());
    }

    /** log(a) where a > 0, else 0: the exponent's gradient at non-positive bases is taken as 0. */
    private static Tensor safeLog(Tensor a) {
        Tensor pos = a.gt(Tensor.scalar(0f));
        return Elementwise.where(pos, Elementwise.where(pos, a, Tensor.scalar(1f)).log(), Tensor.scalar(0f));
    }

    /** Broadcasts a reduced gradient back over the reduced axes. */
    private static Tensor expand(Tensor g, int[] shape, int[] axes, boolean keepDims) {
        int[] kept = Shapes.reduced(shape, axes, true);
        Tensor r = keepDims ? g : g.reshape(kept);
        return r.broadcastTo(shape).contiguous();
    }

    private static Tensor[] matmul(Tensor a, Tensor b, Tensor g) {
        Tensor ga = null;
        Tensor gb = null;
        if (need(a)) {
            ga = Reductions.sumTo(g.matmul(b.transpose()), a.shape());
        }
        if (need(b)) {
            if (b.rank() == 2 && a.rank() > 2) {
                // Fold the leading dims into rows: one GEMM instead of a batch then a sum.
                int k = a.dim(-1);
                Tensor a2 = a.contiguous().reshape(-1, k);
                Tensor g2 = g.contiguous().reshape(-1, g.dim(-1));
                gb = a2.transpose().matmul(g2);
            } else {
                gb = Reductions.sumTo(a.transpose().matmul(g), b.shape());
            }
        }
        return two(ga, gb);
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            int p = perm[i] < 0 ? perm[i] + perm.length : perm[i];
            inv[p] = i;
        }
        return inv;
    }

}
