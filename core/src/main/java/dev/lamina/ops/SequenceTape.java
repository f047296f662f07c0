package dev.lamina.ops;

/**
 * What a fused recurrent forward pass saves for its backward pass, time-major and indexed by
 * input time, so that a step's rows for a batch chunk are one contiguous block:
 *
 * <ul>
 * <li>{@code act}: gate-major {@code [T, gates, B, u]}: the activated gates of each step (and,
 *     for LSTM, the activated cell);
 * <li>{@code hin}: the step buffer {@code [T, B, hinW]}: the state that entered the recurrent
 *     product (after recurrent dropout, one block per dropout mask), then the step's raw inputs
 *     when the op got them (see {@link Recurrence});
 * <li>{@code state}: {@code [T, B, u]}, the carried state after the step (LSTM: c; GRU: h);
 * <li>{@code aux}: GRU only, {@code [T, B, u]}: {@code h U_h + b} (reset after) or {@code r * h}
 *     (reset before).
 * </ul>
 * The arrays come from the {@link BufferPool} and go back to it after the backward pass, which
 * therefore may run only once: a second backward over the same forward fails loudly.
 */
public final class SequenceTape {
    final float[] act;
    final float[] hin;
    final float[] state;
    final float[] aux;
    /** Where the optional inputs sit in the op's input list (-1 when absent). */
    int biasIndex = -1;
    int kernelIndex = -1;
    private boolean released;

    SequenceTape(float[] act, float[] hin, float[] state, float[] aux) {
        this.act = act;
        this.hin = hin;
        this.state = state;
        this.aux = aux;
    }

    /** Fails when the buffers were already handed back. */
    void checkLive(String op) {
        if (released) {
            throw new IllegalStateException(op + ": backward ran a second time over the same forward pass; its saved"
                    + " activations are freed after the first backward. Run the forward pass again.");
        }
    }

    /** Returns the buffers to the pool. */
    void release() {
        if (!released) {
            released = true;
            BufferPool.give(act, hin, state, aux);
        }
    }
}
