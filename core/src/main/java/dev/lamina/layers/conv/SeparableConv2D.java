package dev.lamina.layers.conv;

import dev.lamina.layers.LayerConfigs;
import dev.lamina.ops.ConvSpec;
import dev.lamina.ops.Ops;
import dev.lamina.ops.PoolSpec;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/** Depthwise-separable 2-D convolution (Keras's {@code SeparableConv2D}). */
public class SeparableConv2D extends BaseSeparableConv<SeparableConv2D> {
    /** One kernel size for both axes, or (rows, cols). */
    public SeparableConv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    @Override
    protected Tensor separableConvolve(Tensor x, Tensor depthwise, Tensor pointwise, Tensor bias, boolean relu) {
        return Ops.conv2d(depthwiseConvolve(x, depthwise), pointwise, bias, ConvSpec.of("valid"), relu);
    }

    private Tensor depthwiseConvolve(Tensor x, Tensor depthwise) {
        int[] s = strides();
        int[] d = dilationRate();
        return Ops.depthwiseConv2d(x, depthwise, new ConvSpec(s[0], s[1], d[0], d[1], padding(), 1));
    }

    @Override
    protected Tensor separableConvolveMaxPooled(Tensor x, Tensor depthwise, Tensor pointwise, Tensor bias, PoolSpec pool) {
        int[] h = computeOutputShape(x.shape());
        h[3] = pointwise.dim(2); // the depthwise output's channels
        if (!Ops.foldsMaxPool(h, pointwise.shape(), ConvSpec.of("valid"), pool)) {
            return null;
        }
        return Ops.conv2dMaxPool(depthwiseConvolve(x, depthwise), pointwise, bias, ConvSpec.of("valid"), pool);
    }

    /** Rebuilds a SeparableConv2D from its Keras config. */
    public static SeparableConv2D fromConfig(Map<String, Object> c) {
        return new SeparableConv2D(LayerConfigs.intOf(c, "filters"), LayerConfigs.intsOf(c.get("kernel_size"), 2)).readConfig(c);
    }
}
