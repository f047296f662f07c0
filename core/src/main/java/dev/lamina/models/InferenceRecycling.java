package dev.lamina.models;

import dev.lamina.autograd.Autograd;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Node;
import dev.lamina.layers.activations.ELU;
import dev.lamina.layers.activations.LeakyReLU;
import dev.lamina.layers.activations.ReLU;
import dev.lamina.layers.activations.Softmax;
import dev.lamina.layers.conv.BaseConv;
import dev.lamina.layers.conv.BaseSeparableConv;
import dev.lamina.layers.conv.Conv2DTranspose;
import dev.lamina.layers.conv.DepthwiseConv2D;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.merging.Merge;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.normalization.LayerNormalization;
import dev.lamina.layers.pooling.BaseGlobalPooling;
import dev.lamina.layers.pooling.BasePooling;
import dev.lamina.ops.BufferPool;
import dev.lamina.tensor.DType;
import dev.lamina.tensor.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pass that records no gradients (predict, evaluate) gives its intermediate activations back
 * to the {@link BufferPool} when it ends, so the next batch's ops overwrite them instead of
 * allocating and zeroing fresh arrays (W7's predict spent 12% of its time in that zeroing, and
 * ran at half the speed of a training step's forward pass, whose arrays the trainer recycles).
 * Only the outputs of layers that never keep their outputs past a call (convolutions, dense,
 * pooling, merges, activations, normalizations): a stateful recurrent layer keeps its state,
 * which can be its output; and not an output that is one of the call's inputs (a linear
 * activation passes its input on, which another layer made). Arrays a model output or input
 * shares stay, and each array is given once (views share them). Off, as the training step's
 * recycling is, with the system property {@code lamina.recycleActivations=false}.
 */
final class InferenceRecycling {
    private InferenceRecycling() {}

    /** Gives back the outputs of a finished pass's {@code nodes}, their values in {@code env}, but those {@code keep} shares. */
    static void recycle(List<Node> nodes, Map<KerasTensor, Tensor> env, List<Tensor> keep) {
        List<Layer> layers = new ArrayList<>(nodes.size());
        List<List<Tensor>> inputs = new ArrayList<>(nodes.size()), outputs = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            layers.add(node.layer());
            inputs.add(values(node.inputs(), env));
            outputs.add(values(node.outputs(), env));
        }
        recycle(layers, inputs, outputs, keep);
    }

    private static List<Tensor> values(List<KerasTensor> tensors, Map<KerasTensor, Tensor> env) {
        List<Tensor> v = new ArrayList<>(tensors.size());
        for (KerasTensor t : tensors) {
            v.add(env.get(t));
        }
        return v;
    }

    /**
     * Gives back the outputs of {@code layers}' calls (their {@code inputs} and {@code outputs},
     * in step) but those {@code keep} shares.
     */
    static void recycle(List<Layer> layers, List<List<Tensor>> inputs, List<List<Tensor>> outputs, List<Tensor> keep) {
        if (!Autograd.recycling()) {
            return;
        }
        Set<float[]> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : keep) {
            if (t != null && t.dtype() == DType.FLOAT32) {
                kept.add(t.data());
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!keepsNoOutputs(layers.get(i))) {
                continue;
            }
            for (Tensor t : outputs.get(i)) {
                // kept.add: each array once, and never one an output or input shares.
                if (t != null && t.dtype() == DType.FLOAT32 && !passedOn(t, inputs.get(i)) && kept.add(t.data())) {
                    BufferPool.give(t.data());
                }
            }
        }
    }

    private static boolean passedOn(Tensor out, List<Tensor> in) {
        for (Tensor t : in) {
            if (t != null && t.dtype() == DType.FLOAT32 && t.data() == out.data()) {
                return true;
            }
        }
        return false;
    }

    private static boolean keepsNoOutputs(Layer layer) {
        return layer instanceof BaseConv<?> || layer instanceof BaseSeparableConv<?> || layer instanceof DepthwiseConv2D
                || layer instanceof Conv2DTranspose || layer instanceof Dense || layer instanceof BasePooling<?>
                || layer instanceof BaseGlobalPooling<?> || layer instanceof Merge || layer instanceof Activation
                || layer instanceof ReLU || layer instanceof ELU || layer instanceof LeakyReLU || layer instanceof Softmax
                || layer instanceof BatchNormalization || layer instanceof LayerNormalization;
    }
}
