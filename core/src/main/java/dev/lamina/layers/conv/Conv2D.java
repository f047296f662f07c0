package dev.lamina.layers.conv;

import dev.lamina.layers.LayerConfigs;
import dev.lamina.ops.ConvSpec;
import dev.lamina.ops.Ops;
import dev.lamina.ops.PoolSpec;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/** 2-D convolution over (batch, rows, cols, channels) (Keras's {@code Conv2D}). */
public class Conv2D extends BaseConv<Conv2D> {
    /** One kernel size for both axes, or (rows, cols). */
    public Conv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    @Override
    protected Tensor convolve(Tensor x, Tensor kernel) {
        return Ops.conv2d(x, kernel, spec());
    }

    @Override
    protected Tensor convolveFused(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        return Ops.conv2d(x, kernel, bias, spec(), relu);
    }

    @Override
    protected Tensor convolveMaxPooled(Tensor x, Tensor kernel, Tensor bias, PoolSpec pool) {
        return Ops.foldsMaxPool(x.shape(), kernel.shape(), spec(), pool) ? Ops.conv2dMaxPool(x, kernel, bias, spec(), pool) : null;
    }

    private ConvSpec spec() {
        int[] s = strides();
        int[] d = dilationRate();
        return new ConvSpec(s[0], s[1], d[0], d[1], padding(), groups());
    }

    /** Rebuilds a Conv2D from its Keras config. */
    public static Conv2D fromConfig(Map<String, Object> c) {
        return new Conv2D(LayerConfigs.intOf(c, "filters"), kernelSizeOf(c, 2)).readConfig(c);
    }
}
