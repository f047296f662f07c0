package dev.lamina.models;

import dev.lamina.autograd.GradMode;
import dev.lamina.layers.CallContext;
import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Naming;
import dev.lamina.layers.Node;
import dev.lamina.layers.pooling.MaxPooling2D;
import dev.lamina.callbacks.History;
import dev.lamina.tensor.DType;
import dev.lamina.training.Trainer;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A model over a directed acyclic graph of layer calls (Keras's functional {@code Model}).
 * Inputs and outputs may be one tensor, a list, or a map by name. A model is itself a layer,
 * so it can be called on new inputs and nested.
 *
 * <pre>{@code
 * var x = Input.of(784);
 * var y = new Dense(10, "softmax").apply(new Dense(64, "relu").apply(x));
 * var model = Model.of(x, y);
 * }</pre>
 */
public class Model extends Layer implements TrainingMethods {
    private List<KerasTensor> inputs = List.of();
    private List<KerasTensor> outputs = List.of();
    private List<String> outputKeys;
    private Structure inputStructure = Structure.LIST;
    private Structure outputStructure = Structure.LIST;
    private GraphMap graph;
    /** Calls that run as one op with the max pooling that alone reads them ({@link MaxPoolFolding}). */
    private Map<Node, Node> maxPoolReaders = Map.of();
    private final Trainer trainer = new Trainer(this);

    /** For subclasses (Sequential) that set their graph later. */
    protected Model() {}

    protected Model(List<KerasTensor> inputs, List<KerasTensor> outputs, List<String> outputKeys, String name) {
        if (name != null) {
            named(name);
        }
        setGraph(inputs, outputs, outputKeys);
    }

    @Override
    protected String defaultNamePrefix() {
        return "functional";
    }

    @Override
    public String className() {
        return "Functional";
    }

    /** How inputs or outputs were given: one tensor, a list, or a map by name (kept for saving). */
    public enum Structure { SINGLE, LIST, DICT }

    /** A single-input, single-output model. */
    public static Model of(KerasTensor input, KerasTensor output) {
        return new Model(List.of(input), List.of(output), null, null).structured(Structure.SINGLE, Structure.SINGLE);
    }

    private Model structured(Structure in, Structure out) {
        this.inputStructure = in;
        this.outputStructure = out;
        return this;
    }

    /** Rebuilds a model from a config's inputs and outputs with their original structure. */
    static Model restore(List<KerasTensor> inputs, List<KerasTensor> outputs, Structure in, Structure out,
                         List<String> outputKeys, String name) {
        return new Model(inputs, outputs, outputKeys, name).structured(in, out);
    }

    public Structure inputStructure() {
        return inputStructure;
    }

    public Structure outputStructure() {
        return outputStructure;
    }

    /** A multi-input and/or multi-output model, in list order. */
    public static Model of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        return new Model(inputs, outputs, null, null);
    }

    public static Model of(List<KerasTensor> inputs, KerasTensor output) {
        return new Model(inputs, List.of(output), null, null).structured(Structure.LIST, Structure.SINGLE);
    }

    public static Model of(KerasTensor input, List<KerasTensor> outputs) {
        return new Model(List.of(input), outputs, null, null).structured(Structure.SINGLE, Structure.LIST);
    }

    /** A model whose outputs are named by the map's keys (sorted, as Keras flattens dicts). */
    public static Model of(List<KerasTensor> inputs, Map<String, KerasTensor> outputs) {
        TreeMap<String, KerasTensor> sorted = new TreeMap<>(outputs);
        return new Model(inputs, new ArrayList<>(sorted.values()), new ArrayList<>(sorted.keySet()), null)
                .structured(Structure.LIST, Structure.DICT);
    }

    /** A model with named inputs (keys sorted) and named outputs. */
    public static Model of(Map<String, KerasTensor> inputs, Map<String, KerasTensor> outputs) {
        return of(new ArrayList<>(new TreeMap<>(inputs).values()), outputs).structured(Structure.DICT, Structure.DICT);
    }

    /** Sets the model name; returns this. */
    @Override
    public Model named(String newName) {
        super.named(newName);
        return this;
    }

    protected final void setGraph(List<KerasTensor> in, List<KerasTensor> out, List<String> keys) {
        if (in.isEmpty() || out.isEmpty()) {
            throw new IllegalArgumentException("Model '" + name() + "': needs at least one input and one output");
        }
        this.graph = GraphMap.build(in, out, name());
        this.maxPoolReaders = MaxPoolFolding.readers(graph.nodesInOrder(), out);
        this.inputs = List.copyOf(in);
        this.outputs = List.copyOf(out);
        this.outputKeys = keys == null ? null : List.copyOf(keys);
        untrackAll();
        for (Layer l : graph.layers()) {
            track(l);
        }
        markBuilt(in.stream().map(KerasTensor::shape).toList());
    }

    // ---------------------------------------------------------------- structure

    /** Symbolic inputs in order. */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** Symbolic outputs in order. */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** The names of the inputs (used to feed data by name). */
    public List<String> inputNames() {
        return inputs.stream().map(t -> t.layer() instanceof InputLayer il ? il.name() : t.name()).toList();
    }

    /** Names of the layers producing each output (Keras's {@code output_names}). */
    public List<String> outputNames() {
        return outputs.stream().map(t -> t.layer().name()).toList();
    }

    /** Names used for outputs in losses and logs: the dict keys for a dict-output model, else output names. */
    public List<String> outputKeys() {
        return outputKeys != null ? outputKeys : outputNames();
    }


    /** All layers in Keras's order (decreasing depth), input layers included. */
    public List<Layer> layers() {
        return graph.layers();
    }

    /** Nodes of this model in execution order. */
    public List<Node> nodes() {
        return graph.nodesInOrder();
    }

    /** Depth of every node of this model's graph (outputs at 0). */
    java.util.Map<Node, Integer> graphDepths() {
        return graph.nodeDepths();
    }

    /** The layer with this name; the error lists the existing names. */
    public Layer getLayer(String layerName) {
        for (Layer l : layers()) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        throw new IllegalArgumentException("No such layer: " + layerName + ". Existing layers are: "
                + layers().stream().map(Layer::name).toList() + ".");
    }

    /** The layer at an index of {@link #layers()}. */
    public Layer getLayer(int index) {
        if (index < 0 || index >= layers().size()) {
            throw new IllegalArgumentException("Was asked to retrieve layer at index " + index + " but model only has "
                    + layers().size() + " layers.");
        }
        return layers().get(index);
    }

    // ---------------------------------------------------------------- running

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        checkInputCount(inputShapes.size(), inputs.size());
        Map<KerasTensor, int[]> shapes = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            shapes.put(inputs.get(i), inputShapes.get(i));
        }
        for (Node node : nodes()) {
            List<int[]> in = node.inputs().stream().map(shapes::get).toList();
            List<int[]> out = node.layer().computeOutputShapes(in);
            for (int i = 0; i < out.size(); i++) {
                shapes.put(node.outputs().get(i), out.get(i));
            }
        }
        return outputs.stream().map(shapes::get).toList();
    }

    @Override
    public List<DType> computeOutputDtypes(List<DType> inputDtypes, int count) {
        return outputs.stream().map(KerasTensor::dtype).toList();
    }

    @Override
    public List<Tensor> call(List<Tensor> values, CallContext ctx) {
        prepare(values);
        return run(values, ctx, null);
    }

    /** Runs the model and stores the Keras mask of each output (null where none) in {@code outMasks}. */
    public List<Tensor> callWithMasks(List<Tensor> values, CallContext ctx, List<Tensor> outMasks) {
        prepare(values);
        return run(values, ctx, outMasks);
    }

    /** Hook before running on real values (a Sequential builds itself from the first batch here). */
    protected void prepare(List<Tensor> values) {}

    /** Runs the graph; with {@code outMasks} non-null, the output masks are stored there. */
    List<Tensor> run(List<Tensor> values, CallContext ctx, List<Tensor> outMasks) {
        checkInputCount(values.size(), inputs.size());
        Map<KerasTensor, Tensor> env = new IdentityHashMap<>();
        Map<KerasTensor, Tensor> masks = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            env.put(inputs.get(i), values.get(i));
            if (ctx.masks() != null && i < ctx.masks().size() && ctx.mask(i) != null) {
                masks.put(inputs.get(i), ctx.mask(i));
            }
        }
        Set<Node> folded = null;
        for (Node node : nodes()) {
            if (folded != null && folded.contains(node)) {
                continue; // ran with the layer whose output it pools
            }
            List<Tensor> in = new ArrayList<>(node.inputs().size());
            List<Tensor> inMasks = new ArrayList<>(node.inputs().size());
            boolean anyMask = false;
            for (KerasTensor t : node.inputs()) {
                in.add(env.get(t));
                Tensor m = masks.get(t);
                inMasks.add(m);
                anyMask |= m != null;
            }
            CallContext c = ctx.withMasks(anyMask ? inMasks : null);
            Layer layer = node.layer();
            List<Tensor> out;
            Node pool = anyMask ? null : maxPoolReaders.get(node);
            try {
                Tensor pooled = pool == null ? null
                        : layer.callMaxPooled(in.get(0), ((MaxPooling2D) pool.layer()).poolSpec(), c);
                if (pooled != null) {
                    env.put(pool.outputs().get(0), pooled);
                    if (folded == null) {
                        folded = Collections.newSetFromMap(new IdentityHashMap<>());
                    }
                    folded.add(pool);
                    continue;
                }
                out = layer.call(in, c);
            } catch (dev.lamina.tensor.ShapeException e) {
                throw new dev.lamina.tensor.ShapeException("Layer '" + layer.name() + "' (" + layer.className()
                        + ") failed on inputs of shapes " + in.stream().map(t -> dev.lamina.tensor.Shapes.str(t.shape())).toList()
                        + " in model '" + name() + "', node " + layer.name() + "#" + node.index() + ": " + e.getMessage());
            }
            List<Tensor> outM = anyMask ? layer.computeMasks(in, inMasks, out.size()) : layer.computeMasks(in, null, out.size());
            for (int i = 0; i < node.outputs().size(); i++) {
                env.put(node.outputs().get(i), out.get(i));
                if (outM != null && outM.get(i) != null) {
                    masks.put(node.outputs().get(i), outM.get(i));
                }
            }
        }
        if (outMasks != null) {
            for (KerasTensor o : outputs) {
                outMasks.add(masks.get(o));
            }
        }
        List<Tensor> result = new ArrayList<>(outputs.size());
        for (KerasTensor o : outputs) {
            result.add(env.get(o));
        }
        if (!GradMode.isEnabled()) {
            List<Tensor> keep = new ArrayList<>(result);
            keep.addAll(values);
            if (outMasks != null) {
                keep.addAll(outMasks);
            }
            InferenceRecycling.recycle(nodes(), env, keep);
        }
        return result;
    }

    @Override
    public List<Tensor> computeMasks(List<Tensor> in, List<Tensor> masks, int count) {
        return null;
    }

    /** Runs the model on real inputs in inference mode without recording gradients. */
    public List<Tensor> predictOnBatchList(List<Tensor> values) {
        try (var ignored = GradMode.noGrad()) {
            return call(values, CallContext.inference());
        }
    }

    /** Runs a single-input, single-output model in inference mode. */
    @Override
    public Tensor call(Tensor input) {
        try (var ignored = GradMode.noGrad()) {
            return call(List.of(input), CallContext.inference()).get(0);
        }
    }

    /** The Keras config of this model (its layers and graph), as nested in a parent model's config. */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getConfig() {
        return (Map<String, Object>) ModelConfig.serialize(this).get("config");
    }

    // ---------------------------------------------------------------- saving (see dev.lamina.saving.ModelFiles)

    /**
     * Saves the whole model as Keras does: {@code .keras} (config, compile config, weights and
     * optimizer state) or legacy {@code .h5}. The write is atomic: on failure any previous file stays.
     */
    public void save(java.nio.file.Path path) {
        dev.lamina.saving.ModelFiles.save(this, path);
    }

    /** Loads a {@code .keras} or legacy {@code .h5} model saved by Keras or Lamina, compiled as saved. */
    public static Model load(java.nio.file.Path path) {
        return dev.lamina.saving.ModelFiles.load(path);
    }

    /** Saves the weights (and optimizer state when compiled) to a {@code .weights.h5} file. */
    public void saveWeights(java.nio.file.Path path) {
        dev.lamina.saving.ModelFiles.saveWeights(this, path);
    }

    /** Loads weights from a {@code .weights.h5}, {@code .keras} or legacy {@code .h5} file into this built model. */
    public void loadWeights(java.nio.file.Path path) {
        dev.lamina.saving.ModelFiles.loadWeights(this, path);
    }

    /** Draws the model graph as SVG (Keras's {@code plot_model}), written atomically. */
    public void plot(java.nio.file.Path path) {
        try {
            dev.lamina.visualization.ModelPlot.write(this, path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("plot: cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- summary

    /** Prints Keras's summary table to standard output. */
    public void summary() {
        System.out.print(summaryText());
    }

    /** Keras's summary table as text (line length from $COLUMNS like Keras, 108/88 by default). */
    public String summaryText() {
        return Summary.render(this, Summary.defaultWidth(this));
    }

    /** Keras's summary table at a given line length. */
    public String summaryText(int lineLength) {
        return Summary.render(this, lineLength);
    }

    // ---------------------------------------------------------------- training (see Trainer)

    /** The compile/fit/evaluate/predict machinery of this model. */
    public Trainer training() {
        return trainer;
    }

    /** A flag callbacks set to stop fit after the current batch. */
    public void setStopTraining(boolean value) {
        trainer.setStopTraining(value);
    }

    public boolean stopTraining() {
        return trainer.stopTraining();
    }

    /** The History of the last fit, or null. */
    public History history() {
        return trainer.history();
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name() + ", inputs=" + inputs.size() + ", outputs=" + outputs.size() + ">";
    }

    /** Resets Keras-style auto naming (like {@code keras.backend.clear_session()}). */
    public static void clearSession() {
        Naming.clearSession();
    }

    /** Unmodifiable view helper. */
    static <T> List<T> ro(List<T> l) {
        return Collections.unmodifiableList(l);
    }
}
