package dev.lamina.ops;

import dev.lamina.kernels.Kernels;
import dev.lamina.kernels.RankUpdate;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/**
 * The input side of a fused recurrent op. Either the layer projected the inputs itself
 * ({@code x} is (B, T, w), no kernel), or the op gets the raw inputs (B, T, in) and the kernel
 * (in, w) and copies x time-major into the step buffer next to the recurrent inputs. Then, with
 * one recurrent block, each step multiplies {@code [h | x_t]} by {@code [U; W]} in one GEMM
 * (see {@link Recurrence#stacked()}); with per-gate recurrent dropout all timesteps are
 * projected by one GEMM first ({@link #project}). Either way the backward pass computes dx and
 * d kernel step by step inside each thread's batch chunk while the step's gate gradients are in
 * cache, instead of the (B*T, in)^T @ (B*T, w) product a separate matmul's backward would need,
 * whose huge inner dimension runs far below GEMM speed.
 */
final class SequenceInputs {
    final Tensor x;
    /** The input kernel (in, w), or null when x is already projected. */
    final Tensor kernel;
    final int batch;
    final int steps;
    private final int width;
    private float[] projected;
    private boolean pooled;

    SequenceInputs(String op, Tensor x, Tensor kernel, int width) {
        this.x = x;
        this.kernel = kernel;
        this.width = width;
        if (x.rank() != 3) {
            throw new ShapeException(op + ": inputs must be (batch, steps, features), got " + Shapes.str(x.shape()));
        }
        if (kernel == null) {
            if (x.dim(2) != width) {
                throw new ShapeException(op + ": projected inputs must be (batch, steps, " + width + "), got "
                        + Shapes.str(x.shape()));
            }
        } else if (kernel.rank() != 2 || kernel.dim(1) != width || kernel.dim(0) != x.dim(2)) {
            throw new ShapeException(op + ": input kernel must be (" + x.dim(2) + ", " + width + ") for inputs "
                    + Shapes.str(x.shape()) + ", got " + Shapes.str(kernel.shape()));
        }
        this.batch = x.dim(0);
        this.steps = x.dim(1);
    }

    /** Input features kept in the step buffer: x's features with raw inputs, 0 when projected. */
    int rawFeatures() {
        return kernel == null ? 0 : x.dim(2);
    }

    /**
     * With raw inputs: copies x time-major into the step buffer's input columns and projects all
     * timesteps with one GEMM into a time-major (T, B, w) array. Projected inputs are read in
     * place. Returns the array {@link #projectedRow} indexes.
     */
    float[] project(Recurrence r, float[] buf) {
        if (kernel == null) {
            projected = x.data();
            return projected;
        }
        copyInto(r, buf);
        int in = rawFeatures();
        int col = r.blocks * r.units;
        projected = BufferPool.take(batch * steps * width);
        pooled = true;
        Kernels.gemm().sgemm(false, false, batch * steps, width, in, 1f, buf, col, r.hinW,
                kernel.data(), kernel.offset(), width, 0f, projected, 0, width);
        return projected;
    }

    /** Copies x time-major into the step buffer's input columns (raw inputs only). */
    void copyInto(Recurrence r, float[] buf) {
        r.overBatch((b0, b1) -> {
            for (int t = 0; t < steps; t++) {
                copyStep(r, buf, t, b0, b1 - b0);
            }
        });
    }

    /** Copies the inputs of step t for samples [b0, b0 + n) into the step buffer (raw inputs only). */
    void copyStep(Recurrence r, float[] buf, int t, int b0, int n) {
        int in = rawFeatures();
        int col = r.blocks * r.units;
        float[] xd = x.data();
        for (int i = 0; i < n; i++) {
            System.arraycopy(xd, x.offset() + ((b0 + i) * steps + t) * in, buf, r.tm(t, b0 + i, r.hinW) + col, in);
        }
    }

    /** Offset of the projected row of sample b at time t. */
    int projectedRow(int b, int t) {
        return kernel == null ? x.offset() + (b * steps + t) * width : (t * batch + b) * width;
    }

    /** Distance between the projected rows of consecutive samples at one time. */
    int projectedStride() {
        return kernel == null ? steps * width : width;
    }

    /** Returns the projection buffer once the recurrence no longer reads it. */
    void releaseProjection() {
        if (pooled) {
            BufferPool.give(projected);
        }
        projected = null;
        pooled = false;
    }

    /** The size of dx: (B, T, features). */
    int gradientSize() {
        return x.size();
    }

    /**
     * One step's input gradients for a chunk from its gate gradients {@code rows} (n x w, zero for
     * masked rows): projected inputs just take the rows; raw inputs get {@code dx = rows @ W^T}
     * (written in place into dx) and {@code dW += x_t^T @ rows} (when {@code dkPart} is not null).
     */
    void gradientStep(Recurrence r, int n, int b0, int t, float[] buf, float[] rows, float[] dx, float[] dkPart) {
        if (kernel == null) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(rows, i * width, dx, ((b0 + i) * steps + t) * width, width);
            }
            return;
        }
        int in = rawFeatures();
        // Rows of dx for the chunk at time t lie T*in apart: the GEMM writes them through ldc.
        Kernels.gemm().sgemm(false, true, n, in, width, 1f, rows, 0, width, kernel.data(), kernel.offset(), width,
                0f, dx, (b0 * steps + t) * in, steps * in);
        if (dkPart != null) {
            RankUpdate.accumulate(in, width, n, buf, r.tm(t, b0, r.hinW) + r.blocks * r.units, r.hinW, rows, 0, width,
                    dkPart, 0, width);
        }
    }
}
