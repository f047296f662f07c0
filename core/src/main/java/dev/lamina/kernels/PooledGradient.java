package dev.lamina.kernels;

/**
 * The gradient of a max pooling, for the convolution whose output that pooling alone read: the
 * pooled gradient {@code dy[n, ho, wo, c]}, the winners' flat indices into the convolution's
 * output ({@link PoolKernels#maxForward}'s {@code argmax}) and their values (the pooling's
 * output), with the pooling's geometry
 * {@code pool} ({@code pool.h(), pool.w(), pool.cin()} being the convolution's output). The
 * convolution's gradient is dy routed to the winners, zero elsewhere:
 * {@link ConvKernels#backwardReluPooled} reads it from here without writing it out.
 */
public final class PooledGradient {
    private final ConvShape pool;
    private final float[] dy;
    private final int dyOff;
    private final int[] argmax;
    private final float[] values;
    private final int valuesOff;

    /**
     * {@code dy} and {@code argmax} as above; {@code values} (from {@code valuesOff}) is the
     * pooling's output, each window's winning value: a relu output's mask at the winner is that
     * value being positive, so the kernels need not read the whole convolution output for it.
     */
    public PooledGradient(ConvShape pool, float[] dy, int dyOff, int[] argmax, float[] values, int valuesOff) {
        int count = pool.pixels() * pool.cin();
        if (argmax.length < count || dy.length - dyOff < count || values.length - valuesOff < count) {
            throw new IllegalArgumentException("pooled gradient: " + pool + " needs " + count
                    + " gradient values, winners and winning values, got " + (dy.length - dyOff) + ", " + argmax.length
                    + " and " + (values.length - valuesOff));
        }
        this.pool = pool;
        this.dy = dy;
        this.dyOff = dyOff;
        this.argmax = argmax;
        this.values = values;
        this.valuesOff = valuesOff;
    }

    /**
     * Whether every input cell lies in at most one window (strides equal to the window), so the
     * routed gradient of a cell is one pooled value or zero, which a kernel can read cell by cell.
     */
    public static boolean tiles(ConvShape pool) {
        return pool.strideH() == pool.kh() && pool.strideW() == pool.kw();
    }

    /** The pooling's geometry. */
    public ConvShape pool() {
        return pool;
    }

    float[] dy() {
        return dy;
    }

    int dyOff() {
        return dyOff;
    }

    int[] argmax() {
        return argmax;
    }

    float[] values() {
        return values;
    }

    int valuesOff() {
        return valuesOff;
    }

    /** Whether this is the gradient of the output of a convolution of geometry {@code s}. */
    boolean matches(ConvShape s) {
        return pools(pool, s);
    }

    /** Whether a pooling of geometry {@code pool} pools the output of a convolution of geometry {@code s}. */
    static boolean pools(ConvShape pool, ConvShape s) {
        return pool.n() == s.n() && pool.h() == s.ho() && pool.w() == s.wo() && pool.cin() == s.cout();
    }

    /** The routed gradient written out, {@code [n, h, w, c]}: the kernels without a fused path read this. */
    public float[] dense() {
        return routed(false);
    }

    /** {@link #dense} through relu's mask: zero where the winning value is not positive. */
    float[] denseRelu() {
        return routed(true);
    }

    private float[] routed(boolean relu) {
        float[] d = new float[pool.n() * pool.h() * pool.w() * pool.cin()];
        int count = pool.pixels() * pool.cin();
        for (int i = 0; i < count; i++) {
            if (!relu || values[valuesOff + i] > 0f) {
                d[argmax[i]] += dy[dyOff + i];
            }
        }
        return d;
    }
}
