package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.Parallel;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/** Row gather (embedding lookup) with its scatter-add adjoint, and one-hot encoding. */
public final class Indexing {
    /** Rows below which splitting a copy between threads costs more than it saves. */
    private static final int ROWS_PER_TASK = 256;

    private Indexing() {}

    /** {@code table[indices]} along axis 0: shape {@code indices.shape + table.shape[1:]}. */
    public static Tensor gather(Tensor table, Tensor indices) {
        table = Elementwise.asFloat(table);
        if (table.rank() < 1) {
            throw new IllegalArgumentException("gather: table must have rank >= 1, got a scalar");
        }
        int rows = table.dim(0);
        int rowLen = table.size() / Math.max(rows, 1);
        int[] idx = indices.toIntArray();
        Tensor t = table.contiguous();
        float[] s = t.data();
        int so = t.offset();
        checkRows(idx, rows, table.shape(), "gather");
        // A pool array (every element is written), recycled with the step's activations.
        float[] d = BufferPool.take(idx.length * rowLen);
        Parallel.forRange(idx.length, ROWS_PER_TASK, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                System.arraycopy(s, so + idx[i] * rowLen, d, i * rowLen, rowLen);
            }
        });
        int[] tail = java.util.Arrays.copyOfRange(table.shape(), 1, table.rank());
        Tensor out = Tensor.wrap(d, Shapes.concat(indices.shape(), tail));
        Tensor frozen = Tensor.ofInts(idx, indices.shape());
        return Autograd.record(out, new Op.Gather(frozen), table);
    }

    /** Adds rows of {@code updates} into a zero tensor of {@code shape} at {@code indices} (repeats add up). */
    public static Tensor scatterAdd(int[] shape, Tensor indices, Tensor updates) {
        int rows = shape[0];
        int rowLen = Shapes.size(shape) / Math.max(rows, 1);
        int[] idx = indices.toIntArray();
        checkRows(idx, rows, shape, "scatter_add");
        Tensor u = updates.contiguous();
        float[] us = u.data();
        int uo = u.offset();
        float[] d = BufferPool.take(Shapes.size(shape));
        // Each thread owns a range of table rows: zeroes it, then adds the updates that land in
        // it in index order (no two threads write one row, and the sums are the sequential ones).
        Parallel.forRange(rows, ROWS_PER_TASK, (r0, r1) -> {
            java.util.Arrays.fill(d, r0 * rowLen, r1 * rowLen, 0f);
            for (int i = 0; i < idx.length; i++) {
                int r = idx[i];
                if (r < r0 || r >= r1) {
                    continue;
                }
                int base = r * rowLen;
                int src = uo + i * rowLen;
                for (int j = 0; j < rowLen; j++) {
                    d[base + j] += us[src + j];
                }
            }
        });
        return Tensor.wrap(d, shape);
    }

    private static void checkRows(int[] idx, int rows, int[] shape, String op) {
        for (int r : idx) {
            if (r < 0 || r >= rows) {
                throw new IndexOutOfBoundsException(op + ": index " + r + " out of range for table of shape "
                        + Shapes.str(shape) + " (valid 0.." + (rows - 1) + ")");
            }
        }
    }

    /** One-hot float32 encoding of integer labels: shape {@code labels.shape + [depth]}. */
    public static Tensor oneHot(Tensor labels, int depth) {
        int[] idx = labels.toIntArray();
        float[] d = new float[idx.length * depth];
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= depth) {
                throw new IndexOutOfBoundsException("one_hot: label " + idx[i] + " out of range 0.." + (depth - 1));
            }
            d[i * depth + idx[i]] = 1f;
        }
        return Tensor.wrap(d, Shapes.concat(labels.shape(), depth));
    }
}
