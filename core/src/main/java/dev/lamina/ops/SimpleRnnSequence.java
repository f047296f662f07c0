package dev.lamina.ops;

import dev.lamina.autograd.Op;
import dev.lamina.kernels.PackedMatrix;
import dev.lamina.tensor.Tensor;

/**
 * The fused simple RNN over a whole sequence, {@code h_t = phi(xProj_t + b + h_{t-1} @ U)} with
 * xProj = x @ kernel, and its backward pass ({@code dz = (dout + dh) * phi'(h_t)},
 * {@code dh_{t-1} = dz @ U^T}). Same layout, masking and direction rules as {@link LstmSequence}.
 */
public final class SimpleRnnSequence {
    static final String OP = "simple_rnn_sequence";

    private SimpleRnnSequence() {}

    /**
     * @param x               (B, T, in) raw inputs with {@code kernel}, or (B, T, u) already projected
     * @param kernel          (in, u), or null when x is already projected
     * @param recurrentKernel (u, u)
     * @param h0              (B, u)
     * @param bias            (u), or null
     * @return (B, S + 1, u): S output rows (T, or 1 for the last output), then h_T
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor h0, Tensor bias, RecurrentSpec spec) {
        SequenceInputs inputs = new SequenceInputs(OP, Recurrence.dense(x),
                kernel == null ? null : Recurrence.dense(kernel), spec.units());
        Tensor k = Recurrence.dense(recurrentKernel);
        Tensor h = Recurrence.dense(h0);
        Tensor b = bias == null ? null : Recurrence.dense(bias);
        Recurrence r = new Recurrence(OP, spec, 1, 1, inputs, k, h, b);
        r.checkState(h, "initial state h");
        r.checkBias(b, r.width);
        float[] bv = Recurrence.biasValues(b, r.width);
        int[] shape = r.outputShape();
        float[] out = new float[shape[0] * shape[1] * shape[2]];
        SequenceTape tape = r.record ? new SequenceTape(r.tapeBuffer(r.units), r.tapeBuffer(r.hinW), null, null) : null;
        float[] buf = r.stepBuffer(tape);
        // Raw inputs: [h | x_t] @ [U; W] per step (as in LstmSequence), else the projected rows.
        PackedMatrix stacked = r.stacked() ? r.packForward(k) : null;
        float[] xp;
        if (stacked != null) {
            xp = null; // each chunk copies its step's inputs next to h just before the product
        } else {
            xp = inputs.project(r, buf);
        }
        r.overBatch((b0, b1) -> forward(r, inputs, xp, buf, stacked, k, h, bv, out, tape, b0, b1));
        inputs.releaseProjection();
        if (tape == null) {
            BufferPool.give(buf);
        }
        Tensor y = Tensor.wrap(out, shape);
        return tape == null ? y : Recurrence.record(y, new Op.SimpleRnnSequence(spec, tape), tape, inputs, k, b, h);
    }

    private static void forward(Recurrence r, SequenceInputs inputs, float[] x, float[] buf, PackedMatrix stacked, Tensor kT,
                                Tensor h0, float[] bias, float[] out, SequenceTape tape, int b0, int b1) {
        int n = b1 - b0;
        int u = r.units;
        int nu = n * u;
        float[] h = new float[nu];
        float[] o = new float[nu];
        System.arraycopy(h0.data(), h0.offset() + b0 * u, h, 0, nu);
        float[] z = new float[nu];
        boolean seq = r.spec.returnSequences();
        for (int s = 0; s < r.steps; s++) {
            int t = r.time(s);
            r.writeHin(h, n, b0, t, buf);
            if (stacked != null) {
                inputs.copyStep(r, buf, t, b0, n);
            }
            if (stacked != null) {
                r.stackedProduct(n, b0, t, buf, stacked, z);
                for (int i = 0; i < n; i++) {
                    for (int q = 0; q < u; q++) {
                        z[i * u + q] += bias[q];
                    }
                }
            } else {
                r.recurrentProduct(n, b0, t, buf, kT.data(), kT.offset(), z, 0, u);
                for (int i = 0; i < n; i++) {
                    int xr = inputs.projectedRow(b0 + i, t);
                    for (int q = 0; q < u; q++) {
                        z[i * u + q] += x[xr + q] + bias[q];
                    }
                }
            }
            r.spec.activation().apply(z, 0, nu);
            if (tape != null) {
                System.arraycopy(z, 0, tape.act, r.tm(t, b0, u), nu);
            }
            for (int i = 0; i < n; i++) {
                int ri = i * u;
                if (r.kept(b0 + i, t)) {
                    System.arraycopy(z, ri, h, ri, u);
                    System.arraycopy(z, ri, o, ri, u);
                } else if (r.spec.zeroOutputForMask()) {
                    java.util.Arrays.fill(o, ri, ri + u, 0f);
                }
                if (seq) {
                    System.arraycopy(o, ri, out, r.outOffset(b0 + i, r.sequenceRow(s)), u);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!seq) {
                System.arraycopy(o, i * u, out, r.outOffset(b0 + i, 0), u);
            }
            System.arraycopy(h, i * u, out, r.outOffset(b0 + i, r.outRows), u);
        }
    }

    /** Gradients of the op's inputs (x, recurrent kernel, h0[, bias][, kernel]); null where one needs none. */
    public static Tensor[] gradients(RecurrentSpec spec, SequenceTape tape, Tensor[] in, Tensor g) {
        tape.checkLive(OP);
        Tensor k = in[1];
        Tensor h0 = in[2];
        Tensor bias = tape.biasIndex < 0 ? null : in[tape.biasIndex];
        Tensor kernel = tape.kernelIndex < 0 ? null : in[tape.kernelIndex];
        SequenceInputs inputs = new SequenceInputs(OP, in[0], kernel, spec.units());
        Recurrence r = new Recurrence(OP, spec, 1, 1, inputs, k, h0, bias);
        Tensor gy = g.contiguous();
        float[] dx = new float[inputs.gradientSize()];
        float[] dh0 = new float[r.batch * r.units];
        float[] db = new float[r.units];
        float[] du = k.requiresGrad() ? new float[r.units * r.units] : null;
        float[] dk = kernel != null && kernel.requiresGrad() ? new float[kernel.size()] : null;
        PackedMatrix stackedKernels = r.stacked() ? r.packBackward(k) : null;
        r.overBatch((b0, b1) -> backwardChunk(r, inputs, tape, k, stackedKernels, gy, dx, dh0, db, du, dk, b0, b1));
        tape.release();
        Tensor[] grads = new Tensor[in.length];
        grads[0] = in[0].requiresGrad() ? Tensor.wrap(dx, in[0].shape()) : null;
        grads[1] = du == null ? null : Tensor.wrap(du, k.shape());
        grads[2] = h0.requiresGrad() ? Tensor.wrap(dh0, h0.shape()) : null;
        if (bias != null && bias.requiresGrad()) {
            grads[tape.biasIndex] = Tensor.wrap(db, bias.shape());
        }
        if (dk != null) {
            grads[tape.kernelIndex] = Tensor.wrap(dk, kernel.shape());
        }
        return grads;
    }

    private static void backwardChunk(Recurrence r, SequenceInputs inputs, SequenceTape tape, Tensor kT,
                                      PackedMatrix stackedKernels, Tensor gyT, float[] dx, float[] dh0, float[] db, float[] du,
                                      float[] dk, int b0, int b1) {
        int n = b1 - b0;
        int u = r.units;
        int nu = n * u;
        float[] gy = gyT.data();
        int go = gyT.offset();
        float[] dh = new float[nu];
        float[] dout = new float[nu];
        float[] gout = new float[nu];
        float[] dz = new float[nu];
        float[] tmp = new float[nu];
        float[] dbPart = new float[u];
        boolean stacked = stackedKernels != null;
        int in = inputs.rawFeatures();
        float[] dStack = stacked && (du != null || dk != null) ? new float[(u + in) * u] : null;
        float[] stackOut = stacked ? new float[n * (u + in)] : null;
        float[] duPart = !stacked && du != null ? new float[du.length] : null;
        float[] dkPart = !stacked && dk != null ? new float[dk.length] : null;
        for (int i = 0; i < n; i++) {
            System.arraycopy(gy, go + r.outOffset(b0 + i, r.outRows), dh, i * u, u);
        }
        for (int s = r.steps - 1; s >= 0; s--) {
            int t = r.time(s);
            int ao = r.tm(t, b0, u);
            System.arraycopy(dout, 0, gout, 0, nu);
            for (int i = 0; i < n; i++) {
                r.addOutputGrad(gy, go, b0 + i, s, t, gout, i * u);
            }
            for (int j = 0; j < nu; j++) {
                tmp[j] = gout[j] + dh[j];
            }
            r.spec.activation().backprop(tmp, 0, tape.act, ao, dz, 0, nu);
            for (int i = 0; i < n; i++) {
                int ri = i * u;
                if (r.kept(b0 + i, t)) {
                    for (int q = 0; q < u; q++) {
                        dbPart[q] += dz[ri + q];
                    }
                    java.util.Arrays.fill(dh, ri, ri + u, 0f);
                    java.util.Arrays.fill(dout, ri, ri + u, 0f);
                } else {
                    java.util.Arrays.fill(dz, ri, ri + u, 0f);
                    for (int q = 0; q < u; q++) {
                        dout[ri + q] = r.spec.zeroOutputForMask() ? 0f : gout[ri + q];
                    }
                }
            }
            RecurrentGradients.flushTiny(dz, 0, nu);
            RecurrentGradients.flushTiny(dout, 0, nu);
            if (stacked) {
                RecurrentGradients.stackedStep(r, n, b0, t, tape.hin, dz, stackedKernels, dh, dx, dStack, stackOut);
            } else {
                inputs.gradientStep(r, n, b0, t, tape.hin, dz, dx, dkPart);
                RecurrentGradients.recurrentProductT(r, n, b0, dz, 0, u, kT.data(), kT.offset(), 0, u, dh, tmp);
                if (duPart != null) {
                    RecurrentGradients.kernelGradientStep(r, n, b0, t, tape.hin, dz, 0, u, duPart, 0, u);
                }
            }
            RecurrentGradients.flushTiny(dh, 0, nu);
        }
        System.arraycopy(dh, 0, dh0, b0 * u, nu);
        RecurrentGradients.mergeInto(db, dbPart);
        if (dStack != null) {
            if (du != null) {
                RecurrentGradients.mergeRows(r, du, dStack, 0, u);
            }
            if (dk != null) {
                RecurrentGradients.mergeRows(r, dk, dStack, u, in);
            }
        }
        if (duPart != null) {
            RecurrentGradients.mergeInto(du, duPart);
        }
        if (dkPart != null) {
            RecurrentGradients.mergeInto(dk, dkPart);
        }
    }
}
