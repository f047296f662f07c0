package dev.lamina.kernels;

/** Sigmoid and tanh with {@link Math}: the reference, and the path without the Vector API. */
final class ScalarTranscendentals implements Transcendentals {
    @Override
    public void sigmoid(float[] x, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            x[i] = sigmoid(x[i]);
        }
    }

    @Override
    public void tanh(float[] x, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            x[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public float expShiftSum(float[] src, int sOff, float shift, float[] dst, int dOff, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            float e = (float) Math.exp(src[sOff + i] - shift);
            dst[dOff + i] = e;
            sum += e;
        }
        return (float) sum;
    }

    /** 1 / (1 + e^-v); for v < -88 e^-v overflows to infinity and the result is 0, as it should. */
    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    @Override
    public String name() {
        return "scalar";
    }
}
