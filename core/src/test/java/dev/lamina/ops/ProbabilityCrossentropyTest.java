package dev.lamina.ops;

import static dev.lamina.testing.GradCheck.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fused probability crossentropy against the same formula composed of single ops (which has
 * its own numeric gradient checks): values and both gradients, with clipped entries, unnormalised
 * rows, smoothed (dense) targets and a rank-3 input.
 */
class ProbabilityCrossentropyTest {
    static final float EPS = 1e-7f;

    private static Tensor composed(Tensor y, Tensor p) {
        return y.mul(p.div(p.sum(new int[] {-1}, true)).clip(EPS, 1f - EPS).log()).sum(-1).neg();
    }

    private static void compare(float[] y, float[] p, int... shape) {
        Tensor y1 = Tensor.of(y, shape).requiresGrad(true);
        Tensor p1 = Tensor.of(p, shape).requiresGrad(true);
        Tensor y2 = Tensor.of(y, shape).requiresGrad(true);
        Tensor p2 = Tensor.of(p, shape).requiresGrad(true);
        Tensor fused = ProbabilityCrossentropy.apply(y1, p1, EPS);
        Tensor ref = composed(y2, p2);
        assertClose(ref.toFloatArray(), fused.toFloatArray(), 1e-5, "loss");
        // A non-uniform upstream gradient, as a weighted mean gives.
        Tensor w = Tensor.randomUniform(3, 0.5f, 2f, fused.shape());
        fused.mul(w).sum().backward();
        ref.mul(w).sum().backward();
        assertClose(p2.grad().toFloatArray(), p1.grad().toFloatArray(), 1e-4, "d probabilities");
        assertClose(y2.grad().toFloatArray(), y1.grad().toFloatArray(), 1e-4, "d target");
    }

    @Test
    void oneHotTargetsWithClippedEntries() {
        // Row 0 has a probability below eps and one above 1 - eps after renormalising (row 1).
        float[] p = {1e-9f, 0.3f, 0.7f, 0.2f, 2e-9f, 1f - 1e-9f, 0.1f, 0.2f, 0.3f, 0.25f, 0.25f, 0.5f};
        float[] y = {1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1};
        compare(y, new float[] {1e-9f, 0.3f, 0.7f, 2e-9f, 1f, 0f, 0.1f, 0.2f, 0.3f, 0.25f, 0.25f, 0.5f}, 4, 3);
        compare(y, p, 2, 2, 3);
    }

    @Test
    void denseTargetsAndUnnormalisedRows() {
        Tensor p = Tensor.randomUniform(5, 0.01f, 2f, 5, 7);
        Tensor y = Tensor.randomUniform(6, 0f, 1f, 5, 7);
        compare(y.toFloatArray(), p.toFloatArray(), 5, 7);
    }

    @Test
    void mismatchedShapesAreReported() {
        assertThrows(ShapeException.class,
                () -> ProbabilityCrossentropy.apply(Tensor.zeros(2, 3), Tensor.zeros(2, 4), EPS));
    }
}
