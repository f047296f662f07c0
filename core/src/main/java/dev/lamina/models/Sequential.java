package dev.lamina.models;

import dev.lamina.layers.CallContext;
import dev.lamina.layers.Input;
import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.tensor.DType;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain stack of single-input, single-output layers (Keras's {@code Sequential}). With an
 * input layer first it is built as soon as layers are added; otherwise on first use, from the
 * shape of the data.
 *
 * <pre>{@code
 * var model = new Sequential(Input.of(784), new Dense(512, "relu"), new Dense(10, "softmax"));
 * }</pre>
 */
public class Sequential extends Model {
    private final List<Layer> stack = new ArrayList<>();
    private InputLayer inputLayer;

    public Sequential(Layer... layers) {
        this(Arrays.asList(layers));
    }

    public Sequential(List<Layer> layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    /** A Sequential starting from a symbolic input (from {@link Input#of}). */
    public Sequential(KerasTensor input, Layer... layers) {
        add(input);
        for (Layer l : layers) {
            add(l);
        }
    }

    @Override
    protected String defaultNamePrefix() {
        return "sequential";
    }

    @Override
    public String className() {
        return "Sequential";
    }

    @Override
    public Sequential named(String newName) {
        super.named(newName);
        return this;
    }

    /** Adds an input (its input layer becomes the first layer). */
    public Sequential add(KerasTensor input) {
        if (!(input.layer() instanceof InputLayer il)) {
            throw new IllegalArgumentException("Sequential.add: only a tensor from Input.of(...) can be added, got " + input);
        }
        if (inputLayer != null || !stack.isEmpty()) {
            throw new IllegalArgumentException("Sequential '" + name() + "': an input can only be added first");
        }
        inputLayer = il;
        return this;
    }

    /** Adds a layer on top; rebuilds the graph when the input shape is known. */
    public Sequential add(Layer layer) {
        if (layer instanceof InputLayer il) {
            return add(il.output());
        }
        for (Layer l : stack) {
            if (l.name().equals(layer.name())) {
                throw new IllegalArgumentException("All layers added to a Sequential model should have unique names. Name \""
                        + layer.name() + "\" is already the name of a layer in this model. Update the `name` argument to pass a unique name.");
            }
        }
        stack.add(layer);
        if (inputLayer != null) {
            rebuild();
        }
        return this;
    }

    /** Removes the last layer. */
    public Layer pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "': there are no layers to remove");
        }
        Layer l = stack.remove(stack.size() - 1);
        if (inputLayer != null && !stack.isEmpty()) {
            rebuild();
        }
        return l;
    }

    /** Builds for a per-sample input shape (without the batch axis). */
    public Sequential build(int... inputShape) {
        return build(DType.FLOAT32, inputShape);
    }

    /** Builds for an input dtype and per-sample shape. */
    public Sequential build(DType dtype, int... inputShape) {
        if (inputLayer == null) {
            inputLayer = (InputLayer) Input.of(null, dtype, inputShape).layer();
        }
        rebuild();
        return this;
    }

    /** Whether the graph exists (an input shape is known). */
    public boolean isBuilt() {
        return inputLayer != null && !stack.isEmpty() && !inputs().isEmpty();
    }

    private void rebuild() {
        if (stack.isEmpty()) {
            return;
        }
        KerasTensor x = inputLayer.output();
        KerasTensor in = x;
        for (Layer l : stack) {
            List<KerasTensor> outs = l.applyAll(List.of(x));
            if (outs.size() != 1) {
                throw new IllegalArgumentException("Sequential: layer '" + l.name() + "' (" + l.className()
                        + ") has " + outs.size() + " outputs; all layers in a Sequential model should have a single output tensor."
                        + " For multi-output layers, use the functional API.");
            }
            x = outs.get(0);
        }
        setGraph(List.of(in), List.of(x), null);
    }

    /** Layers without the input layer (Keras's {@code Sequential.layers}). */
    public List<Layer> layersWithoutInput() {
        return List.copyOf(stack);
    }

    @Override
    public List<Layer> layers() {
        return layersWithoutInput();
    }

    /** Builds from the first batch's shape if needed. */
    void ensureBuiltFor(Tensor sample) {
        if (!isBuilt()) {
            int[] s = sample.shape();
            build(sample.dtype(), Arrays.copyOfRange(s, 1, s.length));
        }
    }

    @Override
    protected void prepare(List<Tensor> values) {
        ensureBuiltFor(values.get(0));
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (!isBuilt()) {
            int[] s = inputShapes.get(0);
            build(Arrays.copyOfRange(s, 1, s.length));
        }
        return super.computeOutputShapes(inputShapes);
    }
}
