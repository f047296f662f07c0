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
 * Keras's {@code BaseConv}: a channels_last convolution over {@code rank} spatial axes with
 * weights {@code kernel (*kernel_size, in/groups, filters)} and {@code bias (filters,)}, then
 * an activation. Subclasses pick the op; everything else (arguments, weights, shapes, config)
 * lives here so Conv1D and Conv2D cannot drift apart.
 *
 * @param <T> the concrete layer, so fluent setters keep its type
 */
public abstract class BaseConv<T extends BaseConv<T>> extends Layer {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private int[] strides;
    private String padding = "valid";
    private int[] dilationRate;
    private int groups = 1;
    private Activation activation = Activations.get("linear");
    private boolean useBias = true;
    private final Weights kernelW = new Weights("kernel", "glorot_uniform");
    private final Weights biasW = new Weights("bias", "zeros");
    private Variable kernel;
    private Variable bias;

    protected BaseConv(int rank, int filters, int... kernelSize) {
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

    /** The convolution itself on a channels_last input. */
    protected abstract Tensor convolve(Tensor x, Tensor kernel);

    /**
     * {@code act(convolve(x, kernel) + bias)} as one fused op (bias may be null; act relu when
     * {@code relu}, else the identity), or null where the subclass has no fused form.
     */
    protected Tensor convolveFused(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        return null;
    }

    public T strides(int... values) {
        this.strides = ConvGeometry.tuple(className(), "strides", rank, 1, values);
        return self();
    }

    /** "valid" (default), "same", or for Conv1D "causal". */
    public T padding(String value) {
        this.padding = ConvGeometry.padding(className(), value, rank == 1);
        return self();
    }

    public T dilationRate(int... values) {
        this.dilationRate = ConvGeometry.tuple(className(), "dilation_rate", rank, 1, values);
        return self();
    }

    /** Splits input channels and filters into this many independent groups. */
    public T groups(int value) {
        if (value <= 0 || filters % value != 0) {
            throw new IllegalArgumentException(className() + ": groups must be a positive divisor of filters (" + filters
                    + "), got " + value);
        }
        this.groups = value;
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

    public T kernelInitializer(Object init) {
        kernelW.initializer(init);
        return self();
    }

    public T biasInitializer(Object init) {
        biasW.initializer(init);
        return self();
    }

    public T kernelRegularizer(Object reg) {
        kernelW.regularizer(reg);
        return self();
    }

    public T biasRegularizer(Object reg) {
        biasW.regularizer(reg);
        return self();
    }

    public T kernelConstraint(Object c) {
        kernelW.constraint(c);
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

    public int groups() {
        return groups;
    }

    public Variable kernel() {
        return kernel;
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
        if (in % groups != 0) {
            throw new ShapeException("input channels " + in + " are not divisible by groups " + groups
                    + " (input shape " + Shapes.str(s) + ")");
        }
        int[] kshape = Shapes.concat(kernelSize, in / groups, filters);
        kernel = addWeight("kernel", kshape, kernelW.initializer(), true, kernelW.regularizer(), kernelW.constraint());
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, biasW.initializer(), true, biasW.regularizer(), biasW.constraint());
        }
    }

    @Override
    public int[] computeOutputShape(int[] s) {
        ConvGeometry.checkRank(s, rank + 2, rank == 1 ? "(batch, steps, channels)" : "(batch, rows, cols, channels)");
        ConvGeometry.checkStridesWithDilation(className(), strides, dilationRate);
        if (kernel != null && s[rank + 1] >= 0 && s[rank + 1] != kernel.shape()[rank] * groups) {
            throw new ShapeException("expected " + kernel.shape()[rank] * groups + " input channels (kernel shape "
                    + Shapes.str(kernel.shape()) + (groups > 1 ? ", groups " + groups : "") + "), got shape " + Shapes.str(s));
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
            Tensor fused = convolveFused(x, kernel.value(), bias == null ? null : bias.value(), relu);
            if (fused != null) {
                return fused;
            }
        }
        Tensor y = convolve(x, kernel.value());
        if (bias != null) {
            y = y.add(bias.value());
        }
        return activation.apply(y);
    }

    @Override
    public Tensor callMaxPooled(Tensor x, PoolSpec pool, CallContext ctx) {
        return activation.name().equals("relu") ? convolveMaxPooled(x, kernel.value(), bias == null ? null : bias.value(), pool)
                : null;
    }

    /** The relu body pooled by {@code pool} as one op ({@link #callMaxPooled}), or null where this layer has none. */
    protected Tensor convolveMaxPooled(Tensor x, Tensor kernel, Tensor bias, PoolSpec pool) {
        return null;
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("filters", filters);
        c.put("kernel_size", LayerConfigs.shapeList(kernelSize));
        c.put("strides", LayerConfigs.shapeList(strides));
        c.put("padding", padding);
        c.put("data_format", "channels_last");
        c.put("dilation_rate", LayerConfigs.shapeList(dilationRate));
        c.put("groups", groups);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelW.initializerConfig());
        c.put("bias_initializer", biasW.initializerConfig());
        c.put("kernel_regularizer", kernelW.regularizerConfig());
        c.put("bias_regularizer", biasW.regularizerConfig());
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", kernelW.constraintConfig());
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
        if (c.get("groups") instanceof Number g) {
            groups(g.intValue());
        }
        activation(c.get("activation") == null ? "linear" : (String) c.get("activation"));
        useBias(!Boolean.FALSE.equals(c.get("use_bias")));
        kernelW.fromConfig(c);
        biasW.fromConfig(c);
        applyCommonConfig(c);
        return self();
    }

    /** The kernel size of a config, as ints for a rank-{@code rank} layer. */
    protected static int[] kernelSizeOf(Map<String, Object> c, int rank) {
        return LayerConfigs.intsOf(c.get("kernel_size"), rank);
    }
}
