package dev.lamina.kernels;

/** Plain-Java {@link Gemv}: the reference, and the fallback without the Vector API. */
public final class ScalarGemv implements Gemv {
    @Override
    public void gemv(int n, int k, float[] a, int aOff, float[] b, int bOff, int ldb, float[] c, int cOff) {
        for (int j = 0; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s += a[aOff + p] * b[bOff + p * ldb + j];
            }
            c[cOff + j] = s;
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
