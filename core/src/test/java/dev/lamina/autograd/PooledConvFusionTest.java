package dev.lamina.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lamina.ops.ConvSpec;
import dev.lamina.ops.Ops;
import dev.lamina.ops.PoolSpec;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A max pooling whose input only a relu 1x1 conv made takes both ops' gradients in one rule
 * ({@link Backward#pooledConv}); the gradients equal those of the two rules run apart.
 */
class PooledConvFusionTest {
    private static final PoolSpec POOL = new PoolSpec(2, 2, 2, 2, "valid");

    @Test
    void fusedGradientsEqualTheSeparateRules() {
        Tensor[] fused = gradients(false);
        Tensor[] apart = gradients(true);
        for (int i = 0; i < fused.length; i++) {
            assertArrayEquals(apart[i].toFloatArray(), fused[i].toFloatArray(), 1e-6f, "gradient " + i);
        }
    }

    /** x, kernel and bias gradients of sum(pool(relu(conv(x))) * w), with a second reader of the conv's output when asked. */
    private static Tensor[] gradients(boolean secondReader) {
        Tensor x = Tensor.randomUniform(1, -1, 1, 3, 9, 8, 16).requiresGrad(true);
        Tensor k = Tensor.randomUniform(2, -0.5f, 0.5f, 1, 1, 16, 32).requiresGrad(true);
        Tensor b = Tensor.randomUniform(3, -0.1f, 0.1f, 32).requiresGrad(true);
        Tensor w = Tensor.randomUniform(4, -1, 1, 3, 4, 4, 32);
        Tensor y = Ops.conv2d(x, k, b, ConvSpec.of("valid"), true);
        Tensor z = Ops.maxPool2d(y, POOL);
        Tensor loss = z.mul(w).sum();
        if (secondReader) {
            // Adds nothing to the gradient, but makes the conv's output read twice.
            loss = loss.add(y.sum().mul(Tensor.scalar(0f)));
        }
        var uses = Autograd.uses(Autograd.topologicalOrder(loss));
        if (secondReader) {
            assertNull(Backward.pooledConv(z, uses), "a conv output read twice keeps both rules");
        } else {
            assertSame(y, Backward.pooledConv(z, uses), "the pooling's gradient goes straight to the conv");
        }
        loss.backward();
        assertNotNull(x.grad());
        return new Tensor[] {x.grad(), k.grad(), b.grad()};
    }

    @Test
    void otherConvolutionsAndPoolingsKeepBothRules() {
        Tensor x = Tensor.randomUniform(5, -1, 1, 2, 8, 8, 16).requiresGrad(true);
        Tensor k1 = Tensor.randomUniform(6, -0.5f, 0.5f, 1, 1, 16, 16).requiresGrad(true);
        Tensor k3 = Tensor.randomUniform(7, -0.5f, 0.5f, 3, 3, 16, 16).requiresGrad(true);
        Tensor noRelu = Ops.maxPool2d(Ops.conv2d(x, k1, null, ConvSpec.of("valid"), false), POOL);
        Tensor threeByThree = Ops.maxPool2d(Ops.conv2d(x, k3, null, ConvSpec.of("same"), true), POOL);
        Tensor overlapping = Ops.maxPool2d(Ops.conv2d(x, k1, null, ConvSpec.of("valid"), true), new PoolSpec(3, 3, 2, 2, "valid"));
        Tensor frozen = Ops.maxPool2d(Ops.conv2d(x, k1.detach(), null, ConvSpec.of("valid"), true), POOL);
        for (Tensor z : new Tensor[] {noRelu, threeByThree, overlapping, frozen}) {
            assertNull(Backward.pooledConv(z, Autograd.uses(Autograd.topologicalOrder(z))), z.op().toString());
        }
    }
}
