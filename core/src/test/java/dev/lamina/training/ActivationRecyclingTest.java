package dev.lamina.training;

import static dev.lamina.layers.Layers.add;
import static dev.lamina.layers.Layers.averagePooling2d;
import static dev.lamina.layers.Layers.conv2d;
import static dev.lamina.layers.Layers.dense;
import static dev.lamina.layers.Layers.flatten;
import static dev.lamina.layers.Layers.globalAveragePooling2d;
import static dev.lamina.layers.Layers.maxPooling2d;
import static dev.lamina.layers.Layers.relu;
import static dev.lamina.layers.Layers.separableConv2d;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.layers.Input;
import dev.lamina.layers.KerasTensor;
import dev.lamina.models.Model;
import dev.lamina.optimizers.Adam;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Variable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end of each training step gives the step's conv, pooling, relu and add outputs, and the
 * applied weight gradients, back to the buffer pool, and the next step (and predict) overwrite
 * them. Training must be exactly
 * what it is without that: same losses, same weights, bit for bit, with predictions taken
 * between steps, and with a model output that is itself a conv output (it must not be reused
 * while metrics and the caller may read it).
 */
class ActivationRecyclingTest {
    @Test
    void recyclingChangesNothing() {
        List<float[]> off = train("false");
        List<float[]> on = train("true");
        assertEquals(off.size(), on.size());
        for (int i = 0; i < off.size(); i++) {
            assertArrayEquals(off.get(i), on.get(i), "array " + i);
        }
    }

    /** Weights after training, then the losses and the last predictions, with recycling on or off. */
    private static List<float[]> train(String recycle) {
        String before = System.getProperty("lamina.recycleActivations");
        System.setProperty("lamina.recycleActivations", recycle);
        try {
            Model.clearSession();
            KerasTensor x = Input.of(12, 12, 4);
            KerasTensor h = conv2d(16, 3, "same", "relu").apply(x);
            KerasTensor r = conv2d(16, 3, "same").apply(conv2d(16, 3, "same", "relu").apply(h));
            h = relu().apply(add(h, r));
            h = maxPooling2d(2).apply(h);
            KerasTensor s = separableConv2d(16, 3, "same", "relu").apply(h);
            KerasTensor map = conv2d(2, 1, "valid").named("map").apply(s);            // an output that is a conv output
            KerasTensor cls = dense(3, "softmax").named("cls").apply(
                    flatten().apply(averagePooling2d(2).apply(s)));
            KerasTensor pooled = globalAveragePooling2d().apply(s);
            KerasTensor aux = dense(1).named("aux").apply(pooled);
            Model m = Model.of(List.of(x), List.of(cls, map, aux));
            m.compile(new Adam(1e-2), List.of("categorical_crossentropy", "mse", "mse"), null, null);
            List<float[]> out = new ArrayList<>();
            Tensor xs = Tensor.randomUniform(1, 0f, 1f, 8, 12, 12, 4);
            Tensor ys = dev.lamina.ops.Ops.oneHot(Tensor.ofInts(new int[] {0, 1, 2, 0, 1, 2, 0, 1}), 3);
            Tensor maps = Tensor.randomNormal(2, 0f, 1f, 8, 6, 6, 2);
            Tensor auxs = Tensor.randomNormal(3, 0f, 1f, 8, 1);
            List<Tensor> preds = null;
            for (int step = 0; step < 6; step++) {
                var logs = m.trainOnBatch(List.of(xs), List.of(ys, maps, auxs));
                out.add(new float[] {logs.get("loss").floatValue()});
                preds = m.predictOnBatchList(List.of(xs));
            }
            for (Tensor p : preds) {
                out.add(p.toFloatArray());
            }
            for (Variable v : m.weights()) {
                out.add(v.value().toFloatArray());
            }
            return out;
        } finally {
            if (before == null) {
                System.clearProperty("lamina.recycleActivations");
            } else {
                System.setProperty("lamina.recycleActivations", before);
            }
        }
    }
}
