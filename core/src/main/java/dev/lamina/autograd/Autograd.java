package dev.lamina.autograd;

import dev.lamina.ops.BufferPool;
import dev.lamina.tensor.DType;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records op history on outputs and runs reverse-mode differentiation over it. */
public final class Autograd {
    private Autograd() {}

    /**
     * Attaches {@code op} and {@code inputs} to {@code out} when recording is on and some input
     * requires grad; returns {@code out}. Every differentiable op calls this once.
     */
    public static Tensor record(Tensor out, Op op, Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return out;
        }
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                out.attachHistory(op, inputs);
                return out;
            }
        }
        return out;
    }

    /**
     * Backpropagates from {@code root}. Leaf tensors that require grad get the gradient added to
     * their {@link Tensor#grad()} (so fan-out and repeated calls accumulate); intermediate
     * gradients are dropped as soon as they are used.
     */
    public static void backward(Tensor root, Tensor upstream) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor does not require grad (no weight or input"
                    + " that requires grad contributed to it, or it was computed under noGrad())");
        }
        if (upstream == null) {
            if (root.size() != 1) {
                throw new ShapeException("backward: implicit gradient needs a scalar, got shape "
                        + Shapes.str(root.shape()) + "; pass the upstream gradient explicitly");
            }
            upstream = Tensor.ones(root.shape());
        } else if (!Shapes.same(upstream.shape(), root.shape())) {
            throw new ShapeException("backward: upstream gradient shape " + Shapes.str(upstream.shape())
                    + " differs from tensor shape " + Shapes.str(root.shape()));
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, int[]> uses = uses(order);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        Recycler recycler = new Recycler(upstream);
        grads.put(root, upstream);
        recycler.hold(upstream);
        try (var ignored = GradMode.noGrad()) {
            for (int n = order.size() - 1; n >= 0; n--) {
                Tensor node = order.get(n);
                Tensor g = grads.remove(node);
                if (g == null) {
                    continue;
                }
                recycler.drop(g);
                if (node.op() == null) {
                    Tensor acc = node.grad() == null ? g.contiguous() : node.grad().add(g);
                    node.setGrad(acc);
                    recycler.pin(acc);
                    recycler.consumed(g);
                    recycler.recycle();
                    continue;
                }
                Tensor[] in = node.inputs();
                Tensor pooled = Backward.pooledConv(node, uses);
                Tensor[] gin;
                if (pooled != null) {
                    // The conv's whole gradient is this pooling's: both rules run now, as one,
                    // and the conv node, left without a gradient, is skipped when reached.
                    in = pooled.inputs();
                    gin = Backward.pooledConvGradients(pooled, node, g);
                } else {
                    gin = Backward.gradients(node.op(), in, node, g);
                }
                recycler.consumed(g);
                for (int i = 0; i < in.length; i++) {
                    if (gin[i] == null) {
                        continue;
                    }
                    recycler.fresh(gin[i]);
                    if (!in[i].requiresGrad()) {
                        recycler.consumed(gin[i]);
                        continue;
                    }
                    if (!Shapes.same(gin[i].shape(), in[i].shape())) {
                        throw new IllegalStateException("Gradient rule of " + node.op().name() + " produced shape "
                                + Shapes.str(gin[i].shape()) + " for input of shape " + Shapes.str(in[i].shape()));
                    }
                    Tensor prev = grads.get(in[i]);
                    Tensor next = prev == null ? gin[i] : prev.add(gin[i]);
                    recycler.fresh(next);
                    grads.put(in[i], next);
                    recycler.hold(next);
                    if (prev != null) {
                        recycler.drop(prev);
                        recycler.consumed(prev);
                        recycler.consumed(gin[i]);
                    }
                }
                // Only now, with every new gradient held: what this node consumed and nothing
                // pending still uses goes back to the pool for the next op or step to overwrite.
                recycler.recycle();
            }
        }
    }

    /**
     * Which gradient arrays are dead. Every gradient is fresh from an op or a view of another
     * gradient (reshape, slice, the same tensor passed to both inputs of an add), never of an
     * activation or weight, so an array is dead once no pending gradient shares it, it is not
     * a leaf's accumulated gradient and not the caller's upstream tensor. Arrays are counted, not
     * tensors, because views share them; candidates are only released after the node's new
     * gradients are all held, and each array at most once while it holds one gradient: a
     * released array that a later op takes from the pool again holds a fresh gradient, released
     * in its turn (else every such reuse left the pool for good: W6 allocated eight new 4 MB
     * arrays a step).
     */
    private static final class Recycler {
        private final Map<float[], int[]> held = new IdentityHashMap<>();
        private final Set<float[]> pinned = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<float[]> released = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<float[]> candidates = Collections.newSetFromMap(new IdentityHashMap<>());

        Recycler(Tensor upstream) {
            pin(upstream);
        }

        void hold(Tensor t) {
            if (t.dtype() == DType.FLOAT32) {
                held.computeIfAbsent(t.data(), k -> new int[1])[0]++;
            }
        }

        void drop(Tensor t) {
            if (t.dtype() == DType.FLOAT32) {
                int[] c = held.get(t.data());
                if (c != null && --c[0] == 0) {
                    held.remove(t.data());
                }
            }
        }

        /**
         * A gradient an op just made: its array may be one released earlier in this pass and
         * taken from the pool again, and is then released again once this gradient is dead.
         */
        void fresh(Tensor t) {
            if (t.dtype() == DType.FLOAT32) {
                released.remove(t.data());
            }
        }

        void pin(Tensor t) {
            if (t.dtype() == DType.FLOAT32) {
                pinned.add(t.data());
            }
        }

        void consumed(Tensor t) {
            if (t.dtype() == DType.FLOAT32) {
                candidates.add(t.data());
            }
        }

        void recycle() {
            for (float[] a : candidates) {
                if (!held.containsKey(a) && !pinned.contains(a) && released.add(a)) {
                    BufferPool.give(a);
                }
            }
            candidates.clear();
        }
    }

    /**
     * Ends a training step: gives the output arrays of the step's big ops (convolutions,
     * pooling, dense layers, relu, adds, concatenations, embedding lookups), and max pooling's
     * winner indices, back to the {@link BufferPool}, so the next step's forward pass
     * overwrites them instead of allocating (and the young generation, which copies the step's
     * live activations whenever it fills mid-step, fills far less often). Arrays shared with
     * {@code keep} (the model's outputs, which metrics read) stay. Only for a graph nobody
     * reads any more: the trainer calls it once the step's loss, gradients, update and metrics
     * are done. Layers never keep such a tensor past their call (a stateful RNN keeps its own
     * op's outputs, which are not recycled); a custom layer that stashes one must copy it.
     * The system property {@code lamina.recycleActivations=false} turns it off.
     */
    public static void recycleActivations(Tensor root, List<Tensor> keep) {
        if (!root.requiresGrad() || !recycling()) {
            return;
        }
        Set<float[]> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : keep) {
            if (t.dtype() == DType.FLOAT32) {
                kept.add(t.data());
            }
        }
        for (Tensor t : topologicalOrder(root)) {
            Op op = t.op();
            boolean recyclable = op instanceof Op.Conv2D || op instanceof Op.DepthwiseConv2D || op instanceof Op.MaxPool2D
                    || op instanceof Op.MaxPooledConv2D
                    || op instanceof Op.AvgPool2D || op instanceof Op.Relu || op instanceof Op.Add || op instanceof Op.Linear
                    || op instanceof Op.Concat || op instanceof Op.Gather;
            // kept.add: each array once, and never one a model output shares.
            if (recyclable && t.dtype() == DType.FLOAT32 && kept.add(t.data())) {
                BufferPool.give(t.data());
            }
            if (op instanceof Op.MaxPool2D m) {
                BufferPool.giveInts(m.argmax());
            }
            if (op instanceof Op.MaxPooledConv2D m) {
                BufferPool.giveInts(m.argmax());
            }
        }
    }

    /**
     * Gives the arrays of applied weight gradients back to the {@link BufferPool} for the next
     * step's backward pass: the trainer calls it once the optimizer has used them (it keeps
     * none: accumulation copies into its own slots). Each array once, as two weights can share
     * one gradient. Off with {@code lamina.recycleActivations=false}, like the activations.
     */
    public static void recycleGradients(List<Tensor> grads) {
        if (!recycling()) {
            return;
        }
        Set<float[]> given = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor g : grads) {
            if (g != null && g.dtype() == DType.FLOAT32 && given.add(g.data())) {
                BufferPool.give(g.data());
            }
        }
    }

    /**
     * Whether training steps (and inference passes, {@code models.InferenceRecycling}) give their
     * buffers back: the system property {@code lamina.recycleActivations}.
     */
    public static boolean recycling() {
        return !"false".equals(System.getProperty("lamina.recycleActivations"));
    }

    /** How many op inputs (of the nodes in {@code order}) each tensor is. */
    static Map<Tensor, int[]> uses(List<Tensor> order) {
        Map<Tensor, int[]> uses = new IdentityHashMap<>();
        for (Tensor node : order) {
            if (node.op() != null) {
                for (Tensor t : node.inputs()) {
                    uses.computeIfAbsent(t, k -> new int[1])[0]++;
                }
            }
        }
        return uses;
    }

    /** Nodes reachable from root through inputs that require grad, inputs before users. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] in = t.op() == null ? new Tensor[0] : t.inputs();
            if (next < in.length) {
                frame[1] = next + 1;
                Tensor child = in[next];
                if (child.requiresGrad() && child.dtype() == DType.FLOAT32 && visited.add(child)) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
