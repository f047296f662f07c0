package dev.lamina.kernels;

/**
 * 2-D convolutions in NHWC (see {@link ConvShape} for the layouts): the forward pass and the
 * gradients for input and kernel, single-group and depthwise. {@link Kernels#conv()} returns
 * the direct SIMD kernels when the Vector API is present, im2col + GEMM otherwise;
 * {@link ReferenceConv} is the obviously-correct oracle both are tested against.
 *
 * <p>Every method overwrites its whole output (old contents, NaNs included, are ignored) and
 * reads its inputs from the given offsets, all contiguous.
 */
public interface ConvKernels {
    /**
     * {@code y[n, ho, wo, cout] = act(conv(x[n, h, w, cin], k[kh, kw, cin, cout]) + bias)}, where
     * {@code bias} (from {@code bOff}) may be null and act is relu ({@code max(v, 0)}) or the identity.
     */
    void forward(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bias, int bOff, boolean relu,
                 float[] y, int yOff);

    /**
     * {@link #forward} for a training step, whose output feeds a loss and its gradients only: a
     * kernel may trade rounding for speed here (relative 5e-6 instead of 3e-7, as the gradients
     * already do), never in the forward pass predictions come from.
     */
    default void forwardTraining(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bias, int bOff,
                                 boolean relu, float[] y, int yOff) {
        forward(s, x, xOff, k, kOff, bias, bOff, relu, y, yOff);
    }

    /**
     * {@code y} = the max pooling {@code pool} ({@link PoolKernels} geometry over this layer's
     * output) of {@link #forward}'s output, and {@code argmax} (null when no gradient will be
     * taken) each winner's flat index into that output, as {@link PoolKernels#maxForward} gives
     * them. This default writes the output out and pools it; where {@link #fusesMaxPool} holds, a
     * fast kernel pools as it goes and the output never crosses memory.
     */
    default void forwardMaxPooled(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] bias, int bOff,
                                  boolean relu, ConvShape pool, float[] y, int[] argmax) {
        if (!PooledGradient.pools(pool, s)) {
            throw new IllegalArgumentException("conv forward: pooling " + pool + " does not read the output of " + s);
        }
        float[] out = new float[s.pixels() * s.cout()];
        forward(s, x, xOff, k, kOff, bias, bOff, relu, out, 0);
        Kernels.pool().maxForward(pool, out, 0, y, argmax);
    }

    /** Whether {@link #forwardMaxPooled} pools as it goes for this geometry (else the caller may as well run both ops). */
    default boolean fusesMaxPool(ConvShape s, ConvShape pool) {
        return false;
    }

    /** {@code dx[n, h, w, cin]}, the gradient of {@link #forward} for x given {@code dy[n, ho, wo, cout]}. */
    void backwardInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff);

    /** {@code dk[kh, kw, cin, cout]}, the gradient of {@link #forward} for the kernel. */
    void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dk, int dkOff);

    /**
     * The kernel gradient of a relu-fused {@link #forward} from its output {@code out}: as
     * {@link #backwardKernel} for dy zeroed where {@code out <= 0}; {@code db} (length cout, or
     * null) gets the bias gradient, the masked dy's sum over pixels. This default masks into a
     * temporary array; fast kernels mask as they read, so no masked copy crosses memory.
     */
    default void backwardKernelRelu(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff,
                                    float[] dk, int dkOff, float[] db) {
        int cout = s.cout();
        float[] m = reluMasked(s, dy, dyOff, out, outOff);
        if (db != null) {
            java.util.Arrays.fill(db, 0, cout, 0f);
            for (int i = 0; i < m.length; i++) {
                db[i % cout] += m[i];
            }
        }
        backwardKernel(s, x, xOff, m, 0, dk, dkOff);
    }

    /**
     * The input gradient of a relu-fused {@link #forward} from its output {@code out}: as
     * {@link #backwardInput} for dy zeroed where {@code out <= 0}. This default masks into a
     * temporary array; where {@link #fusesReluInputGradient} says so, a fast kernel masks dy as it
     * copies it into its padded scratch, so no masked copy crosses memory.
     */
    default void backwardInputRelu(ConvShape s, float[] dy, int dyOff, float[] out, int outOff, float[] k, int kOff,
                                   float[] dx, int dxOff) {
        backwardInput(s, reluMasked(s, dy, dyOff, out, outOff), 0, k, kOff, dx, dxOff);
    }

    /**
     * Both gradients of a relu-fused {@link #forward}: {@link #backwardKernelRelu}, then
     * {@link #backwardInputRelu} when {@code dx} is non-null. Fast kernels may compute them in
     * one pass over dy.
     */
    default void backwardRelu(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff,
                              float[] k, int kOff, float[] dk, int dkOff, float[] db, float[] dx, int dxOff) {
        backwardKernelRelu(s, x, xOff, dy, dyOff, out, outOff, dk, dkOff, db);
        if (dx != null) {
            backwardInputRelu(s, dy, dyOff, out, outOff, k, kOff, dx, dxOff);
        }
    }

    /**
     * Both gradients of a relu-fused {@link #forward} whose output only a max pooling read, from
     * that pooling's gradient {@code g}: as {@link #backwardRelu} with dy = g routed to the
     * pooling's winners. The layer's output itself is not needed (it may never have been written,
     * {@link #forwardMaxPooled}): relu's mask at a winner is its value in {@code g} being positive,
     * and elsewhere the routed gradient is zero. This default writes the routed gradient out
     * first; fast kernels read it from the pooled gradient as they go (a quarter of the cells for
     * 2x2 windows).
     */
    default void backwardReluPooled(ConvShape s, float[] x, int xOff, PooledGradient g, float[] k, int kOff,
                                    float[] dk, int dkOff, float[] db, float[] dx, int dxOff) {
        if (!g.matches(s)) {
            throw new IllegalArgumentException("conv gradient: pooling " + g.pool() + " does not read the output of " + s);
        }
        float[] dy = g.denseRelu();
        if (db != null) {
            java.util.Arrays.fill(db, 0, s.cout(), 0f);
            for (int i = 0; i < dy.length; i++) {
                db[i % s.cout()] += dy[i];
            }
        }
        backwardKernel(s, x, xOff, dy, 0, dk, dkOff);
        if (dx != null) {
            backwardInput(s, dy, 0, k, kOff, dx, dxOff);
        }
    }

    /** A new copy of the output gradient dy, zeroed where {@code out <= 0} (the defaults' masking). */
    private static float[] reluMasked(ConvShape s, float[] dy, int dyOff, float[] out, int outOff) {
        float[] m = new float[s.pixels() * s.cout()];
        for (int i = 0; i < m.length; i++) {
            m[i] = out[outOff + i] > 0f ? dy[dyOff + i] : 0f;
        }
        return m;
    }

    /** Whether {@link #backwardInputRelu} masks as it reads for this geometry (else a masked copy first is as fast). */
    default boolean fusesReluInputGradient(ConvShape s) {
        return false;
    }

    /**
     * Depthwise: {@code y[.., c * m + q] = sum_{i,j} x[.., c] k[i, j, c, q]} with kernel
     * {@code [kh, kw, cin, m]} and {@code s.cout() == cin * m}.
     */
    void depthwiseForward(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] y, int yOff);

    /** Gradient of {@link #depthwiseForward} for x. */
    void depthwiseBackwardInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff);

    /** Gradient of {@link #depthwiseForward} for the kernel. */
    void depthwiseBackwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dk, int dkOff);

    /**
     * Both gradients of {@link #depthwiseForward}: {@link #depthwiseBackwardKernel} and
     * {@link #depthwiseBackwardInput}. Fast kernels may compute them in one pass over dy.
     */
    default void depthwiseBackward(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] k, int kOff,
                                   float[] dk, int dkOff, float[] dx, int dxOff) {
        depthwiseBackwardKernel(s, x, xOff, dy, dyOff, dk, dkOff);
        depthwiseBackwardInput(s, dy, dyOff, k, kOff, dx, dxOff);
    }

    /** Short name for diagnostics. */
    String name();
}
