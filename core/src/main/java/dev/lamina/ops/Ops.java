package dev.lamina.ops;

import dev.lamina.tensor.Rng;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.List;

/**
 * One import for every op, Keras-{@code ops}-style: the primitives and the composites built
 * from them (conv1d, pool1d, dropout, ...). Tensor's own methods cover the common ones.
 */
public final class Ops {
    private Ops() {}

    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.where(condition, a, b);
    }

    public static Tensor concatenate(List<Tensor> parts, int axis) {
        return ShapeOps.concat(parts, axis);
    }

    public static Tensor stack(List<Tensor> parts, int axis) {
        return ShapeOps.stack(parts, axis);
    }

    public static List<Tensor> split(Tensor x, int axis, int... sizes) {
        return ShapeOps.split(x, axis, sizes);
    }

    public static Tensor pad(Tensor x, int[][] pads, float value) {
        return ShapeOps.pad(x, pads, value);
    }

    public static Tensor gather(Tensor table, Tensor indices) {
        return Indexing.gather(table, indices);
    }

    public static Tensor oneHot(Tensor labels, int depth) {
        return Indexing.oneHot(labels, depth);
    }

    public static Tensor conv2d(Tensor x, Tensor kernel, ConvSpec spec) {
        return Convolution.conv2d(x, kernel, spec);
    }

    /** {@code conv2d(x, kernel) + bias} (bias may be null), through relu when {@code relu}: one fused primitive. */
    public static Tensor conv2d(Tensor x, Tensor kernel, Tensor bias, ConvSpec spec, boolean relu) {
        return Convolution.conv2d(x, kernel, bias, spec, relu);
    }

    /** {@code x @ kernel + bias} (bias may be null), through relu when {@code relu}: a Dense layer's fused body. */
    public static Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        return Linear.linear(x, kernel, bias, relu);
    }

    public static Tensor depthwiseConv2d(Tensor x, Tensor kernel, ConvSpec spec) {
        return DepthwiseConvolution.depthwiseConv2d(x, kernel, spec);
    }

    /**
     * Transposed 2-D convolution (Keras's {@code ops.conv_transpose}): x [n, h, w, cin], kernel
     * [kh, kw, cout, cin]; {@code outputPadding} null or {rows, cols}.
     */
    public static Tensor conv2dTranspose(Tensor x, Tensor kernel, ConvSpec spec, int[] outputPadding) {
        return TransposedConvolution.conv2dTranspose(x, kernel, spec, outputPadding);
    }

    /**
     * 1-D convolution: x (batch, steps, cin), kernel (k, cin/groups, cout); padding "valid",
     * "same" or "causal" (left padding only, so step t sees no later step).
     */
    public static Tensor conv1d(Tensor x, Tensor kernel, int stride, String padding, int dilation, int groups) {
        return conv1d(x, kernel, null, stride, padding, dilation, groups, false);
    }

    /** {@link #conv1d} plus bias (may be null), through relu when {@code relu}, fused as in {@link #conv2d}. */
    public static Tensor conv1d(Tensor x, Tensor kernel, Tensor bias, int stride, String padding, int dilation, int groups,
                                boolean relu) {
        if (x.rank() != 3 || kernel.rank() != 3) {
            throw new ShapeException("conv1d: expected input (batch, steps, channels) and kernel (k, cin, cout), got "
                    + Shapes.str(x.shape()) + " and " + Shapes.str(kernel.shape()));
        }
        Tensor in = x;
        String pad = padding;
        if (padding.equalsIgnoreCase("causal")) {
            in = ShapeOps.pad(x, new int[][] {{0, 0}, {dilation * (kernel.dim(0) - 1), 0}, {0, 0}}, 0f);
            pad = "valid";
        }
        Tensor x4 = in.reshape(in.dim(0), 1, in.dim(1), in.dim(2));
        Tensor k4 = kernel.reshape(1, kernel.dim(0), kernel.dim(1), kernel.dim(2));
        Tensor y = Convolution.conv2d(x4, k4, bias, new ConvSpec(1, stride, 1, dilation, pad, groups), relu);
        return y.reshape(y.dim(0), y.dim(2), y.dim(3));
    }

    /** The fused LSTM recurrence; see {@link LstmSequence#apply} (kernel null: x already projected). */
    public static Tensor lstmSequence(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor h0, Tensor c0, Tensor bias,
                                      RecurrentSpec spec) {
        return LstmSequence.apply(x, kernel, recurrentKernel, h0, c0, bias, spec);
    }

    /** The fused GRU recurrence; see {@link GruSequence#apply} (kernel null: x already projected). */
    public static Tensor gruSequence(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor h0, Tensor bias,
                                     RecurrentSpec spec) {
        return GruSequence.apply(x, kernel, recurrentKernel, h0, bias, spec);
    }

    /** The fused simple-RNN recurrence; see {@link SimpleRnnSequence#apply} (kernel null: x already projected). */
    public static Tensor simpleRnnSequence(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor h0, Tensor bias,
                                           RecurrentSpec spec) {
        return SimpleRnnSequence.apply(x, kernel, recurrentKernel, h0, bias, spec);
    }

    /**
     * Whether {@link #conv2dMaxPool} takes an input of shape {@code x} and a kernel of shape
     * {@code kernel} under {@code spec} and {@code pool} ({@link Convolution#foldsMaxPool}, with relu).
     */
    public static boolean foldsMaxPool(int[] x, int[] kernel, ConvSpec spec, PoolSpec pool) {
        return Convolution.foldsMaxPool(x, kernel, spec, true, pool);
    }

    /**
     * {@code maxPool2d(conv2d(x, kernel, bias, spec, true), pool)} as one op, the conv's output
     * never written, where {@link Convolution#foldsMaxPool} holds.
     */
    public static Tensor conv2dMaxPool(Tensor x, Tensor kernel, Tensor bias, ConvSpec spec, PoolSpec pool) {
        return Convolution.conv2dMaxPool(x, kernel, bias, spec, pool);
    }

    public static Tensor maxPool2d(Tensor x, PoolSpec spec) {
        return Pooling.maxPool2d(x, spec);
    }

    public static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        return Pooling.avgPool2d(x, spec);
    }

    /** 1-D pooling over (batch, steps, channels). */
    public static Tensor pool1d(Tensor x, int pool, int stride, String padding, boolean max) {
        if (x.rank() != 3) {
            throw new ShapeException((max ? "max" : "average") + "_pool1d: expected (batch, steps, channels), got "
                    + Shapes.str(x.shape()));
        }
        Tensor x4 = x.reshape(x.dim(0), 1, x.dim(1), x.dim(2));
        PoolSpec spec = new PoolSpec(1, pool, 1, stride, padding);
        Tensor y = max ? Pooling.maxPool2d(x4, spec) : Pooling.avgPool2d(x4, spec);
        return y.reshape(y.dim(0), y.dim(2), y.dim(3));
    }

    /**
     * Inverted dropout: zeroes each element with probability {@code rate} and scales the rest by
     * 1/(1-rate), so inference needs no rescaling. A mask multiply: no rule of its own.
     */
    public static Tensor dropout(Tensor x, float rate, Rng rng) {
        return dropout(x, rate, rng, x.shape());
    }

    /** Dropout with a mask of {@code noiseShape} broadcast over x (Keras's noise_shape). */
    public static Tensor dropout(Tensor x, float rate, Rng rng, int[] noiseShape) {
        if (rate < 0f || rate >= 1f) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
        if (rate == 0f) {
            return x;
        }
        float[] mask = new float[Shapes.size(noiseShape)];
        float scale = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() >= rate ? scale : 0f;
        }
        return x.mul(Tensor.wrap(mask, noiseShape));
    }
}
