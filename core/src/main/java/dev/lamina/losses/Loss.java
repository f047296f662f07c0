package dev.lamina.losses;

import dev.lamina.tensor.DType;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras loss: a per-sample function of {@code (y_true, y_pred)} plus Keras's
 * {@code Loss.__call__} reduction, composed only from differentiable tensor ops so the gradient
 * comes from autograd.
 *
 * <p>{@link #call(Tensor, Tensor, Tensor)} follows {@code keras/src/losses/loss.py}:
 * <ol>
 *   <li>{@code y_pred} (and, except for sparse labels, {@code y_true}) become float32, and the
 *       two are squeezed or expanded by one trailing axis of size 1 to the same rank
 *       ({@link #squeezeOrExpandToSameRank}). Element-wise losses then require equal shapes
 *       (Keras would silently broadcast a mismatch; here it is an error).</li>
 *   <li>{@link #perSample} computes one value per sample (usually a mean over the last axis), so
 *       its shape is {@code y_pred}'s without the last axis: {@code (batch,)} or
 *       {@code (batch, steps)}.</li>
 *   <li>{@link #reduceWeightedValues}: a validity mask (sparse crossentropy's
 *       {@code ignore_class}) and the sample weights multiply the values, then the
 *       {@link Reduction} reduces them. With the default {@code sum_over_batch_size} the divisor
 *       is the element count of the per-sample tensor; sample weights do <em>not</em> change it
 *       (a weight of 0 still counts in the denominator), except that masked entries are left out
 *       of it.</li>
 * </ol>
 */
public abstract class Loss {
    /** Keras's {@code backend.epsilon()}: the clip for probabilities and divisors. */
    public static final float EPSILON = 1e-7f;

    private final String name;
    private final Reduction reduction;

    protected Loss(String name, Reduction reduction) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name must be a non-empty string");
        }
        if (reduction == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + name
                    + "': reduction must not be null; use Reduction.NONE for no reduction");
        }
        this.name = name;
        this.reduction = reduction;
    }

    /** The name used in logs and configs, e.g. {@code "categorical_crossentropy"}. */
    public final String name() {
        return name;
    }

    public final Reduction reduction() {
        return reduction;
    }

    /** The Keras class name used for serialization, e.g. {@code "CategoricalCrossentropy"}. */
    public abstract String className();

    /** The loss for one batch without sample weights; see {@link #call(Tensor, Tensor, Tensor)}. */
    public final Tensor call(Tensor yTrue, Tensor yPred) {
        return call(yTrue, yPred, null);
    }

    /**
     * The reduced loss: a scalar, or the weighted per-sample tensor for {@link Reduction#NONE}.
     *
     * @param sampleWeight null, a scalar, {@code (batch,)}, or any shape that lines up with the
     *     per-sample values from the leading axis (e.g. {@code (batch, steps)} for sequences)
     */
    public Tensor call(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor values = perSample(yTrue, yPred);
        Tensor mask = validMask(yTrue, yPred);
        return reduceWeightedValues(values, sampleWeight, mask, reduction, describe());
    }

    /**
     * The reduced loss where {@code yPred} carries a Keras mask (timesteps masked by
     * {@code Embedding(mask_zero)} or {@code Masking}): masked entries are left out of the sum and
     * of the divisor, as Keras folds {@code y_pred}'s mask into the sample weights.
     */
    public Tensor call(Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor predMask) {
        if (predMask == null) {
            return call(yTrue, yPred, sampleWeight);
        }
        Tensor values = perSample(yTrue, yPred);
        Tensor mask = predMask.cast(DType.FLOAT32);
        Tensor valid = validMask(yTrue, yPred);
        if (valid != null) {
            mask = mask.mul(valid.cast(DType.FLOAT32));
        }
        if (mask.rank() > values.rank()) {
            throw new ShapeException(describe() + ": mask shape " + Shapes.str(predMask.shape())
                    + " does not fit the per-sample loss shape " + Shapes.str(values.shape()));
        }
        return reduceWeightedValues(values, sampleWeight, mask, reduction, describe());
    }

    /**
     * The unreduced, unweighted loss per sample (Keras's loss function, e.g.
     * {@code keras.losses.mean_squared_error}); what metrics average.
     */
    public final Tensor perSample(Tensor yTrue, Tensor yPred) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException(describe() + ": y_true and y_pred must not be null");
        }
        if (yPred.rank() == 0) {
            throw new ShapeException(describe() + ": y_pred must have a batch axis, got a scalar");
        }
        Tensor pred = yPred.cast(DType.FLOAT32);
        Tensor truth = sparseLabels() ? yTrue : yTrue.cast(DType.FLOAT32);
        Tensor[] p = squeezeOrExpandToSameRank(truth, pred, true);
        if (!sparseLabels() && !Shapes.same(p[0].shape(), p[1].shape())) {
            throw new ShapeException(describe() + ": y_true shape " + Shapes.str(yTrue.shape())
                    + " does not match y_pred shape " + Shapes.str(yPred.shape()));
        }
        return compute(p[0], p[1]);
    }

    /**
     * Which per-sample entries count (1) and which are left out (0), or null when all count.
     * Only {@link SparseCategoricalCrossentropy} with {@code ignore_class} masks.
     */
    public Tensor validMask(Tensor yTrue, Tensor yPred) {
        return null;
    }

    /**
     * The per-sample values for inputs already brought to the same rank (and, unless
     * {@link #sparseLabels()}, the same shape); float32 except sparse labels.
     */
    protected abstract Tensor compute(Tensor yTrue, Tensor yPred);

    /** True when {@code y_true} holds class indices rather than one value per prediction. */
    protected boolean sparseLabels() {
        return false;
    }

    /** Keras's {@code get_config()}: name, reduction, then the loss's own arguments. */
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", reduction.kerasName());
        addConfig(config);
        return config;
    }

    /** Adds the loss's own constructor arguments (snake_case keys) after name and reduction. */
    protected void addConfig(Map<String, Object> config) {}

    /** The Keras serialization dict: {@code module, class_name, config, registered_name}. */
    public final Map<String, Object> serialize() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.losses");
        out.put("class_name", className());
        out.put("config", config());
        out.put("registered_name", null);
        return out;
    }

    /** "Loss 'name' (ClassName)", the prefix of every error this loss raises. */
    protected final String describe() {
        return "Loss '" + name + "' (" + className() + ")";
    }

    @Override
    public String toString() {
        return className() + config();
    }

    // ---------------------------------------------------------------- Keras's loss utilities

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank}: when the ranks differ by one and the longer
     * tensor ends in an axis of size 1, that axis is dropped, or (when the shorter one has rank 1
     * and {@code expandRank1}) the shorter one gains a trailing axis. Otherwise unchanged.
     */
    public static Tensor[] squeezeOrExpandToSameRank(Tensor x1, Tensor x2, boolean expandRank1) {
        int r1 = x1.rank();
        int r2 = x2.rank();
        if (r1 == r2 + 1 && x1.dim(-1) == 1) {
            if (r2 == 1 && expandRank1) {
                x2 = x2.reshape(Shapes.concat(x2.shape(), 1));
            } else {
                x1 = squeezeLast(x1);
            }
        } else if (r2 == r1 + 1 && x2.dim(-1) == 1) {
            if (r1 == 1 && expandRank1) {
                x1 = x1.reshape(Shapes.concat(x1.shape(), 1));
            } else {
                x2 = squeezeLast(x2);
            }
        }
        return new Tensor[] {x1, x2};
    }

    private static Tensor squeezeLast(Tensor x) {
        int[] s = x.shape();
        return x.reshape(Arrays.copyOf(s, s.length - 1));
    }

    /**
     * Keras's {@code reduce_weighted_values}: folds {@code mask} into the sample weights (for
     * {@code sum_over_batch_size}/{@code mean} the mask is scaled by total/valid, so the divisor
     * becomes the number of valid entries), multiplies the values by the weights and reduces.
     *
     * @param who names the caller in error messages
     */
    public static Tensor reduceWeightedValues(Tensor values, Tensor sampleWeight, Tensor mask,
                                              Reduction reduction, String who) {
        Tensor sw = sampleWeight == null ? null : sampleWeight.cast(DType.FLOAT32);
        if (mask != null) {
            Tensor m = mask.cast(DType.FLOAT32);
            if (reduction == Reduction.SUM_OVER_BATCH_SIZE || reduction == Reduction.MEAN) {
                float valid = m.detach().sum().item();
                if (valid > 0f) {
                    m = m.mul((float) m.size() / valid);
                }
            }
            if (sw != null) {
                Tensor[] p = squeezeOrExpandToSameRank(m, sw, true);
                sw = p[1].mul(p[0]);
            } else {
                sw = m;
            }
        }
        if (sw != null) {
            Tensor[] p = squeezeOrExpandToSameRank(values, sw, true);
            values = p[0];
            sw = SampleWeights.align(p[1], values.shape(), who);
            values = values.mul(sw);
        }
        return reduceValues(values, sw, reduction);
    }

    /** Keras's {@code reduce_values}; an empty batch reduces to 0 rather than NaN. */
    static Tensor reduceValues(Tensor values, Tensor sampleWeight, Reduction reduction) {
        if (reduction == Reduction.NONE || values.rank() == 0) {
            return values;
        }
        Tensor sum = values.sum();
        return switch (reduction) {
            case SUM -> sum;
            case MEAN_WITH_SAMPLE_WEIGHT -> sampleWeight != null
                    ? divideNoNan(sum, sampleWeight.sum())
                    : divideNoNan(sum, Tensor.scalar(values.size()));
            case SUM_OVER_BATCH_SIZE, MEAN -> divideNoNan(sum, Tensor.scalar(values.size()));
            case NONE -> values;
        };
    }

    /** a / b, or 0 (still connected to a, with zero gradient) where b is 0: Keras's divide_no_nan. */
    private static Tensor divideNoNan(Tensor a, Tensor b) {
        return b.detach().item() == 0f ? a.mul(0f) : a.div(b);
    }
}
