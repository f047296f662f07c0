package dev.lamina.ops;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.autograd.GradMode;
import dev.lamina.autograd.Op;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Convolution#conv2dMaxPool}: a relu 1x1 conv and the max pooling of its output as one op. */
class ConvolutionMaxPoolTest {
    private static final PoolSpec TWO = new PoolSpec(2, 2, 2, 2, "valid");

    /** relu(conv(x, k) + b) pooled, in double: the definition. */
    private static double[] reference(double[][] d, int[] xs, int[] ks, PoolSpec pool) {
        int cout = ks[3];
        double[] y = ConvolutionTest.refConv(d[0], xs, d[1], ks, ConvSpec.of("valid"), false);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0, y[i] + d[2][i % cout]);
        }
        return PoolingTest.refPool(y, new int[] {xs[0], xs[1], xs[2], cout}, pool, true);
    }

    private static void gradients(String name, int[] xs, int[] ks, PoolSpec pool) {
        check("conv2d_max_pool " + name, t -> Convolution.conv2dMaxPool(t[0], t[1], t[2], ConvSpec.of("valid"), pool),
                d -> reference(d, xs, ks, pool), rand(xs[1] * 7L + xs[3], xs), rand(ks[3] * 5L, ks), rand(ks[3] * 3L, ks[3]));
    }

    @Test
    void gradientsOfTheFoldedAndTheGeneralPaths() {
        // Two vectors of output channels over rows of six or more: the kernels pool band by band
        // (on AVX-512); odd images, other tiling windows and "same" windows take the general path.
        gradients("2x2 band", new int[] {2, 4, 6, 8}, new int[] {1, 1, 8, 32}, TWO);
        gradients("2x2 odd image", new int[] {1, 5, 7, 8}, new int[] {1, 1, 8, 32}, TWO);
        gradients("3 channels out", new int[] {2, 4, 4, 3}, new int[] {1, 1, 3, 3}, TWO);
        gradients("3x3 windows", new int[] {1, 6, 6, 4}, new int[] {1, 1, 4, 5}, new PoolSpec(3, 3, 3, 3, "valid"));
        gradients("same windows", new int[] {1, 5, 5, 4}, new int[] {1, 1, 4, 6}, new PoolSpec(2, 2, 2, 2, "same"));
    }

    @Test
    void equalsTheTwoOpsAndRecordsOneOnlyForAGradient() {
        Tensor x = rand(1, 3, 8, 10, 16), k = rand(2, 1, 1, 16, 64), b = rand(3, 64);
        float[] apart = Pooling.maxPool2d(Convolution.conv2d(x, k, b, ConvSpec.of("valid"), true), TWO).toFloatArray();
        Tensor folded;
        try (var ignored = GradMode.noGrad()) {
            folded = Convolution.conv2dMaxPool(x, k.requiresGrad(true), b, ConvSpec.of("valid"), TWO);
        }
        assertArrayEquals(apart, folded.toFloatArray(), 1e-5f);
        assertNull(folded.op(), "inference records nothing (and keeps no winners)");
        Tensor trained = Convolution.conv2dMaxPool(x, k, b, ConvSpec.of("valid"), TWO);
        assertTrue(trained.op() instanceof Op.MaxPooledConv2D, String.valueOf(trained.op()));
        assertArrayEquals(apart, trained.toFloatArray(), 1e-5f);
    }

    @Test
    void aFrozenKernelStillGivesTheInputItsGradient() {
        // The fused rule computes the kernel gradient anyway; the engine drops it.
        Tensor k = rand(2, 1, 1, 16, 32), b = rand(3, 32), w = rand(4, 2, 3, 4, 32);
        Tensor x1 = rand(1, 2, 6, 8, 16).requiresGrad(true), x2 = rand(1, 2, 6, 8, 16).requiresGrad(true);
        Convolution.conv2dMaxPool(x1, k, b, ConvSpec.of("valid"), TWO).mul(w).sum().backward();
        Pooling.maxPool2d(Convolution.conv2d(x2, k, b, ConvSpec.of("valid"), true), TWO).mul(w).sum().backward();
        assertArrayEquals(x2.grad().toFloatArray(), x1.grad().toFloatArray(), 1e-5f);
        assertNull(k.grad(), "no gradient for a kernel that wants none");
    }

    @Test
    void onlyTiledPoolingsOfRelu1x1ConvolutionsFold() {
        int[] x = {2, 8, 8, 16};
        assertFalse(Convolution.foldsMaxPool(x, new int[] {1, 1, 16, 32}, ConvSpec.of("valid"), false, TWO), "no relu");
        assertFalse(Convolution.foldsMaxPool(x, new int[] {3, 3, 16, 32}, ConvSpec.of("same"), true, TWO), "3x3");
        assertFalse(Convolution.foldsMaxPool(x, new int[] {1, 1, 16, 32}, new ConvSpec(2, 2, 1, 1, "valid", 1), true, TWO),
                "strided");
        assertFalse(Convolution.foldsMaxPool(x, new int[] {1, 1, 16, 32}, ConvSpec.of("valid"), true,
                new PoolSpec(3, 3, 2, 2, "valid")), "overlapping windows");
        assertFalse(Convolution.foldsMaxPool(x, new int[] {1, 1, 8, 32}, ConvSpec.of("valid"), true, TWO),
                "channel mismatch: the layers run apart and report it");
        ShapeException e = assertThrows(ShapeException.class, () -> Convolution.conv2dMaxPool(rand(1, x),
                rand(2, 3, 3, 16, 32), null, ConvSpec.of("same"), TWO));
        assertTrue(e.getMessage().contains("conv2d_max_pool") && e.getMessage().contains("(3, 3, 16, 32)"), e.getMessage());
    }
}
