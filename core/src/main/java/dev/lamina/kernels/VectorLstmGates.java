package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LstmGates} on {@code jdk.incubator.vector}: each row's u units go through in vectors
 * (sigmoid and tanh on the JDK's SIMD math routines), everything for a lane kept in registers
 * from the pre-activation sums to h'. Units past the last full vector use the scalar code.
 */
public final class VectorLstmGates implements LstmGates {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final ScalarLstmGates TAIL = new ScalarLstmGates();

    /** @throws UnsupportedOperationException on CPUs without 256-bit vectors (the scalar code is faster there) */
    public VectorLstmGates() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256) {
            throw new UnsupportedOperationException("VectorLstmGates needs 256-bit vectors; this CPU offers "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit");
        }
    }

    private static FloatVector sigmoid(FloatVector v, FloatVector one) {
        return one.div(v.neg().lanewise(VectorOperators.EXP).add(one));
    }

    @Override
    public void forward(int n, int u, float[] z, int zOff, float[] x, int xOff, int xStride, float[] bias, float[] c,
                        float[] act, int aOff, int gateStride, float[] cNew, float[] hNew) {
        int w = 4 * u;
        int full = S.loopBound(u);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int r = 0; r < n; r++) {
            int zr = zOff + r * w;
            int xr = xOff + r * xStride;
            int ar = aOff + r * u;
            int cr = r * u;
            for (int q = 0; q < full; q += S.length()) {
                FloatVector i = sigmoid(FloatVector.fromArray(S, z, zr + q).add(FloatVector.fromArray(S, x, xr + q))
                        .add(FloatVector.fromArray(S, bias, q)), one);
                FloatVector f = sigmoid(FloatVector.fromArray(S, z, zr + u + q).add(FloatVector.fromArray(S, x, xr + u + q))
                        .add(FloatVector.fromArray(S, bias, u + q)), one);
                FloatVector g = FloatVector.fromArray(S, z, zr + 2 * u + q).add(FloatVector.fromArray(S, x, xr + 2 * u + q))
                        .add(FloatVector.fromArray(S, bias, 2 * u + q)).lanewise(VectorOperators.TANH);
                FloatVector o = sigmoid(FloatVector.fromArray(S, z, zr + 3 * u + q)
                        .add(FloatVector.fromArray(S, x, xr + 3 * u + q)).add(FloatVector.fromArray(S, bias, 3 * u + q)), one);
                FloatVector cn = f.mul(FloatVector.fromArray(S, c, cr + q)).add(i.mul(g));
                FloatVector tc = cn.lanewise(VectorOperators.TANH);
                i.intoArray(act, ar + q);
                f.intoArray(act, ar + gateStride + q);
                g.intoArray(act, ar + 2 * gateStride + q);
                o.intoArray(act, ar + 3 * gateStride + q);
                tc.intoArray(act, ar + 4 * gateStride + q);
                cn.intoArray(cNew, cr + q);
                o.mul(tc).intoArray(hNew, cr + q);
            }
        }
        if (full < u) {
            forwardTail(n, u, full, z, zOff, x, xOff, xStride, bias, c, act, aOff, gateStride, cNew, hNew);
        }
    }

    /** Units [from, u) of every row, in scalar code. */
    private static void forwardTail(int n, int u, int from, float[] z, int zOff, float[] x, int xOff, int xStride,
                                    float[] bias, float[] c, float[] act, int aOff, int gateStride, float[] cNew,
                                    float[] hNew) {
        int w = 4 * u;
        for (int r = 0; r < n; r++) {
            for (int q = from; q < u; q++) {
                int zr = zOff + r * w;
                int xr = xOff + r * xStride;
                float i = ScalarTranscendentals.sigmoid(z[zr + q] + x[xr + q] + bias[q]);
                float f = ScalarTranscendentals.sigmoid(z[zr + u + q] + x[xr + u + q] + bias[u + q]);
                float g = (float) Math.tanh(z[zr + 2 * u + q] + x[xr + 2 * u + q] + bias[2 * u + q]);
                float o = ScalarTranscendentals.sigmoid(z[zr + 3 * u + q] + x[xr + 3 * u + q] + bias[3 * u + q]);
                float cn = f * c[r * u + q] + i * g;
                float tc = (float) Math.tanh(cn);
                int ar = aOff + r * u + q;
                act[ar] = i;
                act[ar + gateStride] = f;
                act[ar + 2 * gateStride] = g;
                act[ar + 3 * gateStride] = o;
                act[ar + 4 * gateStride] = tc;
                cNew[r * u + q] = cn;
                hNew[r * u + q] = o * tc;
            }
        }
    }

    @Override
    public void backwardRow(int u, float[] dhTotal, int dhOff, float[] dc, int dcOff, float[] act, int aOff,
                            int gateStride, float[] cPrev, int cpOff, float[] dz, int dzOff, float[] dBias) {
        int full = S.loopBound(u);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int q = 0; q < full; q += S.length()) {
            FloatVector i = FloatVector.fromArray(S, act, aOff + q);
            FloatVector f = FloatVector.fromArray(S, act, aOff + gateStride + q);
            FloatVector g = FloatVector.fromArray(S, act, aOff + 2 * gateStride + q);
            FloatVector o = FloatVector.fromArray(S, act, aOff + 3 * gateStride + q);
            FloatVector tc = FloatVector.fromArray(S, act, aOff + 4 * gateStride + q);
            FloatVector dh = FloatVector.fromArray(S, dhTotal, dhOff + q);
            FloatVector dcn = FloatVector.fromArray(S, dc, dcOff + q).add(dh.mul(o).mul(one.sub(tc.mul(tc))));
            FloatVector dzi = dcn.mul(g).mul(i).mul(one.sub(i));
            FloatVector dzf = dcn.mul(FloatVector.fromArray(S, cPrev, cpOff + q)).mul(f).mul(one.sub(f));
            FloatVector dzg = dcn.mul(i).mul(one.sub(g.mul(g)));
            FloatVector dzo = dh.mul(tc).mul(o).mul(one.sub(o));
            dzi.intoArray(dz, dzOff + q);
            dzf.intoArray(dz, dzOff + u + q);
            dzg.intoArray(dz, dzOff + 2 * u + q);
            dzo.intoArray(dz, dzOff + 3 * u + q);
            FloatVector.fromArray(S, dBias, q).add(dzi).intoArray(dBias, q);
            FloatVector.fromArray(S, dBias, u + q).add(dzf).intoArray(dBias, u + q);
            FloatVector.fromArray(S, dBias, 2 * u + q).add(dzg).intoArray(dBias, 2 * u + q);
            FloatVector.fromArray(S, dBias, 3 * u + q).add(dzo).intoArray(dBias, 3 * u + q);
            dcn.mul(f).intoArray(dc, dcOff + q);
        }
        if (full < u) {
            // The tail of the row: shift every row-relative offset by the vectorized units.
            tailBackward(u, full, dhTotal, dhOff, dc, dcOff, act, aOff, gateStride, cPrev, cpOff, dz, dzOff, dBias);
        }
    }

    private static void tailBackward(int u, int from, float[] dhTotal, int dhOff, float[] dc, int dcOff, float[] act,
                                     int aOff, int gateStride, float[] cPrev, int cpOff, float[] dz, int dzOff,
                                     float[] dBias) {
        for (int q = from; q < u; q++) {
            float i = act[aOff + q];
            float f = act[aOff + gateStride + q];
            float g = act[aOff + 2 * gateStride + q];
            float o = act[aOff + 3 * gateStride + q];
            float tc = act[aOff + 4 * gateStride + q];
            float dh = dhTotal[dhOff + q];
            float dcn = dc[dcOff + q] + dh * o * (1f - tc * tc);
            float dzi = dcn * g * i * (1f - i);
            float dzf = dcn * cPrev[cpOff + q] * f * (1f - f);
            float dzg = dcn * i * (1f - g * g);
            float dzo = dh * tc * o * (1f - o);
            dz[dzOff + q] = dzi;
            dz[dzOff + u + q] = dzf;
            dz[dzOff + 2 * u + q] = dzg;
            dz[dzOff + 3 * u + q] = dzo;
            dBias[q] += dzi;
            dBias[u + q] += dzf;
            dBias[2 * u + q] += dzg;
            dBias[3 * u + q] += dzo;
            dc[dcOff + q] = dcn * f;
        }
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }
}
