package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Buffers the direct convolution kernels keep per calling thread (packed kernels, zero-padded
 * copies of the input, Winograd blocks), grown on demand and reused across calls, and the
 * padding itself.
 * Worker threads only read a caller's buffers while the caller waits for them; they write their own.
 */
final class ConvScratch {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final ThreadLocal<ConvScratch> LOCAL = ThreadLocal.withInitial(ConvScratch::new);
    private float[] padded = new float[0];
    private float[] packed = new float[0];
    private float[] channelPadded = new float[0];
    private float[] expanded = new float[0];
    private float[] transformed = new float[0];
    private float[] products = new float[0];
    private float[] partials = new float[0];

    static ConvScratch get() {
        return LOCAL.get();
    }

    float[] padded(int size) {
        return padded = Scratch.atLeast(padded, size);
    }

    float[] packed(int size) {
        return packed = Scratch.atLeast(packed, size);
    }

    float[] expanded(int size) {
        return expanded = Scratch.atLeast(expanded, size);
    }

    /** A block of Winograd-transformed input patches ({@link WinogradConv}). */
    float[] transformed(int size) {
        return transformed = Scratch.atLeast(transformed, size);
    }

    /** A block of Winograd position products, before the output transform ({@link WinogradConv}). */
    float[] products(int size) {
        return products = Scratch.atLeast(products, size);
    }

    /** Per-part sums a kernel gradient adds up at the end ({@link WinogradKernelGradient}), or dK^T ({@link ConvKernelGradientColumns}). */
    float[] partials(int size) {
        return partials = Scratch.atLeast(partials, size);
    }

    float[] channelPadded(int size) {
        return channelPadded = Scratch.atLeast(channelPadded, size);
    }

    /** An image batch laid out [n, hs, ws, c] from {@code off}, readable without bounds tests. */
    record Source(float[] a, int off, int hs, int ws) {}

    /**
     * The input as the kernels read it: itself when no padding is needed, else a copy of
     * {@code hs x ws} images with the input placed at (padTop, padLeft) (negative pads crop)
     * and zeros around.
     */
    static Source source(ConvScratch sc, float[] x, int xOff, int n, int h, int w, int c,
                         int padTop, int padLeft, int hs, int ws) {
        return source(sc, x, xOff, null, 0, n, h, w, c, padTop, padLeft, hs, ws);
    }

    /**
     * As {@link #source(ConvScratch, float[], int, int, int, int, int, int, int, int, int)}, and
     * with {@code mask} non-null always a copy, in which x counts only where {@code mask > 0}
     * (a relu's output masking its gradient on the way, instead of in a pass of its own).
     */
    static Source source(ConvScratch sc, float[] x, int xOff, float[] mask, int maskOff, int n, int h, int w, int c,
                         int padTop, int padLeft, int hs, int ws) {
        if (mask == null && padTop == 0 && padLeft == 0 && hs <= h && ws <= w) {
            return new Source(x, xOff, h, w);
        }
        float[] p = sc.padded(n * hs * ws * c);
        int x0 = Math.max(0, -padLeft);
        int px0 = Math.max(0, padLeft);
        int cols = Math.max(0, Math.min(w - x0, ws - px0));
        Parallel.forRange(n * hs, 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int b = r / hs;
                int py = r % hs;
                int iy = py - padTop;
                int dst = r * ws * c;
                if (iy < 0 || iy >= h || cols == 0) {
                    Arrays.fill(p, dst, dst + ws * c, 0f);
                    continue;
                }
                Arrays.fill(p, dst, dst + px0 * c, 0f);
                int src = ((b * h + iy) * w + x0) * c;
                if (mask == null) {
                    System.arraycopy(x, xOff + src, p, dst + px0 * c, cols * c);
                } else {
                    maskedCopy(x, xOff + src, mask, maskOff + src, p, dst + px0 * c, cols * c);
                }
                Arrays.fill(p, dst + (px0 + cols) * c, dst + ws * c, 0f);
            }
        });
        return new Source(p, 0, hs, ws);
    }

    /** {@code d[i] = m[i] > 0 ? x[i] : 0} over len values. */
    private static void maskedCopy(float[] x, int xo, float[] m, int mo, float[] d, int dOff, int len) {
        int i = 0;
        for (int end = len - len % L; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            VectorMask<Float> keep = FloatVector.fromArray(S, m, mo + i).compare(VectorOperators.GT, 0f);
            ZERO.blend(v, keep).intoArray(d, dOff + i);
        }
        for (; i < len; i++) {
            d[dOff + i] = m[mo + i] > 0f ? x[xo + i] : 0f;
        }
    }
}
