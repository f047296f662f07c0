package dev.lamina.ops;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class IndexingTest {
    @Test
    void gatherGradientScatterAddsRepeatedRows() {
        Tensor idx = Tensor.ofInts(new int[] {2, 0, 2, 1}, 2, 2);
        check("gather", t -> Indexing.gather(t[0], idx), d -> {
            int[] rows = {2, 0, 2, 1};
            double[] out = new double[4 * 3];
            for (int i = 0; i < 4; i++) {
                System.arraycopy(d[0], rows[i] * 3, out, i * 3, 3);
            }
            return out;
        }, rand(1, 3, 3));
        Tensor table = Tensor.zeros(3, 2).requiresGrad(true);
        Indexing.gather(table, Tensor.ofInts(new int[] {1, 1, 0})).sum().backward();
        assertArrayEquals(new float[] {1, 1, 2, 2, 0, 0}, table.grad().toFloatArray());
    }

    @Test
    void scatterAddOverThreadsMatchesSequentialSumsOnDirtyPoolArrays() {
        int rows = 1200;
        int len = 5;
        int n = 3000;
        int[] idx = new int[n];
        java.util.Random rnd = new java.util.Random(4);
        for (int i = 0; i < n; i++) {
            idx[i] = i % 7 == 0 ? 3 : rnd.nextInt(rows); // row 3 repeats often
        }
        Tensor updates = rand(2, n, len);
        float[] u = updates.toFloatArray();
        float[] expected = new float[rows * len];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < len; j++) {
                expected[idx[i] * len + j] += u[i * len + j];
            }
        }
        for (int round = 0; round < 2; round++) {
            Tensor g = Indexing.scatterAdd(new int[] {rows, len}, Tensor.ofInts(idx), updates);
            assertArrayEquals(expected, g.toFloatArray());
            // Back to the pool full of garbage: the next call must still start from zeros.
            java.util.Arrays.fill(g.data(), Float.NaN);
            BufferPool.give(g.data());
        }
        Tensor table = rand(3, rows, len);
        Tensor picked = Indexing.gather(table, Tensor.ofInts(idx));
        float[] t = table.toFloatArray();
        float[] p = picked.toFloatArray();
        for (int i = 0; i < n; i++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(t, idx[i] * len, idx[i] * len + len),
                    java.util.Arrays.copyOfRange(p, i * len, i * len + len));
        }
    }

    @Test
    void outOfRangeIndexIsReported() {
        assertThrows(IndexOutOfBoundsException.class,
                () -> Indexing.scatterAdd(new int[] {3, 2}, Tensor.ofInts(new int[] {-1}), Tensor.zeros(1, 2)));
        assertThrows(IndexOutOfBoundsException.class, () -> Indexing.gather(Tensor.zeros(3, 2), Tensor.ofInts(new int[] {3})));
    }

    @Test
    void oneHot() {
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1}, Indexing.oneHot(Tensor.ofInts(new int[] {1, 2}), 3).toFloatArray());
    }
}
