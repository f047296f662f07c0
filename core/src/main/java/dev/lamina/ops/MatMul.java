package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.Kernels;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.Arrays;

/**
 * Batched matmul {@code [..., m, k] @ [..., k, n]} with numpy broadcasting of batch dims.
 * Transposed views go to the GEMM as transpose flags, so {@code a @ b.transpose()} copies nothing.
 */
public final class MatMul {
    private MatMul() {}

    public static Tensor matmul(Tensor a, Tensor b) {
        a = Elementwise.asFloat(a);
        b = Elementwise.asFloat(b);
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException("matmul: both operands need rank >= 2, got " + Shapes.str(a.shape())
                    + " @ " + Shapes.str(b.shape()));
        }
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        if (b.dim(-2) != k) {
            throw new ShapeException("matmul: inner dimensions differ: " + Shapes.str(a.shape()) + " @ " + Shapes.str(b.shape()));
        }
        int[] aBatch = Arrays.copyOf(a.shape(), a.rank() - 2);
        int[] bBatch = Arrays.copyOf(b.shape(), b.rank() - 2);
        int[] batch = Shapes.broadcast(aBatch, bBatch, "matmul");
        int[] outShape = Shapes.concat(batch, m, n);
        float[] out = BufferPool.take(Shapes.size(outShape)); // beta = 0 (or the k = 0 fill) writes every element
        if (b.rank() == 2 && a.isContiguous()) {
            // [..., m, k] @ [k, n]: one GEMM over all leading rows (Dense on sequences).
            Operand ob = Operand.of(b);
            int rows = a.size() / Math.max(k, 1);
            if (k == 0) {
                rows = Shapes.size(Shapes.concat(aBatch, m));
            }
            gemm(Operand.rows(a, k), ob, rows, n, k, out, 0);
        } else {
            Operand oa = Operand.of(a);
            Operand ob = Operand.of(b);
            int count = Shapes.size(batch);
            int[] sa = batchStrides(oa.t, batch);
            int[] sb = batchStrides(ob.t, batch);
            int[] idx = new int[batch.length];
            for (int i = 0; i < count; i++) {
                int offA = 0;
                int offB = 0;
                for (int d = 0; d < batch.length; d++) {
                    offA += idx[d] * sa[d];
                    offB += idx[d] * sb[d];
                }
                gemm(oa.shifted(offA), ob.shifted(offB), m, n, k, out, i * m * n);
                for (int d = batch.length - 1; d >= 0; d--) {
                    if (++idx[d] < batch[d]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
        }
        return Autograd.record(Tensor.wrap(out, outShape), new Op.MatMul(), a, b);
    }

    private static void gemm(Operand a, Operand b, int m, int n, int k, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, cOff, cOff + m * n, 0f);
            return;
        }
        Kernels.gemm().sgemm(a.trans, b.trans, m, n, k, 1f, a.t.data(), a.offset, a.ld,
                b.t.data(), b.offset, b.ld, 0f, c, cOff, n);
    }

    /** Strides of the batch dims of t broadcast to {@code batch} (0 where broadcast). */
    private static int[] batchStrides(Tensor t, int[] batch) {
        int[] st = t.strides();
        int[] sh = t.shape();
        int tb = t.rank() - 2;
        int[] out = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            int j = i - (batch.length - tb);
            out[i] = (j < 0 || sh[j] == 1) ? 0 : st[j];
        }
        return out;
    }

    /** A matrix operand as the GEMM sees it: storage, offset, leading dim, transpose flag. */
    private record Operand(Tensor t, int offset, int ld, boolean trans) {
        static Operand of(Tensor t) {
            int[] st = t.strides();
            int r = t.rank();
            int rows = t.dim(-2);
            int cols = t.dim(-1);
            if ((st[r - 1] == 1 || cols == 1) && st[r - 2] >= cols) {
                return new Operand(t, t.offset(), Math.max(st[r - 2], cols), false);
            }
            if ((st[r - 2] == 1 || rows == 1) && st[r - 1] >= rows) {
                return new Operand(t, t.offset(), Math.max(st[r - 1], rows), true);
            }
            Tensor c = t.detach().contiguous();
            return new Operand(c, c.offset(), cols, false);
        }

        /** A contiguous tensor seen as a (rows x k) matrix. */
        static Operand rows(Tensor t, int k) {
            return new Operand(t, t.offset(), Math.max(k, 1), false);
        }

        Operand shifted(int delta) {
            return new Operand(t, offset + delta, ld, trans);
        }
    }
}
