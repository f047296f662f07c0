package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PointwiseKernels} on 256-bit lanes, split between threads for large arrays. The relu
 * gradient is a compare and a blend (C2 does not vectorize {@code out > 0 ? g : 0}: 1.5 GB/s);
 * column sums keep per-thread partial sums, added in thread order, so a fixed thread count
 * gives fixed results.
 */
public final class VectorPointwise implements PointwiseKernels {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Elements per thread below which splitting costs more than it saves. */
    private static final int GRAIN = 1 << 15;
    private static final ScalarPointwise TAIL = new ScalarPointwise();

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            int i = from;
            for (; i <= to - L; i += L) {
                FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(y, yOff + i);
            }
            TAIL.relu(x, xOff + i, y, yOff + i, to - i);
        });
    }

    @Override
    public void reluGrad(float[] g, int gOff, float[] out, int outOff, float[] d, int dOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            FloatVector zero = FloatVector.zero(S);
            int i = from;
            for (; i <= to - L; i += L) {
                FloatVector o = FloatVector.fromArray(S, out, outOff + i);
                zero.blend(FloatVector.fromArray(S, g, gOff + i), o.compare(VectorOperators.GT, 0f)).intoArray(d, dOff + i);
            }
            TAIL.reluGrad(g, gOff + i, out, outOff + i, d, dOff + i, to - i);
        });
    }

    @Override
    public void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            int i = from;
            for (; i <= to - L; i += L) {
                FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
            }
            TAIL.add(a, aOff + i, b, bOff + i, out, outOff + i, to - i);
        });
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (from, to) -> {
            int i = from;
            for (; i <= to - L; i += L) {
                FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
            }
            TAIL.mul(a, aOff + i, b, bOff + i, out, outOff + i, to - i);
        });
    }

    @Override
    public void addRow(float[] x, int xOff, float[] b, int bOff, float[] y, int yOff, int rows, int cols) {
        int grain = Math.max(1, GRAIN / Math.max(1, cols));
        Parallel.forRange(rows, grain, (r0, r1) -> {
            int cv = cols - cols % L;
            for (int r = r0; r < r1; r++) {
                int xr = xOff + r * cols, yr = yOff + r * cols;
                int c = 0;
                for (; c < cv; c += L) {
                    FloatVector.fromArray(S, x, xr + c).add(FloatVector.fromArray(S, b, bOff + c)).intoArray(y, yr + c);
                }
                for (; c < cols; c++) {
                    y[yr + c] = x[xr + c] + b[bOff + c];
                }
            }
        });
    }

    @Override
    public void maskedColumnSums(float[] g, int gOff, float[] out, int outOff, float[] d, int rows, int cols, float[] sums) {
        long n = (long) rows * cols;
        int chunks = (int) Math.max(1, Math.min(Parallel.threads(), n / GRAIN));
        float[][] partial = new float[chunks][];
        Parallel.forRange(chunks, (c0, c1) -> {
            for (int ci = c0; ci < c1; ci++) {
                int r0 = (int) ((long) ci * rows / chunks), r1 = (int) ((long) (ci + 1) * rows / chunks);
                partial[ci] = columnSums(g, gOff, out, outOff, d, cols, r0, r1);
            }
        });
        System.arraycopy(partial[0], 0, sums, 0, cols);
        for (int ci = 1; ci < chunks; ci++) {
            for (int c = 0; c < cols; c++) {
                sums[c] += partial[ci][c];
            }
        }
    }

    /** Rows [r0, r1) summed row by row (each row one sequential read), into a new array. */
    private static float[] columnSums(float[] g, int gOff, float[] out, int outOff, float[] d, int cols, int r0, int r1) {
        float[] acc = new float[cols];
        int cv = cols - cols % L;
        FloatVector zero = FloatVector.zero(S);
        for (int r = r0; r < r1; r++) {
            int row = r * cols;
            int c = 0;
            for (; c < cv; c += L) {
                FloatVector v = FloatVector.fromArray(S, g, gOff + row + c);
                if (out != null) {
                    v = zero.blend(v, FloatVector.fromArray(S, out, outOff + row + c).compare(VectorOperators.GT, 0f));
                    v.intoArray(d, row + c);
                }
                FloatVector.fromArray(S, acc, c).add(v).intoArray(acc, c);
            }
            for (; c < cols; c++) {
                float v = g[gOff + row + c];
                if (out != null) {
                    v = out[outOff + row + c] > 0f ? v : 0f;
                    d[row + c] = v;
                }
                acc[c] += v;
            }
        }
        return acc;
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
