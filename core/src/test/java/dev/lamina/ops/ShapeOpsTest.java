package dev.lamina.ops;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.Nd;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeOpsTest {
    @Test
    void viewsShareStorage() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertSame(x.data(), x.transpose().data());
        assertSame(x.data(), x.slice(new int[] {0, 1}, new int[] {2, 3}).data());
        assertFalse(x.transpose().isContiguous());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.transpose().toFloatArray());
        assertArrayEquals(new float[] {1, 2, 4, 5}, x.slice(new int[] {0, 1}, new int[] {2, 3}).toFloatArray());
        assertArrayEquals(new int[] {3, 2}, x.reshape(-1, 2).shape());
    }

    @Test
    void reshapeErrors() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertTrue(e.getMessage().contains("reshape") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }

    @Test
    void gradients() {
        check("reshape", x -> x[0].reshape(3, 2), d -> d[0], rand(1, 2, 3));
        check("reshape of view", x -> x[0].transpose().reshape(6),
                d -> Nd.permute(d[0], new int[] {2, 3}, new int[] {1, 0}), rand(2, 2, 3));
        check("permute", x -> x[0].permute(2, 0, 1), d -> Nd.permute(d[0], new int[] {2, 3, 4}, new int[] {2, 0, 1}),
                rand(3, 2, 3, 4));
        check("broadcastTo", x -> x[0].broadcastTo(2, 3), d -> new double[] {d[0][0], d[0][1], d[0][2], d[0][0], d[0][1], d[0][2]},
                rand(4, 3));
        check("slice", x -> x[0].slice(new int[] {1, 0}, new int[] {3, 2}), d -> new double[] {d[0][3], d[0][4], d[0][6], d[0][7]},
                rand(5, 3, 3));
        check("pad", x -> ShapeOps.pad(x[0], new int[][] {{1, 0}, {0, 2}}, 0f),
                d -> new double[] {0, 0, 0, 0, d[0][0], d[0][1], 0, 0, d[0][2], d[0][3], 0, 0}, rand(6, 2, 2));
        check("concat", x -> ShapeOps.concat(List.of(x[0], x[1]), 1),
                d -> new double[] {d[0][0], d[1][0], d[1][1], d[0][1], d[1][2], d[1][3]}, rand(7, 2, 1), rand(8, 2, 2));
        check("stack", x -> ShapeOps.stack(List.of(x[0], x[1]), 0),
                d -> new double[] {d[0][0], d[0][1], d[1][0], d[1][1]}, rand(9, 2), rand(10, 2));
        check("split", x -> ShapeOps.split(x[0], 0, 1, 2).get(1), d -> new double[] {d[0][1], d[0][2]}, rand(11, 3));
    }

    @Test
    void padValueAndConcatByHand() {
        Tensor p = ShapeOps.pad(Tensor.of(new float[] {1, 2}), new int[][] {{1, 1}}, -1f);
        assertArrayEquals(new float[] {-1, 1, 2, -1}, p.toFloatArray());
        Tensor c = ShapeOps.concat(List.of(Tensor.of(new float[] {1, 2}, 1, 2), Tensor.of(new float[] {3, 4}, 1, 2)), 0);
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, c.toFloatArray());
        // A middle axis, with a view (transposed, offset) among the inputs.
        Tensor a = Tensor.arange(12).reshape(2, 2, 3);
        Tensor b = Tensor.arange(24).reshape(2, 3, 4).slice(new int[] {0, 0, 1}, new int[] {2, 3, 4})
                .permute(0, 2, 1).slice(new int[] {0, 0, 0}, new int[] {2, 1, 3}); // (2, 1, 3)
        Tensor m = ShapeOps.concat(List.of(a, b, a), 1);
        assertArrayEquals(new int[] {2, 5, 3}, m.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 1, 5, 9, 0, 1, 2, 3, 4, 5,
            6, 7, 8, 9, 10, 11, 13, 17, 21, 6, 7, 8, 9, 10, 11}, m.toFloatArray());
        ShapeException e = assertThrows(ShapeException.class,
                () -> ShapeOps.concat(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 3)), 1));
        assertTrue(e.getMessage().contains("concatenate"), e.getMessage());
    }
}
