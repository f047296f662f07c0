package dev.lamina.ops;

import dev.lamina.autograd.Op;
import dev.lamina.kernels.PackedMatrix;
import dev.lamina.kernels.LstmGates;
import dev.lamina.tensor.Tensor;

/**
 * The fused LSTM recurrence over a whole sequence (forward pass; {@link LstmSequenceBackward} is
 * its gradient rule). Keras's equations with gates in Keras's order i, f, c, o:
 * <pre>
 *   z = x_t @ W + h_{t-1} @ U + b      (one GEMM per step on [h | x_t] and [U; W]; see SequenceInputs)
 *   i = sigma(z_i)  f = sigma(z_f)  g = phi(z_c)  o = sigma(z_o)
 *   c_t = f * c_{t-1} + i * g          h_t = o * phi(c_t)
 * </pre>
 * Per step and batch chunk (one per thread): one small GEMM and the fused gate kernel
 * ({@link LstmGates}) over preallocated buffers, writing what the backward pass needs to a pooled
 * tape; no tensors or autograd nodes are made inside the loop. Masked steps carry state and
 * output over (Keras), go_backwards walks time in reverse.
 */
public final class LstmSequence {
    static final String OP = "lstm_sequence";
    static final LstmGates GATES = LstmGates.get();
    /** Saved per step and sample: the four activated gates and phi(c). */
    static final int ACT_BLOCKS = 5;

    private LstmSequence() {}

    /**
     * Runs the recurrence.
     *
     * @param x               (B, T, in) raw inputs with {@code kernel}, or (B, T, 4u) inputs the caller
     *                        already projected ({@code kernel} null)
     * @param kernel          (in, 4u), or null: with it the op projects all steps with one GEMM and
     *                        computes dx and d kernel itself in the backward pass
     * @param recurrentKernel (u, 4u)
     * @param h0              (B, u) initial hidden state
     * @param c0              (B, u) initial cell state
     * @param bias            (4u), or null: added inside the gate loop (no separate pass)
     * @return (B, S + 2, u): S output rows (T, or 1 for the last output), then h_T and c_T
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor h0, Tensor c0, Tensor bias,
                               RecurrentSpec spec) {
        SequenceInputs inputs = new SequenceInputs(OP, Recurrence.dense(x),
                kernel == null ? null : Recurrence.dense(kernel), 4 * spec.units());
        Tensor k = Recurrence.dense(recurrentKernel);
        Tensor h = Recurrence.dense(h0);
        Tensor c = Recurrence.dense(c0);
        Tensor b = bias == null ? null : Recurrence.dense(bias);
        Recurrence r = new Recurrence(OP, spec, 4, 2, inputs, k, h, c, b);
        r.checkState(h, "initial state h");
        r.checkState(c, "initial state c");
        r.checkBias(b, r.width);
        float[] bv = Recurrence.biasValues(b, r.width);
        int[] shape = r.outputShape();
        float[] out = new float[shape[0] * shape[1] * shape[2]];
        SequenceTape tape = r.record ? new SequenceTape(r.tapeBuffer(ACT_BLOCKS * r.units), r.tapeBuffer(r.hinW),
                r.tapeBuffer(r.units), null) : null;
        float[] buf = r.stepBuffer(tape);
        // Raw inputs with one recurrent block: [h | x_t] @ [U; W] per step, no projection array.
        PackedMatrix stacked = r.stacked() ? r.packForward(k) : null;
        float[] xp;
        if (stacked != null) {
            xp = null; // each chunk copies its step's inputs next to h just before the product
        } else {
            xp = inputs.project(r, buf);
        }
        r.overBatch((b0, b1) -> forward(r, inputs, xp, buf, stacked, k, h, c, bv, out, tape, b0, b1));
        inputs.releaseProjection();
        if (tape == null) {
            BufferPool.give(buf);
        }
        Tensor y = Tensor.wrap(out, shape);
        return tape == null ? y : Recurrence.record(y, new Op.LstmSequence(spec, tape), tape, inputs, k, b, h, c);
    }

    private static void forward(Recurrence r, SequenceInputs inputs, float[] x, float[] buf, PackedMatrix stacked, Tensor kT,
                                Tensor h0, Tensor c0, float[] bias, float[] out, SequenceTape tape, int b0, int b1) {
        int n = b1 - b0;
        int u = r.units;
        int w = r.width;
        int nu = n * u;
        float[] kern = kT.data();
        int ko = kT.offset();
        float[] h = new float[nu];
        float[] c = new float[nu];
        float[] o = new float[nu];
        System.arraycopy(h0.data(), h0.offset() + b0 * u, h, 0, nu);
        System.arraycopy(c0.data(), c0.offset() + b0 * u, c, 0, nu);
        float[] z = new float[n * w];
        float[] cn = new float[nu];
        float[] hn = new float[nu];
        float[] zeroRow = new float[w];
        boolean fast = fast(r.spec);
        // Without a tape the gates live in per-chunk scratch instead.
        float[] pLocal = tape == null ? new float[ACT_BLOCKS * nu] : null;
        int gs = tape == null ? nu : r.batch * u;
        boolean seq = r.spec.returnSequences();
        for (int s = 0; s < r.steps; s++) {
            int t = r.time(s);
            r.writeHin(h, n, b0, t, buf);
            if (stacked != null) {
                inputs.copyStep(r, buf, t, b0, n);
            }
            // The inputs' share: in z already (stacked product), or rows of the projection to add.
            float[] xs = stacked != null ? zeroRow : x;
            int xo = stacked != null ? 0 : inputs.projectedRow(b0, t);
            int xStride = stacked != null ? 0 : inputs.projectedStride();
            if (stacked != null) {
                r.stackedProduct(n, b0, t, buf, stacked, z);
            } else {
                r.recurrentProduct(n, b0, t, buf, kern, ko, z, 0, w);
            }
            // Gates go gate-major (block g of the chunk is contiguous), straight into the tape.
            float[] p = tape == null ? pLocal : tape.act;
            int pb = tape == null ? 0 : r.gm(t, 0, ACT_BLOCKS, b0);
            if (fast) {
                GATES.forward(n, u, z, 0, xs, xo, xStride, bias, c, p, pb, gs, cn, hn);
            } else {
                generic(r, xs, xo, xStride, n, z, bias, c, p, pb, gs, cn, hn);
            }
            if (r.mask == null) {
                // Nothing masked: the new states simply become the current ones (swap, no copies).
                float[] swap = c;
                c = cn;
                cn = swap;
                swap = h;
                h = hn;
                hn = swap;
                o = h;
            } else {
                for (int i = 0; i < n; i++) {
                    int ri = i * u;
                    if (r.kept(b0 + i, t)) {
                        System.arraycopy(cn, ri, c, ri, u);
                        System.arraycopy(hn, ri, h, ri, u);
                        System.arraycopy(hn, ri, o, ri, u);
                    } else if (r.spec.zeroOutputForMask()) {
                        java.util.Arrays.fill(o, ri, ri + u, 0f);
                    }
                }
            }
            if (tape != null) {
                System.arraycopy(c, 0, tape.state, r.tm(t, b0, u), nu);
            }
            if (seq) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(o, i * u, out, r.outOffset(b0 + i, r.sequenceRow(s)), u);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int b = b0 + i;
            if (!seq) {
                System.arraycopy(o, i * u, out, r.outOffset(b, 0), u);
            }
            System.arraycopy(h, i * u, out, r.outOffset(b, r.outRows), u);
            System.arraycopy(c, i * u, out, r.outOffset(b, r.outRows + 1), u);
        }
    }

    /** Keras's default activations run in the fused {@link LstmGates} kernel; others in {@link #generic}. */
    static boolean fast(RecurrentSpec spec) {
        return spec.activation() == RecurrentActivation.TANH && spec.recurrentActivation() == RecurrentActivation.SIGMOID;
    }

    /** One step's gates for any activations: pre-activations gate-major, then whole-block activation passes. */
    private static void generic(Recurrence r, float[] x, int xOff, int xStride, int n, float[] z, float[] bias,
                                float[] c, float[] p, int pb, int gs, float[] cn, float[] hn) {
        int u = r.units;
        int w = r.width;
        int nu = n * u;
        for (int i = 0; i < n; i++) {
            int xr = xOff + i * xStride;
            int zr = i * w;
            for (int g = 0; g < 4; g++) {
                int pg = pb + g * gs + i * u;
                for (int q = 0; q < u; q++) {
                    p[pg + q] = z[zr + g * u + q] + x[xr + g * u + q] + bias[g * u + q];
                }
            }
        }
        RecurrentActivation act = r.spec.activation();
        RecurrentActivation rec = r.spec.recurrentActivation();
        rec.apply(p, pb, nu);
        rec.apply(p, pb + gs, nu);
        act.apply(p, pb + 2 * gs, nu);
        rec.apply(p, pb + 3 * gs, nu);
        int pc = pb + 4 * gs;
        for (int j = 0; j < nu; j++) {
            cn[j] = p[pb + gs + j] * c[j] + p[pb + j] * p[pb + 2 * gs + j];
        }
        System.arraycopy(cn, 0, p, pc, nu);
        act.apply(p, pc, nu);
        for (int j = 0; j < nu; j++) {
            hn[j] = p[pb + 3 * gs + j] * p[pc + j];
        }
    }
}
