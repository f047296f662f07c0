package dev.lamina.models;

import static dev.lamina.layers.Layers.activation;
import static dev.lamina.layers.Layers.conv2d;
import static dev.lamina.layers.Layers.dense;
import static dev.lamina.layers.Layers.flatten;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lamina.layers.Input;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.ops.BufferPool;
import dev.lamina.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InferenceRecyclingTest {
    @BeforeEach
    void freshNames() {
        Model.clearSession();
    }

    @Test
    void predictionsSurviveLaterBatchesThatReuseTheIntermediateArrays() {
        // Outputs include an intermediate (a feature map a later layer also reads, and a view
        // of it): a later batch overwrites the recycled arrays, never an output a caller holds.
        KerasTensor x = Input.of(8, 8, 3);
        KerasTensor c1 = conv2d(16, 3, "same", "relu").apply(x);
        KerasTensor c2 = conv2d(16, 3, "same", "relu").apply(c1);
        KerasTensor f = flatten().apply(c1);
        KerasTensor y = dense(4, "softmax").apply(flatten().apply(c2));
        Model m = Model.of(List.of(x), List.of(y, f));
        Tensor a = Tensor.randomUniform(1, -1f, 1f, 2, 8, 8, 3);
        Tensor b = Tensor.randomUniform(2, -1f, 1f, 2, 8, 8, 3);
        List<Tensor> first = m.predictOnBatchList(List.of(a));
        float[] y0 = first.get(0).toFloatArray(), f0 = first.get(1).toFloatArray();
        for (int i = 0; i < 3; i++) {
            m.predictOnBatchList(List.of(b));
        }
        assertArrayEquals(y0, first.get(0).toFloatArray(), 0f, "held output");
        assertArrayEquals(f0, first.get(1).toFloatArray(), 0f, "held intermediate output");
        List<Tensor> again = m.predictOnBatchList(List.of(a));
        assertArrayEquals(y0, again.get(0).toFloatArray(), 0f, "same batch, recycled arrays");
        assertArrayEquals(f0, again.get(1).toFloatArray(), 0f, "same batch, recycled arrays");
    }

    @Test
    void onlyArraysTheLayersMadeGoBack() {
        // A dense output goes back; a linear activation's output is its input, which another
        // layer (here: nobody the rule knows) made, so it stays.
        int size = 3 * 1031;
        Layer made = dense(4);
        Layer passing = activation("linear");
        Tensor fresh = Tensor.wrap(BufferPool.take(size), 3, 1031);
        Tensor passed = Tensor.wrap(BufferPool.take(size), 3, 1031);
        InferenceRecycling.recycle(List.of(made, passing), List.of(List.of(), List.of(passed)),
                List.of(List.of(fresh), List.of(passed)), List.of());
        float[] next = BufferPool.take(size);
        assertSame(fresh.data(), next, "the dense output is taken again");
        assertNotSame(passed.data(), BufferPool.take(size), "the passed-on input is not");
    }
}
