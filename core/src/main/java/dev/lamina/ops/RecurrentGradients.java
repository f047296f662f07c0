package dev.lamina.ops;

import dev.lamina.kernels.Gemm;
import dev.lamina.kernels.Kernels;
import dev.lamina.kernels.PackedMatrix;
import dev.lamina.kernels.RankUpdate;

/**
 * The backward-pass pieces every fused recurrent op shares, per step and per batch chunk: the
 * gradient reaching the previous state through {@code U}, the recurrent kernel's gradient
 * accumulated on cache-resident rows, the stacked {@code [U; W]} variant, the flush of fading
 * gradients, and the merge of each thread's partial sums.
 */
final class RecurrentGradients {
    /**
     * Below this magnitude a backward-pass value is set to zero. Gradients fading over hundreds
     * of steps otherwise sink into float subnormals (below 1.2e-38), on which x86 arithmetic is
     * 10-100x slower: measured 440 ms instead of 90 ms for an LSTM backward pass over 500 steps.
     * Native BLAS kernels avoid this with the CPU's flush-to-zero mode, which Java cannot set;
     * values this small are 30 orders of magnitude below anything that moves a float32 weight.
     */
    static final float FLUSH = 1e-30f;

    private RecurrentGradients() {}

    /**
     * {@code dh[rows, u] += sum_j (dZ_j @ U_j^T) * drop_j} over recurrent-kernel columns [c0, c1):
     * the gradient reaching the previous state through the recurrent product. {@code tmp} holds rows*u.
     */
    static void recurrentProductT(Recurrence r, int rows, int b0, float[] dz, int dzOff, int dzLd, float[] u, int uOff,
                                  int c0, int c1, float[] dh, float[] tmp) {
        Gemm gemm = Kernels.gemm();
        if (r.blocks == 1) {
            gemm.sgemm(false, true, rows, r.units, c1 - c0, 1f, dz, dzOff + c0, dzLd, u, uOff + c0, r.width,
                    0f, tmp, 0, r.units);
            addMasked(r, rows, b0, 0, tmp, 0, r.units, dh);
            return;
        }
        for (int j = c0 / r.units; j < c1 / r.units; j++) {
            gemm.sgemm(false, true, rows, r.units, r.units, 1f, dz, dzOff + j * r.units, dzLd, u, uOff + j * r.units,
                    r.width, 0f, tmp, 0, r.units);
            addMasked(r, rows, b0, j, tmp, 0, r.units, dh);
        }
    }

    /** dh += tmp rows (row stride ld), times dropout block j's multipliers when there is recurrent dropout. */
    static void addMasked(Recurrence r, int rows, int b0, int j, float[] tmp, int off, int ld, float[] dh) {
        for (int i = 0; i < rows; i++) {
            int s = off + i * ld;
            int d = i * r.units;
            if (r.drop == null) {
                for (int q = 0; q < r.units; q++) {
                    dh[d + q] += tmp[s + q];
                }
            } else {
                int m = (j * r.batch + b0 + i) * r.units;
                for (int q = 0; q < r.units; q++) {
                    dh[d + q] += tmp[s + q] * r.drop[m + q];
                }
            }
        }
    }

    /**
     * One step's share of the recurrent kernel's gradient for columns [c0, c1):
     * {@code dU += sum_j hin_j^T @ dZ_j} over the chunk's rows (masked rows have dZ = 0), on
     * cache-resident rows inside each thread's chunk.
     */
    static void kernelGradientStep(Recurrence r, int rows, int b0, int t, float[] buf, float[] dz, int dzOff, int dzLd,
                                   float[] du, int c0, int c1) {
        int a = r.tm(t, b0, r.hinW);
        if (r.blocks == 1) {
            RankUpdate.accumulate(r.units, c1 - c0, rows, buf, a, r.hinW, dz, dzOff + c0, dzLd, du, c0, r.width);
            return;
        }
        for (int j = c0 / r.units; j < c1 / r.units; j++) {
            RankUpdate.accumulate(r.units, r.units, rows, buf, a + j * r.units, r.hinW, dz, dzOff + j * r.units, dzLd,
                    du, j * r.units, r.width);
        }
    }

    /**
     * The stacked backward step for the chunk's gate gradients {@code dz} (rows x width): dh
     * (pass-through values already in it) gains the recurrent part, dx gets the step's input
     * gradients, and {@code dStack} (u + in, width), when not null, accumulates [dU; dW].
     * {@code out} holds rows * (u + in).
     */
    static void stackedStep(Recurrence r, int rows, int b0, int t, float[] buf, float[] dz, PackedMatrix stackedT,
                            float[] dh, float[] dx, float[] dStack, float[] out) {
        int in = r.inputs.rawFeatures();
        int k = r.units + in;
        stackedT.multiply(rows, dz, 0, r.width, out, 0, k, false);
        addMasked(r, rows, b0, 0, out, 0, k, dh);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(out, i * k + r.units, dx, ((b0 + i) * r.steps + t) * in, in);
        }
        if (dStack != null) {
            RankUpdate.accumulate(k, r.width, rows, buf, r.tm(t, b0, r.hinW), r.hinW, dz, 0, r.width, dStack, 0, r.width);
        }
    }

    /** Zeroes values smaller in magnitude than {@link #FLUSH} (a loop the JIT vectorizes). */
    static void flushTiny(float[] a, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            float v = a[i];
            a[i] = Math.abs(v) < FLUSH ? 0f : v;
        }
    }

    /** Adds a chunk's partial gradient into the total (chunks run on different threads). */
    static void mergeInto(float[] total, float[] part) {
        synchronized (total) {
            for (int i = 0; i < part.length; i++) {
                total[i] += part[i];
            }
        }
    }

    /** Adds rows [from, from + rows) of a stacked [dU; dW] gradient into {@code total}. */
    static void mergeRows(Recurrence r, float[] total, float[] stack, int from, int rows) {
        synchronized (total) {
            int o = from * r.width;
            for (int i = 0; i < rows * r.width; i++) {
                total[i] += stack[o + i];
            }
        }
    }

}
