package dev.lamina.ops;

import dev.lamina.autograd.GradMode;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.Gemm;
import dev.lamina.kernels.IntRangeBody;
import dev.lamina.kernels.Kernels;
import dev.lamina.kernels.PackedMatrix;
import dev.lamina.kernels.Parallel;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of one fused recurrent call and the pieces every cell shares: time order, masks,
 * output rows, the step buffer, and the per-step recurrent products {@code h @ U} (one small
 * GEMM, or one per gate when each gate has its own recurrent dropout mask) with their backward
 * counterparts.
 *
 * <p>Output layout of every sequence op: {@code [B, S + K, u]}: S = T output rows (return
 * sequences) or 1 (the last output), then K final-state rows (h; LSTM also c). One tensor keeps
 * the op single-output for autograd; the layer slices it (views).
 *
 * <p>The step buffer is time-major {@code [T, B, hinW]}: per row, the state that entered the
 * recurrent product (one block per dropout mask), then, with raw inputs, the step's input
 * features. A step's rows for a batch chunk are one contiguous block, so every per-step GEMM
 * reads them in place, and {@code [h | x]} rows feed one stacked product with {@code [U; W]}.
 * The backward pieces are in {@link RecurrentGradients}.
 */
final class Recurrence {
    /** Below this much work a batch chunk is not worth a thread hand-off (a few hundred microseconds). */
    static final long MIN_FLOPS_PER_CHUNK = 4_000_000L;

    final String op;
    final RecurrentSpec spec;
    final SequenceInputs inputs;
    final int batch;
    final int steps;
    final int units;
    /** Gate blocks of u columns in the recurrent kernel: 4 (LSTM), 3 (GRU), 1 (SimpleRNN). */
    final int gates;
    /** gates * units: the width of the input projection and of the recurrent kernel. */
    final int width;
    /** 1, or one recurrent-dropout block per gate. */
    final int blocks;
    /** Step buffer row width: blocks * u state columns, then the input features with raw inputs. */
    final int hinW;
    final int outRows;
    final int stateRows;
    final float[] mask;
    final float[] drop;
    /** Whether the backward pass will run: a tape is saved only then. */
    final boolean record;

    Recurrence(String op, RecurrentSpec spec, int gates, int stateRows, SequenceInputs inputs, Tensor kernel,
               Tensor... rest) {
        this.op = op;
        this.spec = spec;
        this.inputs = inputs;
        this.gates = gates;
        this.stateRows = stateRows;
        this.units = spec.units();
        this.width = gates * units;
        if (kernel.rank() != 2 || kernel.dim(0) != units || kernel.dim(1) != width) {
            throw new ShapeException(op + ": recurrent kernel must be (" + units + ", " + width + "), got "
                    + Shapes.str(kernel.shape()));
        }
        this.batch = inputs.batch;
        this.steps = inputs.steps;
        if (steps == 0) {
            throw new ShapeException(op + ": the sequence has no timesteps (inputs " + Shapes.str(inputs.x.shape()) + ")");
        }
        this.outRows = spec.outputRows(steps);
        this.mask = spec.mask();
        if (mask != null && mask.length != batch * steps) {
            throw new ShapeException(op + ": mask has " + mask.length + " entries, expected batch * steps = "
                    + batch + " * " + steps);
        }
        this.blocks = spec.recurrentDropout() == null ? 1 : spec.dropoutBlocks();
        if (blocks != 1 && blocks != gates) {
            throw new IllegalArgumentException(op + ": recurrent dropout needs 1 or " + gates + " mask blocks, got " + blocks);
        }
        this.drop = spec.recurrentDropout();
        if (drop != null && drop.length != blocks * batch * units) {
            throw new ShapeException(op + ": recurrent dropout multipliers have " + drop.length + " entries, expected "
                    + blocks + " * " + batch + " * " + units);
        }
        this.hinW = blocks * units + inputs.rawFeatures();
        boolean anyGrad = inputs.x.requiresGrad() || kernel.requiresGrad()
                || (inputs.kernel != null && inputs.kernel.requiresGrad());
        for (Tensor t : rest) {
            anyGrad |= t != null && t.requiresGrad();
        }
        this.record = GradMode.isEnabled() && anyGrad;
    }

    // ---------------------------------------------------------------- checks and layout

    void checkState(Tensor s, String what) {
        if (s.rank() != 2 || s.dim(0) != batch || s.dim(1) != units) {
            throw new ShapeException(op + ": " + what + " must be (" + batch + ", " + units + "), got " + Shapes.str(s.shape()));
        }
    }

    void checkBias(Tensor b, int... shape) {
        if (b != null && !Shapes.same(b.shape(), shape)) {
            throw new ShapeException(op + ": bias must be " + Shapes.str(shape) + ", got " + Shapes.str(b.shape()));
        }
    }

    int[] outputShape() {
        return new int[] {batch, outRows + stateRows, units};
    }

    /** Input time of processing step s. */
    int time(int s) {
        return spec.reverse() ? steps - 1 - s : s;
    }

    /** Input time of the step processed just before time t. */
    int prevTime(int t) {
        return spec.reverse() ? t + 1 : t - 1;
    }

    boolean kept(int b, int t) {
        return mask == null || mask[b * steps + t] != 0f;
    }

    /** Output row written at processing step s, when returning sequences. */
    int sequenceRow(int s) {
        return spec.flipOutputs() ? steps - 1 - s : s;
    }

    /** Flat offset of (b, row) in the output. */
    int outOffset(int b, int row) {
        return (b * (outRows + stateRows) + row) * units;
    }

    /** Offset of row (t, b) in a time-major [T, B, w] buffer: a step's chunk rows are contiguous. */
    int tm(int t, int b, int w) {
        return (t * batch + b) * w;
    }

    /** Offset of block g, row b, at time t in a gate-major tape [T, blocks, B, u]. */
    int gm(int t, int g, int blocksPerStep, int b) {
        return ((t * blocksPerStep + g) * batch + b) * units;
    }

    /** A pooled tape buffer of B*T*w floats, or null when nothing is recorded. */
    float[] tapeBuffer(int w) {
        return record ? BufferPool.take(batch * steps * w) : null;
    }

    /** The step buffer: the tape's when recording, else a pooled one for this call. */
    float[] stepBuffer(SequenceTape tape) {
        return tape != null ? tape.hin : BufferPool.take(batch * steps * hinW);
    }

    // ---------------------------------------------------------------- forward pieces

    /**
     * Writes a chunk's states {@code h[rows, u]} (samples b0..) as the recurrent inputs of step t
     * into the step buffer: one copy per block, times its dropout mask.
     */
    void writeHin(float[] h, int rows, int b0, int t, float[] buf) {
        int base = tm(t, b0, hinW);
        for (int i = 0; i < rows; i++) {
            int d = base + i * hinW;
            for (int j = 0; j < blocks; j++) {
                if (drop == null) {
                    System.arraycopy(h, i * units, buf, d, units);
                } else {
                    int m = (j * batch + b0 + i) * units;
                    for (int k = 0; k < units; k++) {
                        buf[d + k] = h[i * units + k] * drop[m + k];
                    }
                }
                d += units;
            }
        }
    }

    /** {@code Z[rows, c0:c1] = sum_j hin_j @ U_j} for step t (Z has row stride {@link #width}). */
    void recurrentProduct(int rows, int b0, int t, float[] buf, float[] u, int uOff, float[] z, int c0, int c1) {
        Gemm gemm = Kernels.gemm();
        int a = tm(t, b0, hinW);
        if (blocks == 1) {
            gemm.sgemm(false, false, rows, c1 - c0, units, 1f, buf, a, hinW, u, uOff + c0, width, 0f, z, c0, width);
            return;
        }
        for (int j = c0 / units; j < c1 / units; j++) {
            gemm.sgemm(false, false, rows, units, units, 1f, buf, a + j * units, hinW, u, uOff + j * units, width,
                    0f, z, j * units, width);
        }
    }

    /**
     * Whether the products can run stacked: with raw inputs and one shared recurrent input block,
     * {@code [h | x_t] @ [U; W]} is one GEMM per step, and in the backward pass
     * {@code [dh | dx] = dZ @ [U; W]^T} and {@code [dU; dW] += [h | x]^T @ dZ} are one each.
     */
    boolean stacked() {
        return inputs.kernel != null && blocks == 1;
    }

    /** {@code [U; W]} packed once for the forward step products {@code [h | x_t] @ [U; W]}. */
    PackedMatrix packForward(Tensor recurrent) {
        return PackedMatrix.of(false, stackKernels(recurrent), 0, width, hinW, width);
    }

    /** {@code [U; W]^T} packed once for the backward step products {@code dZ @ [U; W]^T}. */
    PackedMatrix packBackward(Tensor recurrent) {
        return PackedMatrix.of(true, stackKernels(recurrent), 0, width, width, hinW);
    }

    /** {@code [U; W]}: (u + in, width), for {@link #stacked()} products. */
    private float[] stackKernels(Tensor recurrent) {
        int in = inputs.rawFeatures();
        float[] s = new float[(units + in) * width];
        System.arraycopy(recurrent.data(), recurrent.offset(), s, 0, units * width);
        System.arraycopy(inputs.kernel.data(), inputs.kernel.offset(), s, units * width, in * width);
        return s;
    }

    /** {@code Z[rows, width] = [h | x_t] @ [U; W]} for step t: the recurrent and input products in one GEMM. */
    void stackedProduct(int rows, int b0, int t, float[] buf, PackedMatrix stacked, float[] z) {
        stacked.multiply(rows, buf, tm(t, b0, hinW), hinW, z, 0, width, false);
    }

    /**
     * Adds the gradient arriving at the output of step s (time t) of sample b into
     * {@code dst[dOff, dOff + u)}: the step's output row, or for the last output only the final step.
     */
    void addOutputGrad(float[] gy, int go, int b, int s, int t, float[] dst, int dOff) {
        int row;
        if (spec.returnSequences()) {
            row = sequenceRow(s);
        } else if (s == steps - 1) {
            row = 0;
        } else {
            return;
        }
        int src = go + outOffset(b, row);
        for (int q = 0; q < units; q++) {
            dst[dOff + q] += gy[src + q];
        }
    }

    // ---------------------------------------------------------------- threads and autograd

    /**
     * Runs {@code body} over the batch split into contiguous chunks, one per thread: each chunk
     * runs the whole recurrence on its own rows, so threads meet once per sequence instead of
     * once per step (the GEMMs inside run single-threaded, see {@link Parallel}). Tiny problems
     * stay on the calling thread.
     */
    void overBatch(IntRangeBody body) {
        long flopsPerRow = 2L * steps * units * width * (record ? 3 : 1);
        int grain = (int) Math.max(1, MIN_FLOPS_PER_CHUNK / Math.max(1, flopsPerRow));
        Parallel.forRange(batch, grain, body);
    }

    /** A bias's values, or zeros when there is none (so the gate loops need no branch). */
    static float[] biasValues(Tensor b, int n) {
        return b == null ? new float[n] : b.toFloatArray();
    }

    /** Contiguous float storage of a tensor (copying only when it is a strided view). */
    static Tensor dense(Tensor t) {
        return Elementwise.asFloat(t).contiguous();
    }

    /**
     * Records the op on its output: inputs (x, recurrent kernel, states..., [bias], [input
     * kernel]); the tape remembers where the optional ones went.
     */
    static Tensor record(Tensor y, Op op, SequenceTape tape, SequenceInputs inputs, Tensor recurrent, Tensor bias,
                         Tensor... states) {
        List<Tensor> in = new ArrayList<>();
        in.add(inputs.x);
        in.add(recurrent);
        in.addAll(List.of(states));
        if (bias != null) {
            tape.biasIndex = in.size();
            in.add(bias);
        }
        if (inputs.kernel != null) {
            tape.kernelIndex = in.size();
            in.add(inputs.kernel);
        }
        return dev.lamina.autograd.Autograd.record(y, op, in.toArray(new Tensor[0]));
    }
}
