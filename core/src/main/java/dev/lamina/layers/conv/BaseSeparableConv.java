package dev.lamina.layers.conv;

import dev.lamina.activations.Activation;
import dev.lamina.activations.Activations;
import dev.lamina.layers.CallContext;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfigs;
import dev.lamina.layers.Weights;
import dev.lamina.ops.PoolSpec;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Variable;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code BaseSeparableConv}: a depthwise convolution (each input channel gets
 * {@code depth_multiplier} filters of its own) followed by a 1x1 pointwise convolution mixing
 * channels. Weights, in Keras's order: {@code depthwise_kernel (*k, in, dm)},
 * {@code pointwise_kernel (*1, in*dm, filters)}, {@code bias (filters,)}.
 *
 * @param <T> the concrete layer, so fluent setters keep its type
 */
public abstract class BaseSeparableConv<T extends BaseSeparableConv<T>> extends Layer {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private int[] strides;
    private String padding = "valid";
    private int[] dilationRate;
    private int depthMultiplier = 1;
    private Activation activation = Activations.get("linear");
    private boolean useBias = true;
    private final Weights depthwiseW = new Weights("depthwise", "glorot_uniform");
    private final Weights pointwiseW = new Weights("pointwise", "glorot_uniform");
    private final Weights biasW = new Weights("bias", "zeros");
    private Variable depthwiseKernel;
    private Variable pointwiseKernel;
    private Variable bias;

    protected BaseSeparableConv(int rank, int filters, int... kernelSize) {
        this.rank = rank;
        if (filters <= 0) {
            throw new IllegalArgumentException(className() + ": filters must be a positive integer, got " + filters);
        }
        this.filters = filters;
        this.kernelSize = ConvGeometry.tuple(className(), "kernel_size", rank, 1, kernelSize);
        this.strides = ConvGeometry.tuple(className(), "strides", rank, 1, 1);
        this.dilationRate = ConvGeometry.tuple(className(), "dilation_rate", rank, 1, 1);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * Depthwise then pointwise convolution on a channels_last input, plus {@code bias} (may be
     * null) and through relu when {@code relu}, fused into the pointwise convolution.
     */
    protected abstract Tensor separableConvolve(Tensor x, Tensor depthwise, Tensor pointwise, Tensor bias, boolean relu);

    public T strides(int... values) {
        this.strides = ConvGeometry.tuple(className(), "strides", rank, 1, values);
        return self();
    }

    /** "valid" (default) or "same"; SeparableConv1D also takes "causal". */
    public T padding(String value) {
        this.padding = ConvGeometry.padding(className(), value, rank == 1);
        return self();
    }

    public T dilationRate(int... values) {
        this.dilationRate = ConvGeometry.tuple(className(), "dilation_rate", rank, 1, values);
        return self();
    }

    /** Depthwise filters per input channel. */
    public T depthMultiplier(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(className() + ": depth_multiplier must be positive, got " + value);
        }
        this.depthMultiplier = value;
        return self();
    }

    public T activation(String name) {
        this.activation = Activations.get(name);
        return self();
    }

    public T useBias(boolean value) {
        this.useBias = value;
        return self();
    }

    public T depthwiseInitializer(Object init) {
        depthwiseW.initializer(init);
        return self();
    }

    public T pointwiseInitializer(Object init) {
        pointwiseW.initializer(init);
        return self();
    }

    public T biasInitializer(Object init) {
        biasW.initializer(init);
        return self();
    }

    public T depthwiseRegularizer(Object reg) {
        depthwiseW.regularizer(reg);
        return self();
    }

    public T pointwiseRegularizer(Object reg) {
        pointwiseW.regularizer(reg);
        return self();
    }

    public T biasRegularizer(Object reg) {
        biasW.regularizer(reg);
        return self();
    }

    public T depthwiseConstraint(Object c) {
        depthwiseW.constraint(c);
        return self();
    }

    public T pointwiseConstraint(Object c) {
        pointwiseW.constraint(c);
        return self();
    }

    public T biasConstraint(Object c) {
        biasW.constraint(c);
        return self();
    }

    @Override
    public T named(String name) {
        super.named(name);
        return self();
    }

    public int filters() {
        return filters;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public String padding() {
        return padding;
    }

    public int[] dilationRate() {
        return dilationRate.clone();
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    public Variable depthwiseKernel() {
        return depthwiseKernel;
    }

    public Variable pointwiseKernel() {
        return pointwiseKernel;
    }

    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(List<int[]> shapes) {
        int[] s = shapes.get(0);
        computeOutputShape(s);
        int in = s[s.length - 1];
        if (in < 0) {
            throw new ShapeException("the channel axis (last) must be known, got " + Shapes.str(s));
        }
        int[] ones = new int[rank];
        java.util.Arrays.fill(ones, 1);
        depthwiseKernel = addWeight("depthwise_kernel", Shapes.concat(kernelSize, in, depthMultiplier),
                depthwiseW.initializer(), true, depthwiseW.regularizer(), depthwiseW.constraint());
        pointwiseKernel = addWeight("pointwise_kernel", Shapes.concat(ones, in * depthMultiplier, filters),
                pointwiseW.initializer(), true, pointwiseW.regularizer(), pointwiseW.constraint());
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, biasW.initializer(), true, biasW.regularizer(), biasW.constraint());
        }
    }

    @Override
    public int[] computeOutputShape(int[] s) {
        ConvGeometry.checkRank(s, rank + 2, rank == 1 ? "(batch, steps, channels)" : "(batch, rows, cols, channels)");
        ConvGeometry.checkStridesWithDilation(className(), strides, dilationRate);
        if (depthwiseKernel != null && s[rank + 1] >= 0 && s[rank + 1] != depthwiseKernel.shape()[rank]) {
            throw new ShapeException("expected " + depthwiseKernel.shape()[rank] + " input channels (depthwise_kernel shape "
                    + Shapes.str(depthwiseKernel.shape()) + "), got shape " + Shapes.str(s));
        }
        int[] out = new int[rank + 2];
        out[0] = s[0];
        for (int i = 0; i < rank; i++) {
            out[i + 1] = ConvGeometry.outputLength(s[i + 1], kernelSize[i], strides[i], dilationRate[i], padding,
                    "spatial axis " + (i + 1));
        }
        out[rank + 1] = filters;
        return out;
    }

    @Override
    protected Tensor call(Tensor x, CallContext ctx) {
        boolean relu = activation.name().equals("relu");
        if (relu || activation.isLinear()) {
            return separableConvolve(x, depthwiseKernel.value(), pointwiseKernel.value(),
                    bias == null ? null : bias.value(), relu);
        }
        Tensor y = separableConvolve(x, depthwiseKernel.value(), pointwiseKernel.value(), null, false);
        if (bias != null) {
            y = y.add(bias.value());
        }
        return activation.apply(y);
    }

    @Override
    public Tensor callMaxPooled(Tensor x, PoolSpec pool, CallContext ctx) {
        return activation.name().equals("relu")
                ? separableConvolveMaxPooled(x, depthwiseKernel.value(), pointwiseKernel.value(), bias == null ? null : bias.value(),
                        pool)
                : null;
    }

    /**
     * {@link #separableConvolve} with relu, pooled by {@code pool} as one op ({@link #callMaxPooled}),
     * or null (before computing anything) where this layer has none.
     */
    protected Tensor separableConvolveMaxPooled(Tensor x, Tensor depthwise, Tensor pointwise, Tensor bias, PoolSpec pool) {
        return null;
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("depth_multiplier", depthMultiplier);
        c.put("filters", filters);
        c.put("kernel_size", LayerConfigs.shapeList(kernelSize));
        c.put("strides", LayerConfigs.shapeList(strides));
        c.put("padding", padding);
        c.put("data_format", "channels_last");
        c.put("dilation_rate", LayerConfigs.shapeList(dilationRate));
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("depthwise_initializer", depthwiseW.initializerConfig());
        c.put("pointwise_initializer", pointwiseW.initializerConfig());
        c.put("bias_initializer", biasW.initializerConfig());
        c.put("depthwise_regularizer", depthwiseW.regularizerConfig());
        c.put("pointwise_regularizer", pointwiseW.regularizerConfig());
        c.put("bias_regularizer", biasW.regularizerConfig());
        c.put("activity_regularizer", null);
        c.put("depthwise_constraint", depthwiseW.constraintConfig());
        c.put("pointwise_constraint", pointwiseW.constraintConfig());
        c.put("bias_constraint", biasW.constraintConfig());
    }

    /** Reads every key but filters and kernel_size (the constructor's) from a Keras config. */
    protected T readConfig(Map<String, Object> c) {
        ConvGeometry.requireChannelsLast(className(), c);
        ConvGeometry.requireNoActivityRegularizer(className(), c);
        if (c.containsKey("strides")) {
            strides(LayerConfigs.intsOf(c.get("strides"), rank));
        }
        padding((String) c.getOrDefault("padding", "valid"));
        if (c.containsKey("dilation_rate")) {
            dilationRate(LayerConfigs.intsOf(c.get("dilation_rate"), rank));
        }
        if (c.get("depth_multiplier") instanceof Number m) {
            depthMultiplier(m.intValue());
        }
        activation(c.get("activation") == null ? "linear" : (String) c.get("activation"));
        useBias(!Boolean.FALSE.equals(c.get("use_bias")));
        depthwiseW.fromConfig(c);
        pointwiseW.fromConfig(c);
        biasW.fromConfig(c);
        applyCommonConfig(c);
        return self();
    }
}
