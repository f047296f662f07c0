package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sigmoid and tanh on {@code jdk.incubator.vector}: the lanewise {@code EXP} and {@code TANH}
 * operations compile to the JDK's SIMD math routines on x86, so a whole vector costs about what
 * one scalar {@link Math#exp} does. Tails shorter than a vector go through the scalar code.
 */
public final class VectorTranscendentals implements Transcendentals {
    private static final VectorSpecies<Float> S = VectorWidth.S;

    /**
     * @throws UnsupportedOperationException when the CPU has no 256-bit vectors: the Vector API
     *         would then emulate EXP and TANH in Java, slower than the scalar loop
     */
    public VectorTranscendentals() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256) {
            throw new UnsupportedOperationException("VectorTranscendentals needs 256-bit vectors; this CPU offers "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit");
        }
    }

    @Override
    public void sigmoid(float[] x, int off, int len) {
        int end = off + len;
        int i = off;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int bound = off + S.loopBound(len); i < bound; i += S.length()) {
            FloatVector e = FloatVector.fromArray(S, x, i).neg().lanewise(VectorOperators.EXP);
            one.div(e.add(1f)).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = ScalarTranscendentals.sigmoid(x[i]);
        }
    }

    @Override
    public void tanh(float[] x, int off, int len) {
        int end = off + len;
        int i = off;
        for (int bound = off + S.loopBound(len); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).lanewise(VectorOperators.TANH).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public float expShiftSum(float[] src, int sOff, float shift, float[] dst, int dOff, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            FloatVector e = FloatVector.fromArray(S, src, sOff + i).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(dst, dOff + i);
            acc = acc.add(e);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float e = (float) Math.exp(src[sOff + i] - shift);
            dst[dOff + i] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }
}
