package dev.lamina.ops;

import dev.lamina.kernels.PackedMatrix;
import dev.lamina.tensor.Tensor;

/**
 * Backpropagation through time for {@link LstmSequence}, in one pass from the last step to the
 * first, each thread on its own batch chunk. Per step: the gate gradients from the saved
 * activations (the fused {@link dev.lamina.kernels.LstmGates} kernel, or generic loops for other
 * activations); then, with raw inputs, one GEMM {@code dZ @ [U; W]^T} gives the gradient of the
 * previous state and of the step's inputs, and one {@code [h | x]^T @ dZ} accumulates the
 * kernels' gradients while the rows are in cache (see {@link RecurrentGradients}).
 * <pre>
 *   dh~ = dout_t + dh_t              dc~ = dc_t + dh~ * o * phi'(phi(c_t))
 *   dz_o = dh~ * phi(c_t) * s'(o)    dz_i = dc~ * g * s'(i)   dz_f = dc~ * c_{t-1} * s'(f)
 *   dz_c = dc~ * i * phi'(g)         dc_{t-1} = dc~ * f       dh_{t-1} = dz @ U^T
 * </pre>
 * Masked steps pass dh, dc through unchanged and hand their output gradient to the previous
 * step's output (which they copied).
 */
public final class LstmSequenceBackward {
    private LstmSequenceBackward() {}

    /** Gradients of the op's inputs (x, recurrent kernel, h0, c0[, bias][, kernel]); null where one needs none. */
    public static Tensor[] gradients(RecurrentSpec spec, SequenceTape tape, Tensor[] in, Tensor g) {
        tape.checkLive(LstmSequence.OP);
        Tensor k = in[1];
        Tensor h0 = in[2];
        Tensor c0 = in[3];
        Tensor bias = tape.biasIndex < 0 ? null : in[tape.biasIndex];
        Tensor kernel = tape.kernelIndex < 0 ? null : in[tape.kernelIndex];
        SequenceInputs inputs = new SequenceInputs(LstmSequence.OP, in[0], kernel, 4 * spec.units());
        Recurrence r = new Recurrence(LstmSequence.OP, spec, 4, 2, inputs, k, h0, c0, bias);
        Tensor gy = g.contiguous();
        float[] dx = new float[inputs.gradientSize()];
        float[] dh0 = new float[r.batch * r.units];
        float[] dc0 = new float[r.batch * r.units];
        float[] db = new float[r.width];
        float[] du = k.requiresGrad() ? new float[r.units * r.width] : null;
        float[] dk = kernel != null && kernel.requiresGrad() ? new float[kernel.size()] : null;
        PackedMatrix stackedKernels = r.stacked() ? r.packBackward(k) : null;
        r.overBatch((b0, b1) -> chunk(r, inputs, tape, k, stackedKernels, c0, gy, dx, dh0, dc0, db, du, dk, b0, b1));
        tape.release();
        Tensor[] grads = new Tensor[in.length];
        grads[0] = in[0].requiresGrad() ? Tensor.wrap(dx, in[0].shape()) : null;
        grads[1] = du == null ? null : Tensor.wrap(du, k.shape());
        grads[2] = h0.requiresGrad() ? Tensor.wrap(dh0, h0.shape()) : null;
        grads[3] = c0.requiresGrad() ? Tensor.wrap(dc0, c0.shape()) : null;
        if (bias != null && bias.requiresGrad()) {
            grads[tape.biasIndex] = Tensor.wrap(db, bias.shape());
        }
        if (dk != null) {
            grads[tape.kernelIndex] = Tensor.wrap(dk, kernel.shape());
        }
        return grads;
    }

    private static void chunk(Recurrence r, SequenceInputs inputs, SequenceTape tape, Tensor kT, PackedMatrix stackedKernels,
                              Tensor c0T, Tensor gyT, float[] dx, float[] dh0, float[] dc0, float[] db, float[] du,
                              float[] dk, int b0, int b1) {
        int n = b1 - b0;
        int u = r.units;
        int w = r.width;
        int nu = n * u;
        int gs = r.batch * u;
        float[] gy = gyT.data();
        int go = gyT.offset();
        float[] kern = kT.data();
        int ko = kT.offset();
        float[] act = tape.act;
        boolean zeroOut = r.spec.zeroOutputForMask();
        boolean fast = LstmSequence.fast(r.spec);
        float[] dh = new float[nu];
        float[] dc = new float[nu];
        float[] dout = new float[nu];
        float[] gout = new float[nu];
        float[] dhn = new float[nu];
        float[] dcn = new float[nu];
        float[] tmp = new float[nu];
        float[] dz = new float[4 * nu];
        float[] rows = new float[n * w];
        float[] dbPart = new float[w];
        boolean stacked = stackedKernels != null;
        int in = inputs.rawFeatures();
        // Stacked: [dU; dW] accumulate together; otherwise each on its own.
        float[] dStack = stacked && (du != null || dk != null) ? new float[(u + in) * w] : null;
        float[] stackOut = stacked ? new float[n * (u + in)] : null;
        float[] duPart = !stacked && du != null ? new float[du.length] : null;
        float[] dkPart = !stacked && dk != null ? new float[dk.length] : null;
        for (int i = 0; i < n; i++) {
            System.arraycopy(gy, go + r.outOffset(b0 + i, r.outRows), dh, i * u, u);
            System.arraycopy(gy, go + r.outOffset(b0 + i, r.outRows + 1), dc, i * u, u);
        }
        for (int s = r.steps - 1; s >= 0; s--) {
            int t = r.time(s);
            int pb = r.gm(t, 0, LstmSequence.ACT_BLOCKS, b0);
            float[] cp = s == 0 ? c0T.data() : tape.state;
            int cpo = s == 0 ? c0T.offset() + b0 * u : r.tm(r.prevTime(t), b0, u);
            System.arraycopy(dout, 0, gout, 0, nu);
            for (int i = 0; i < n; i++) {
                r.addOutputGrad(gy, go, b0 + i, s, t, gout, i * u);
            }
            for (int j = 0; j < nu; j++) {
                dhn[j] = gout[j] + dh[j];
            }
            if (fast) {
                for (int i = 0; i < n; i++) {
                    int ri = i * u;
                    if (r.kept(b0 + i, t)) {
                        LstmSequence.GATES.backwardRow(u, dhn, ri, dc, ri, act, pb + ri, gs, cp, cpo + ri, rows, i * w,
                                dbPart);
                        java.util.Arrays.fill(dh, ri, ri + u, 0f);
                        java.util.Arrays.fill(dout, ri, ri + u, 0f);
                    } else {
                        masked(rows, i * w, w, dout, gout, ri, u, zeroOut);
                    }
                }
            } else {
                generic(r, n, b0, t, pb, gs, act, cp, cpo, dhn, dc, dh, dout, gout, dcn, tmp, dz, rows, dbPart);
            }
            RecurrentGradients.flushTiny(rows, 0, n * w);
            RecurrentGradients.flushTiny(dc, 0, nu);
            RecurrentGradients.flushTiny(dout, 0, nu);
            if (stacked) {
                RecurrentGradients.stackedStep(r, n, b0, t, tape.hin, rows, stackedKernels, dh, dx, dStack, stackOut);
            } else {
                inputs.gradientStep(r, n, b0, t, tape.hin, rows, dx, dkPart);
                RecurrentGradients.recurrentProductT(r, n, b0, rows, 0, w, kern, ko, 0, w, dh, tmp);
                if (duPart != null) {
                    RecurrentGradients.kernelGradientStep(r, n, b0, t, tape.hin, rows, 0, w, duPart, 0, w);
                }
            }
            RecurrentGradients.flushTiny(dh, 0, nu);
        }
        System.arraycopy(dh, 0, dh0, b0 * u, nu);
        System.arraycopy(dc, 0, dc0, b0 * u, nu);
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

    /** A masked row: no gate gradients (dx stays zero), state gradients pass through, the output copied the previous one. */
    private static void masked(float[] rows, int rr, int w, float[] dout, float[] gout, int ri, int u, boolean zeroOut) {
        java.util.Arrays.fill(rows, rr, rr + w, 0f);
        for (int q = 0; q < u; q++) {
            dout[ri + q] = zeroOut ? 0f : gout[ri + q];
        }
    }

    /** One step's gate gradients for any activations: whole-block passes, gate-major, then rows. */
    private static void generic(Recurrence r, int n, int b0, int t, int pb, int gs, float[] act, float[] cp, int cpo,
                                float[] dhn, float[] dc, float[] dh, float[] dout, float[] gout, float[] dcn, float[] tmp,
                                float[] dz, float[] rows, float[] dbPart) {
        int u = r.units;
        int w = r.width;
        int nu = n * u;
        RecurrentActivation phi = r.spec.activation();
        RecurrentActivation sig = r.spec.recurrentActivation();
        for (int j = 0; j < nu; j++) {
            tmp[j] = dhn[j] * act[pb + 3 * gs + j];
        }
        phi.backprop(tmp, 0, act, pb + 4 * gs, dcn, 0, nu);
        for (int j = 0; j < nu; j++) {
            dcn[j] += dc[j];
            tmp[j] = dhn[j] * act[pb + 4 * gs + j];
        }
        sig.backprop(tmp, 0, act, pb + 3 * gs, dz, 3 * nu, nu);
        for (int j = 0; j < nu; j++) {
            tmp[j] = dcn[j] * act[pb + 2 * gs + j];
        }
        sig.backprop(tmp, 0, act, pb, dz, 0, nu);
        for (int j = 0; j < nu; j++) {
            tmp[j] = dcn[j] * cp[cpo + j];
        }
        sig.backprop(tmp, 0, act, pb + gs, dz, nu, nu);
        for (int j = 0; j < nu; j++) {
            tmp[j] = dcn[j] * act[pb + j];
        }
        phi.backprop(tmp, 0, act, pb + 2 * gs, dz, 2 * nu, nu);
        for (int i = 0; i < n; i++) {
            int ri = i * u;
            int rr = i * w;
            if (r.kept(b0 + i, t)) {
                for (int q = 0; q < 4; q++) {
                    System.arraycopy(dz, q * nu + ri, rows, rr + q * u, u);
                }
                for (int q = 0; q < w; q++) {
                    dbPart[q] += rows[rr + q];
                }
                for (int q = 0; q < u; q++) {
                    dc[ri + q] = dcn[ri + q] * act[pb + gs + ri + q];
                    dh[ri + q] = 0f;
                    dout[ri + q] = 0f;
                }
            } else {
                masked(rows, rr, w, dout, gout, ri, u, r.spec.zeroOutputForMask());
            }
        }
    }
}
