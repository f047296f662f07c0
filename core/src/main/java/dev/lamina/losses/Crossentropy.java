package dev.lamina.losses;

import dev.lamina.tensor.Tensor;

/** The crossentropy kernels Keras keeps in {@code ops.nn}, shared by the three crossentropy losses. */
final class Crossentropy {
    private Crossentropy() {}

    /** Element-wise binary crossentropy, before the mean over the axis. */
    static Tensor binary(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing) {
        Tensor target = yTrue;
        if (labelSmoothing != 0) {
            target = yTrue.mul((float) (1.0 - labelSmoothing)).add((float) (0.5 * labelSmoothing));
        }
        if (fromLogits) {
            // -(y log sigmoid(x) + (1 - y) log sigmoid(-x)) = softplus(x) - x y
            return LossMath.softplus(yPred).sub(yPred.mul(target));
        }
        Tensor p = LossMath.clipProbabilities(yPred);
        Tensor positive = target.mul(p.log());
        Tensor negative = LossMath.oneMinus(target).mul(LossMath.oneMinus(p).log());
        return positive.add(negative).neg();
    }

    /**
     * log p over {@code axis}: log-softmax of logits, or the log of probabilities renormalised
     * over the axis and clipped to [eps, 1 - eps].
     */
    static Tensor logProbabilities(Tensor yPred, boolean fromLogits, int axis) {
        if (fromLogits) {
            return yPred.logSoftmax(axis);
        }
        Tensor normalised = yPred.div(yPred.sum(new int[] {axis}, true));
        return LossMath.clipProbabilities(normalised).log();
    }

    /** Whether {@code axis} is the last axis of {@code t} (rank >= 1). */
    static boolean lastAxis(int axis, Tensor t) {
        return t.rank() >= 1 && (axis == -1 || axis == t.rank() - 1);
    }

    static double checkSmoothing(double labelSmoothing, String cls, String name) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(cls + " '" + name + "': label_smoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        return labelSmoothing;
    }
}
