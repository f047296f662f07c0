package dev.lamina.ops;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused Dense body act(x @ kernel + bias): values by hand, against the composition, gradients. */
class LinearTest {
    /** x [rows, k] (rows = all leading axes) @ kernel [k, n] + bias, through relu, in double. */
    private static double[] ref(double[] x, double[] w, double[] b, int k, int n, boolean relu) {
        int rows = x.length / k;
        double[] y = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                double s = b == null ? 0 : b[j];
                for (int p = 0; p < k; p++) {
                    s += x[r * k + p] * w[p * n + j];
                }
                y[r * n + j] = relu ? Math.max(s, 0) : s;
            }
        }
        return y;
    }

    @Test
    void gradientsForInputKernelAndBias() {
        for (boolean relu : new boolean[] {false, true}) {
            for (int[] xs : new int[][] {{3, 5}, {2, 3, 5}, {1, 5}}) {
                check("linear" + (relu ? "+relu " : " ") + java.util.Arrays.toString(xs),
                        t -> Linear.linear(t[0], t[1], t[2], relu), d -> ref(d[0], d[1], d[2], 5, 4, relu),
                        rand(xs.length * 3L + xs[0], xs), rand(7, 5, 4), rand(8, 4));
            }
            check("linear without bias" + (relu ? "+relu" : ""), t -> Linear.linear(t[0], t[1], null, relu),
                    d -> ref(d[0], d[1], null, 5, 70, relu), rand(9, 1, 5), rand(10, 5, 70));
        }
    }

    @Test
    void valuesByHandAndAgainstTheComposition() {
        // [1, 2] @ [[1, -1], [1, 1]] + [0.5, -2] = [3.5, -1]; relu -> [3.5, 0].
        Tensor x = Tensor.of(new float[][] {{1, 2}});
        Tensor w = Tensor.of(new float[][] {{1, -1}, {1, 1}});
        Tensor b = Tensor.of(new float[] {0.5f, -2f});
        assertArrayEquals(new float[] {3.5f, -1f}, Linear.linear(x, w, b, false).toFloatArray());
        assertArrayEquals(new float[] {3.5f, 0f}, Linear.linear(x, w, b, true).toFloatArray());
        // A single row wide enough for the GEMV path, and a batch through the GEMM.
        for (int rows : new int[] {1, 7}) {
            Tensor xs = rand(rows, rows, 33);
            Tensor ws = rand(2, 33, 80);
            Tensor bs = rand(3, 80);
            assertArrayEquals(xs.matmul(ws).add(bs).relu().toFloatArray(), Linear.linear(xs, ws, bs, true).toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void shapeMismatchIsReported() {
        assertThrows(ShapeException.class, () -> Linear.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 5), null, false));
        assertThrows(ShapeException.class, () -> Linear.linear(Tensor.zeros(2, 4), Tensor.zeros(4, 5), Tensor.zeros(4), false));
    }
}
