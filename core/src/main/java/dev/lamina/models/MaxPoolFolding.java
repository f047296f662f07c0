package dev.lamina.models;

import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Node;
import dev.lamina.layers.pooling.MaxPooling2D;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which layer calls of a model may run as one op with the 2-D max pooling that alone reads their
 * output ({@link dev.lamina.layers.Layer#callMaxPooled}): a relu 1x1 convolution then never
 * writes its output, four times the pooled one under 2x2 windows (W7: 29.5 MB per step written
 * and read back). Only where nothing else can see that output: not a model output, no other
 * reader, the only output of a one-input call.
 */
final class MaxPoolFolding {
    private MaxPoolFolding() {}

    /** Per node of {@code nodes} (a model's, in order), its output's only reader where that is a 2-D max pooling. */
    static Map<Node, Node> readers(List<Node> nodes, List<KerasTensor> outputs) {
        Map<KerasTensor, Node> maker = new IdentityHashMap<>();
        Map<KerasTensor, int[]> reads = new IdentityHashMap<>();
        Map<KerasTensor, Node> reader = new IdentityHashMap<>();
        for (Node node : nodes) {
            if (node.outputs().size() == 1) {
                maker.put(node.outputs().get(0), node);
            }
            for (KerasTensor t : node.inputs()) {
                reads.computeIfAbsent(t, k -> new int[1])[0]++;
                reader.put(t, node);
            }
        }
        for (KerasTensor t : outputs) {
            reads.computeIfAbsent(t, k -> new int[1])[0]++;
        }
        Map<Node, Node> folds = new IdentityHashMap<>();
        for (Map.Entry<KerasTensor, Node> e : maker.entrySet()) {
            Node pool = reader.get(e.getKey());
            if (pool != null && reads.get(e.getKey())[0] == 1 && pool.layer() instanceof MaxPooling2D
                    && pool.inputs().size() == 1 && e.getValue().inputs().size() == 1) {
                folds.put(e.getValue(), pool);
            }
        }
        return folds;
    }
}
