package dev.lamina.ops;

import dev.lamina.autograd.Op;
import dev.lamina.kernels.Kernels;
import dev.lamina.tensor.Tensor;

/**
 * The fused GRU recurrence over a whole sequence (forward pass; {@link GruSequenceBackward} is its
 * gradient rule). Gates in Keras's order z, r, h:
 * <pre>
 * reset_after (Keras default, bias (2, 3u)):  x~ = xProj + b[0],  rec = h_{t-1} @ U + b[1]
 *   z = s(x~z + rec_z)   r = s(x~r + rec_r)   hh = phi(x~h + r * rec_h)
 * reset_after = false (bias (3u)):  x~ = xProj + b
 *   z = s(x~z + h_{t-1} @ U_z)   r = s(x~r + h_{t-1} @ U_r)   hh = phi(x~h + (r * h_{t-1}) @ U_h)
 * both:  h_t = z * h_{t-1} + (1 - z) * hh
 * </pre>
 * where xProj = x @ kernel, all timesteps in one GEMM (by the op from raw inputs, see
 * {@link SequenceInputs}, or by the caller). With reset_after the
 * product per step is one GEMM over all three gates; without, one over z and r, then one over the
 * reset state.
 */
public final class GruSequence {
    static final String OP = "gru_sequence";

    private GruSequence() {}

    /**
     * Runs the recurrence.
     *
     * @param x               (B, T, in) raw inputs with {@code kernel}, or (B, T, 3u) already projected
     * @param kernel          (in, 3u), or null when x is already projected
     * @param recurrentKernel (u, 3u)
     * @param h0              (B, u) initial state
     * @param bias            Keras's GRU bias: (2, 3u) (input row, recurrent row) with reset_after,
     *                        (3u) without; or null
     * @return (B, S + 1, u): S output rows (T, or 1 for the last output), then h_T
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor h0, Tensor bias, RecurrentSpec spec) {
        SequenceInputs inputs = new SequenceInputs(OP, Recurrence.dense(x),
                kernel == null ? null : Recurrence.dense(kernel), 3 * spec.units());
        Tensor k = Recurrence.dense(recurrentKernel);
        Tensor h = Recurrence.dense(h0);
        Tensor b = bias == null ? null : Recurrence.dense(bias);
        Recurrence r = new Recurrence(OP, spec, 3, 1, inputs, k, h, b);
        r.checkState(h, "initial state h");
        if (spec.resetAfter()) {
            r.checkBias(b, 2, r.width);
        } else {
            r.checkBias(b, r.width);
        }
        float[] bv = Recurrence.biasValues(b, spec.resetAfter() ? 2 * r.width : r.width);
        int[] shape = r.outputShape();
        float[] out = new float[shape[0] * shape[1] * shape[2]];
        SequenceTape tape = r.record ? new SequenceTape(r.tapeBuffer(3 * r.units), r.tapeBuffer(r.hinW),
                r.tapeBuffer(r.units), r.tapeBuffer(r.units)) : null;
        float[] buf = r.stepBuffer(tape);
        float[] xp = inputs.project(r, buf);
        r.overBatch((b0, b1) -> forward(r, inputs, xp, buf, k, h, bv, out, tape, b0, b1));
        inputs.releaseProjection();
        if (tape == null) {
            BufferPool.give(buf);
        }
        Tensor y = Tensor.wrap(out, shape);
        return tape == null ? y : Recurrence.record(y, new Op.GruSequence(spec, tape), tape, inputs, k, b, h);
    }

    private static void forward(Recurrence r, SequenceInputs inputs, float[] x, float[] buf, Tensor kT, Tensor h0,
                                float[] bias, float[] out, SequenceTape tape, int b0, int b1) {
        int n = b1 - b0;
        int u = r.units;
        int w = r.width;
        int nu = n * u;
        float[] kern = kT.data();
        int ko = kT.offset();
        float[] h = new float[nu];
        float[] o = new float[nu];
        System.arraycopy(h0.data(), h0.offset() + b0 * u, h, 0, nu);
        float[] z = new float[n * w];
        float[] hn = new float[nu];
        float[] pLocal = tape == null ? new float[3 * nu] : null;
        float[] rhLocal = tape == null ? new float[nu] : null;
        int gs = tape == null ? nu : r.batch * u;
        int hBlock = r.blocks == 1 ? 0 : 2;
        boolean after = r.spec.resetAfter();
        RecurrentActivation act = r.spec.activation();
        RecurrentActivation rec = r.spec.recurrentActivation();
        boolean seq = r.spec.returnSequences();
        for (int s = 0; s < r.steps; s++) {
            int t = r.time(s);
            int hinOff = r.tm(t, b0, r.hinW);
            float[] p = tape == null ? pLocal : tape.act;
            int pb = tape == null ? 0 : r.gm(t, 0, 3, b0);
            // rec_h (reset after) or r * h (reset before), kept for the backward pass.
            float[] rh = tape == null ? rhLocal : tape.aux;
            int rho = tape == null ? 0 : r.tm(t, b0, u);
            r.writeHin(h, n, b0, t, buf);
            r.recurrentProduct(n, b0, t, buf, kern, ko, z, 0, after ? w : 2 * u);
            for (int i = 0; i < n; i++) {
                int xr = inputs.projectedRow(b0 + i, t);
                int zr = i * w;
                if (after) {
                    // The recurrent bias row joins the product (the reset gate scales it too).
                    for (int q = 0; q < w; q++) {
                        z[zr + q] += bias[w + q];
                    }
                    System.arraycopy(z, zr + 2 * u, rh, rho + i * u, u);
                }
                for (int g = 0; g < 2; g++) {
                    int pg = pb + g * gs + i * u;
                    for (int q = 0; q < u; q++) {
                        p[pg + q] = z[zr + g * u + q] + x[xr + g * u + q] + bias[g * u + q];
                    }
                }
            }
            rec.apply(p, pb, nu);
            rec.apply(p, pb + gs, nu);
            if (!after) {
                // The reset gate scales the state before its product with U_h: a second GEMM.
                for (int i = 0; i < n; i++) {
                    int hr = hinOff + i * r.hinW + hBlock * u;
                    for (int q = 0; q < u; q++) {
                        rh[rho + i * u + q] = p[pb + gs + i * u + q] * buf[hr + q];
                    }
                }
                Kernels.gemm().sgemm(false, false, n, u, u, 1f, rh, rho, u, kern, ko + 2 * u, w, 0f, z, 2 * u, w);
            }
            for (int i = 0; i < n; i++) {
                int xr = inputs.projectedRow(b0 + i, t) + 2 * u;
                int ph = pb + 2 * gs + i * u;
                int pr = pb + gs + i * u;
                if (after) {
                    int ro = rho + i * u;
                    for (int q = 0; q < u; q++) {
                        p[ph + q] = x[xr + q] + bias[2 * u + q] + p[pr + q] * rh[ro + q];
                    }
                } else {
                    int zr = i * w + 2 * u;
                    for (int q = 0; q < u; q++) {
                        p[ph + q] = x[xr + q] + bias[2 * u + q] + z[zr + q];
                    }
                }
            }
            act.apply(p, pb + 2 * gs, nu);
            for (int j = 0; j < nu; j++) {
                float zg = p[pb + j];
                hn[j] = zg * h[j] + (1f - zg) * p[pb + 2 * gs + j];
            }
            if (r.mask == null) {
                System.arraycopy(hn, 0, h, 0, nu);
                System.arraycopy(hn, 0, o, 0, nu);
            } else {
                for (int i = 0; i < n; i++) {
                    int ri = i * u;
                    if (r.kept(b0 + i, t)) {
                        System.arraycopy(hn, ri, h, ri, u);
                        System.arraycopy(hn, ri, o, ri, u);
                    } else if (r.spec.zeroOutputForMask()) {
                        java.util.Arrays.fill(o, ri, ri + u, 0f);
                    }
                }
            }
            if (tape != null) {
                System.arraycopy(h, 0, tape.state, r.tm(t, b0, u), nu);
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
        }
    }
}
