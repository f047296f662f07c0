package dev.lamina.models;

import static dev.lamina.layers.Layers.conv2d;
import static dev.lamina.layers.Layers.dense;
import static dev.lamina.layers.Layers.flatten;
import static dev.lamina.layers.Layers.maxPooling2d;
import static dev.lamina.layers.Layers.separableConv2d;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lamina.autograd.Op;
import dev.lamina.layers.CallContext;
import dev.lamina.layers.Input;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Node;
import dev.lamina.ops.ConvSpec;
import dev.lamina.ops.Ops;
import dev.lamina.ops.PoolSpec;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Variable;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relu 1x1 convolution (a Conv2D, or a SeparableConv2D's pointwise half) whose output only a
 * MaxPooling2D reads runs with it as one op ({@link MaxPoolFolding}): the same predictions and
 * gradients as the two layers run apart, and never where another reader sees that output.
 */
class MaxPoolFoldingTest {
    private KerasTensor x, sep, conv, y;

    @BeforeEach
    void graph() {
        Model.clearSession();
        x = Input.of(12, 14, 16);
        sep = separableConv2d(32, 3, "valid", "relu").apply(x); // 10 x 12 x 32
        KerasTensor p1 = maxPooling2d(2).apply(sep); // 5 x 6 x 32
        conv = conv2d(64, 1, "valid", "relu").apply(p1); // 5 x 6 x 64
        KerasTensor p2 = maxPooling2d(2).apply(conv); // 2 x 3 x 64
        y = dense(3, "softmax").apply(flatten().apply(p2));
    }

    @Test
    void foldedCallsGiveTheSeparateLayersPredictionsAndGradients() {
        Model folded = Model.of(List.of(x), List.of(y));
        // The same layers (one set of weights) with both convolutions' outputs read by the caller too.
        Model apart = Model.of(List.of(x), List.of(y, sep, conv));
        assertEquals(2, MaxPoolFolding.readers(folded.nodes(), folded.outputs()).size());
        assertEquals(0, MaxPoolFolding.readers(apart.nodes(), apart.outputs()).size());
        Tensor in = Tensor.randomUniform(4, -1f, 1f, 3, 12, 14, 16);
        Tensor w = Tensor.randomUniform(5, 0f, 1f, 3, 3);

        Tensor yf = folded.call(List.of(in), CallContext.inference()).get(0);
        Tensor ya = apart.call(List.of(in), CallContext.inference()).get(0);
        assertArrayEquals(ya.toFloatArray(), yf.toFloatArray(), 1e-6f, "predictions");
        if (foldsHere()) {
            assertEquals(2, ops(yf, Op.MaxPooledConv2D.class), "both pairs ran as one op");
        }
        assertEquals(0, ops(ya, Op.MaxPooledConv2D.class), "a convolution output the caller reads is written out");
        float[][] gf = gradients(folded, yf, w), ga = gradients(apart, ya, w);
        for (int i = 0; i < ga.length; i++) {
            assertArrayEquals(ga[i], gf[i], 1e-5f, folded.trainableWeights().get(i).path());
        }
        try (var ignored = dev.lamina.autograd.GradMode.noGrad()) {
            float[] p = folded.predictOnBatchList(List.of(in)).get(0).toFloatArray();
            assertArrayEquals(ya.toFloatArray(), p, 1e-6f, "predict, recycled activations");
            assertArrayEquals(p, folded.predictOnBatchList(List.of(in)).get(0).toFloatArray(), 0f, "predict again");
        }
    }

    @Test
    void aSecondReaderKeepsTheLayersApart() {
        KerasTensor other = flatten().apply(conv);
        Model m = Model.of(List.of(x), List.of(y, dense(2).apply(other)));
        List<Node> folds = List.copyOf(MaxPoolFolding.readers(m.nodes(), m.outputs()).keySet());
        assertEquals(1, folds.size());
        assertEquals("separable_conv2d", folds.get(0).layer().name(), "only the separable layer's output has one reader");
        assertFalse(MaxPoolFolding.readers(m.nodes(), m.outputs()).containsKey(conv.layer().inboundNodes().get(0)));
    }

    /** Whether the kernels fold W7-like poolings on this machine (AVX-512; elsewhere the layers run apart). */
    private static boolean foldsHere() {
        return Ops.foldsMaxPool(new int[] {3, 10, 12, 32}, new int[] {1, 1, 32, 32}, ConvSpec.of("valid"),
                new PoolSpec(2, 2, 2, 2, "valid"));
    }

    /** Gradients of sum(w * out) for the model's trainable weights, in order. */
    private static float[][] gradients(Model m, Tensor out, Tensor w) {
        List<Variable> vars = m.trainableWeights();
        vars.forEach(Variable::zeroGrad);
        out.mul(w).sum().backward();
        float[][] g = new float[vars.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = vars.get(i).grad().toFloatArray();
        }
        return g;
    }

    /** How many ops of {@code kind} the graph behind {@code root} holds. */
    private static int ops(Tensor root, Class<? extends Op> kind) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> todo = new ArrayDeque<>(List.of(root));
        int count = 0;
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (!seen.add(t) || t.op() == null) {
                continue;
            }
            count += kind.isInstance(t.op()) ? 1 : 0;
            todo.addAll(List.of(t.inputs()));
        }
        return count;
    }
}
