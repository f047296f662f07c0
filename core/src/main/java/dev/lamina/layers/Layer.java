package dev.lamina.layers;

import dev.lamina.constraints.Constraint;
import dev.lamina.initializers.Initializer;
import dev.lamina.ops.PoolSpec;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.DType;
import dev.lamina.tensor.Rng;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every layer, Keras's {@code Layer}. A layer declares its weights in
 * {@link #build}, computes with differentiable tensor ops in {@link #call} (it never writes a
 * backward pass), reports {@link #computeOutputShape} and its Keras {@link #getConfig}.
 *
 * <p>{@link #apply(KerasTensor...)} on symbolic tensors records a {@link Node} (one per call:
 * calling the same instance twice shares its weights); {@link #call(Tensor)} on real tensors runs it.
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private boolean built;
    private final List<Variable> weights = new ArrayList<>();
    private final List<Regularized> regularized = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();
    private final List<Layer> sublayers = new ArrayList<>();
    private List<int[]> buildShapes;
    private long seed = 1337;

    protected Layer() {}

    /** The layer name; auto-named from the class (dense, dense_1, ...) on first use. */
    public String name() {
        if (name == null) {
            name = Naming.uniquify(Naming.toSnakeCase(defaultNamePrefix()));
        }
        return name;
    }

    /** Sets the name (before the layer is used in a model); returns this. */
    public Layer named(String newName) {
        if (!inboundNodes.isEmpty()) {
            throw new IllegalStateException("Layer '" + name() + "': cannot rename after it was called");
        }
        if (newName == null || newName.isBlank() || newName.contains("/")) {
            throw new IllegalArgumentException("Layer name must be non-empty and contain no '/', got '" + newName + "'");
        }
        this.name = newName;
        return this;
    }

    /** Prefix for auto names; the class name by default (snake-cased). */
    protected String defaultNamePrefix() {
        return className();
    }

    /** The Keras class name, e.g. {@code Dense}; used in summaries and configs. */
    public String className() {
        return getClass().getSimpleName();
    }

    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes the layer and every weight it owns (recursively). */
    public Layer setTrainable(boolean value) {
        this.trainable = value;
        for (Variable v : weights) {
            v.setTrainable(value && ownTrainable(v));
        }
        for (Layer l : sublayers) {
            l.setTrainable(value);
        }
        return this;
    }

    private final java.util.Set<Variable> nonTrainableByDesign = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private boolean ownTrainable(Variable v) {
        return !nonTrainableByDesign.contains(v);
    }

    /** Seed for this layer's initializers and random ops. */
    public Layer seed(long value) {
        this.seed = value;
        return this;
    }

    protected long seedValue() {
        return seed;
    }

    public boolean built() {
        return built;
    }

    // ---------------------------------------------------------------- weights

    /**
     * Creates a weight in Keras's creation order. Called from {@link #build}.
     */
    protected Variable addWeight(String weightName, int[] shape, Initializer initializer, boolean isTrainable,
                                 Regularizer regularizer, Constraint constraint) {
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("Layer '" + name() + "' (" + className() + "): weight '" + weightName
                        + "' needs a known shape, got " + Shapes.str(shape) + ". Give the input a fixed size on that axis.");
            }
        }
        WeightBudget.charge(this, weightName, shape);
        Rng rng = new Rng(seed * 1_000_003L + weights.size() * 7919L + name().hashCode());
        Tensor init = initializer.initialize(shape, rng);
        Variable v = new Variable(weightName, init, isTrainable && trainable);
        v.setPath(name() + "/" + weightName);
        if (constraint != null) {
            v.setConstraint(constraint::apply);
        }
        if (!isTrainable) {
            nonTrainableByDesign.add(v);
        }
        if (regularizer != null) {
            regularized.add(new Regularized(v, regularizer));
        }
        weights.add(v);
        return v;
    }

    /** Shorthand for a trainable weight without regularizer or constraint. */
    protected Variable addWeight(String weightName, int[] shape, Initializer initializer) {
        return addWeight(weightName, shape, initializer, true, null, null);
    }

    /** Tracks a sub-layer (its weights follow this layer's own, as in Keras). */
    protected <L extends Layer> L track(L layer) {
        sublayers.add(layer);
        return layer;
    }

    /** Forgets all tracked sub-layers (a model that rebuilds its graph). */
    protected void untrackAll() {
        sublayers.clear();
    }

    /** Direct sub-layers. */
    public List<Layer> sublayers() {
        return Collections.unmodifiableList(sublayers);
    }

    /**
     * Keras's {@code layer.weights}: every trainable weight (own, then sub-layers', recursively)
     * followed by every non-trainable one. A frozen layer's weights are all non-trainable.
     */
    public List<Variable> weights() {
        List<Variable> all = new ArrayList<>();
        collect(all);
        List<Variable> out = new ArrayList<>();
        for (Variable v : all) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        for (Variable v : all) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    private void collect(List<Variable> into) {
        into.addAll(weights);
        for (Layer l : sublayers) {
            l.collect(into);
        }
    }

    /** Own weights in creation order (the order Keras saves them: "0", "1", ...). */
    public List<Variable> ownWeights() {
        return Collections.unmodifiableList(weights);
    }

    public List<Variable> trainableWeights() {
        return weights().stream().filter(Variable::trainable).toList();
    }

    public List<Variable> nonTrainableWeights() {
        return weights().stream().filter(v -> !v.trainable()).toList();
    }

    /** Number of scalars in all weights. */
    public long countParams() {
        long n = 0;
        for (Variable v : weights()) {
            n += v.value().size();
        }
        return n;
    }

    /** Values of all weights, in {@link #weights()} order (copies). */
    public List<Tensor> getWeights() {
        return weights().stream().map(v -> Tensor.of(v.value().toFloatArray(), v.shape())).toList();
    }

    /** Sets all weights in {@link #weights()} order; shapes must match. */
    public void setWeights(List<Tensor> values) {
        List<Variable> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") has " + ws.size()
                    + " weights, got " + values.size() + " values");
        }
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).assign(values.get(i));
        }
    }

    /** Regularization penalties of this layer and its sub-layers (added to the loss). */
    public List<Tensor> regularizationLosses() {
        List<Tensor> out = new ArrayList<>();
        for (Regularized r : regularized) {
            out.add(r.regularizer().penalty(r.variable().value()));
        }
        for (Layer l : sublayers) {
            out.addAll(l.regularizationLosses());
        }
        return out;
    }

    private record Regularized(Variable variable, Regularizer regularizer) {}

    // ---------------------------------------------------------------- build and shapes

    /** Creates weights for the given input shapes (batch axis included, -1 = unknown). */
    protected void build(List<int[]> inputShapes) {}

    /** Builds once; later calls are no-ops. */
    public final void ensureBuilt(List<int[]> inputShapes) {
        if (!built) {
            build(inputShapes);
            buildShapes = inputShapes.stream().map(int[]::clone).toList();
            built = true;
        }
    }

    /** Marks a layer built without calling {@link #build} (input layers, loaded models). */
    protected void markBuilt(List<int[]> shapes) {
        built = true;
        buildShapes = shapes;
    }

    /** The input shapes this layer was built with, or null. */
    public List<int[]> buildShapes() {
        return buildShapes;
    }

    /** Output shapes for input shapes; single-input layers override {@link #computeOutputShape(int[])}. */
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        checkInputCount(inputShapes.size(), 1);
        return List.of(computeOutputShape(inputShapes.get(0)));
    }

    /** Output shape of a single-input layer. */
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape;
    }

    /** Output dtypes; float32 unless a layer says otherwise. */
    public List<DType> computeOutputDtypes(List<DType> inputDtypes, int outputs) {
        return Collections.nCopies(outputs, DType.FLOAT32);
    }

    protected void checkInputCount(int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") expects " + expected
                    + " input" + (expected == 1 ? "" : "s") + ", got " + got);
        }
    }

    // ---------------------------------------------------------------- calling

    /** Computes on real tensors. Multi-input or multi-output layers override this. */
    public List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        checkInputCount(inputs.size(), 1);
        return List.of(call(inputs.get(0), ctx));
    }

    /** Computes a single-input, single-output layer. */
    protected Tensor call(Tensor input, CallContext ctx) {
        throw new IllegalStateException("Layer '" + name() + "' (" + className() + ") implements neither call(Tensor) nor call(List)");
    }

    /**
     * This layer's output max-pooled by {@code pool} as one op that never writes the unpooled
     * output, for a model whose graph has a 2-D max pooling as the only reader of this layer's
     * only output (and no masks); null where this layer has no such op for this input, and the
     * model runs both layers. The relu 1x1 convolutions have one.
     */
    public Tensor callMaxPooled(Tensor input, PoolSpec pool, CallContext ctx) {
        return null;
    }

    /** Masks of the outputs given input masks; pass-through when {@link #supportsMasking()}, else none. */
    public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks, int outputs) {
        if (supportsMasking() && masks != null && !masks.isEmpty() && masks.get(0) != null) {
            return Collections.nCopies(outputs, masks.get(0));
        }
        return null;
    }

    /** Whether this layer passes its input mask on unchanged. */
    public boolean supportsMasking() {
        return false;
    }

    /** Runs on one real tensor in inference mode (building if needed). */
    public Tensor call(Tensor input) {
        return callEager(List.of(input), CallContext.inference()).get(0);
    }

    /** Runs on real tensors with a context (building if needed); shape errors name this layer. */
    public List<Tensor> callEager(List<Tensor> inputs, CallContext ctx) {
        try {
            ensureBuilt(inputs.stream().map(Tensor::shape).toList());
            return call(inputs, ctx);
        } catch (ShapeException e) {
            throw new ShapeException("Layer '" + name() + "' (" + className() + ") failed on input"
                    + (inputs.size() == 1 ? " of shape " : "s of shapes ")
                    + String.join(", ", inputs.stream().map(t -> Shapes.str(t.shape())).toList()) + ": " + e.getMessage());
        }
    }

    /** Calls the layer on one symbolic tensor; returns its (first) output. */
    public KerasTensor apply(KerasTensor... inputs) {
        return applyAll(List.of(inputs)).get(0);
    }

    /** Calls the layer on symbolic tensors, recording a node; returns all outputs. */
    public List<KerasTensor> applyAll(List<KerasTensor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") called with no inputs");
        }
        List<int[]> shapes = inputs.stream().map(KerasTensor::shape).toList();
        try {
            ensureBuilt(shapes);
            List<int[]> outShapes = computeOutputShapes(shapes);
            List<DType> dtypes = computeOutputDtypes(inputs.stream().map(KerasTensor::dtype).toList(), outShapes.size());
            int nodeIndex = inboundNodes.size();
            List<KerasTensor> outs = new ArrayList<>();
            for (int i = 0; i < outShapes.size(); i++) {
                String tname = outShapes.size() == 1 ? name() : name() + "_" + i;
                outs.add(new KerasTensor(outShapes.get(i), dtypes.get(i), tname, this, nodeIndex, i));
            }
            inboundNodes.add(new Node(this, nodeIndex, List.copyOf(inputs), List.copyOf(outs)));
            return outs;
        } catch (ShapeException e) {
            throw new ShapeException("Layer '" + name() + "' (" + className() + ") is incompatible with its input"
                    + (inputs.size() == 1 ? " of shape " + Shapes.str(shapes.get(0)) : "s of shapes "
                    + String.join(", ", shapes.stream().map(Shapes::str).toList())) + ": " + e.getMessage());
        }
    }

    /** The node an input layer creates for itself. */
    void addInputNode(KerasTensor out) {
        inboundNodes.add(new Node(this, 0, List.of(), List.of(out)));
    }

    /** Nodes recorded by calls on symbolic tensors, in call order. */
    public List<Node> inboundNodes() {
        return Collections.unmodifiableList(inboundNodes);
    }

    /** Output of the first call (Keras's {@code layer.output}). */
    public KerasTensor output() {
        if (inboundNodes.isEmpty()) {
            throw new IllegalStateException("Layer '" + name() + "' has never been called, so it has no output");
        }
        return inboundNodes.get(0).outputs().get(0);
    }

    /** Input of the first call (Keras's {@code layer.input}). */
    public KerasTensor input() {
        if (inboundNodes.isEmpty()) {
            throw new IllegalStateException("Layer '" + name() + "' has never been called, so it has no input");
        }
        Node n = inboundNodes.get(0);
        return n.isInput() ? n.outputs().get(0) : n.inputs().get(0);
    }

    // ---------------------------------------------------------------- config

    /**
     * Keras's {@code get_config()}: {@code name}, {@code trainable}, {@code dtype} then the
     * layer's own keys in Keras's order (see {@link #addConfig}).
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("trainable", trainable);
        c.put("dtype", LayerConfigs.dtypePolicy("float32"));
        addConfig(c);
        return c;
    }

    /** Adds this layer's own config keys. */
    protected void addConfig(Map<String, Object> config) {}

    /** Applies the common keys (name, trainable) of a config to a freshly made layer. */
    public Layer applyCommonConfig(Map<String, Object> config) {
        Object n = config.get("name");
        if (n instanceof String s) {
            named(s);
        }
        if (config.get("trainable") instanceof Boolean b) {
            setTrainable(b);
        }
        return this;
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name() + ", built=" + built + ">";
    }

    /** Shape text helper for subclasses' errors. */
    protected String describe(int[] shape) {
        return Shapes.str(shape);
    }

    /** Copy of a shape with the last axis replaced. */
    protected static int[] withLast(int[] shape, int last) {
        int[] s = Arrays.copyOf(shape, shape.length);
        s[s.length - 1] = last;
        return s;
    }
}
