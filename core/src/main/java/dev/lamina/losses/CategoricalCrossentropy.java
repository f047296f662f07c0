package dev.lamina.losses;

import dev.lamina.ops.ProbabilityCrossentropy;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Categorical crossentropy {@code -sum(y * log p, axis)} for one-hot (or soft) labels. Keras
 * {@code CategoricalCrossentropy}; identifier {@code "categorical_crossentropy"}.
 *
 * <ul>
 *   <li>Probabilities are renormalised to sum to 1 over {@code axis}, then clipped to
 *       [1e-7, 1 - 1e-7] before the log.</li>
 *   <li>{@code from_logits}: log-softmax over {@code axis}, no clipping.</li>
 *   <li>{@code label_smoothing} ls: {@code y (1 - ls) + ls / num_classes}, num_classes being
 *       the size of y_true's <em>last</em> axis (as Keras, whatever {@code axis} is).</li>
 * </ul>
 */
public final class CategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    public CategoricalCrossentropy() {
        this(false);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        this(fromLogits, labelSmoothing, -1, Reduction.SUM_OVER_BATCH_SIZE, "categorical_crossentropy");
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis, Reduction reduction,
                                   String name) {
        super(name, reduction);
        this.fromLogits = fromLogits;
        this.labelSmoothing = Crossentropy.checkSmoothing(labelSmoothing, "CategoricalCrossentropy", name);
        this.axis = axis;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    public int axis() {
        return axis;
    }

    @Override
    public String className() {
        return "CategoricalCrossentropy";
    }

    @Override
    protected Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor target = yTrue;
        if (labelSmoothing != 0) {
            float numClasses = yTrue.dim(-1);
            target = yTrue.mul((float) (1.0 - labelSmoothing)).add((float) labelSmoothing / numClasses);
        }
        if (!fromLogits && Crossentropy.lastAxis(axis, yPred) && Shapes.same(target.shape(), yPred.shape())) {
            return ProbabilityCrossentropy.apply(target, yPred, EPSILON);
        }
        return target.mul(Crossentropy.logProbabilities(yPred, fromLogits, axis)).sum(axis).neg();
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
    }
}
