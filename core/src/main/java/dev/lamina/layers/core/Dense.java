package dev.lamina.layers.core;

import dev.lamina.activations.Activation;
import dev.lamina.activations.Activations;
import dev.lamina.layers.CallContext;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfigs;
import dev.lamina.layers.Weights;
import dev.lamina.ops.Ops;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Variable;
import java.util.List;
import java.util.Map;

/** {@code activation(x @ kernel + bias)} on the last axis (Keras's {@code Dense}). */
public class Dense extends Layer {
    private final int units;
    private Activation activation = Activations.get("linear");
    private boolean useBias = true;
    private final Weights kernelW = new Weights("kernel", "glorot_uniform");
    private final Weights biasW = new Weights("bias", "zeros");
    private Variable kernel;
    private Variable bias;

    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be a positive integer, got " + units);
        }
        this.units = units;
    }

    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    public Dense activation(String name) {
        this.activation = Activations.get(name);
        return this;
    }

    public Dense useBias(boolean value) {
        this.useBias = value;
        return this;
    }

    public Dense kernelInitializer(Object init) {
        kernelW.initializer(init);
        return this;
    }

    public Dense biasInitializer(Object init) {
        biasW.initializer(init);
        return this;
    }

    public Dense kernelRegularizer(Object reg) {
        kernelW.regularizer(reg);
        return this;
    }

    public Dense biasRegularizer(Object reg) {
        biasW.regularizer(reg);
        return this;
    }

    public Dense kernelConstraint(Object c) {
        kernelW.constraint(c);
        return this;
    }

    public Dense biasConstraint(Object c) {
        biasW.constraint(c);
        return this;
    }

    @Override
    public Dense named(String name) {
        super.named(name);
        return this;
    }

    public int units() {
        return units;
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
        int in = s[s.length - 1];
        if (s.length < 2 || in < 0) {
            throw new ShapeException("Dense needs an input of rank >= 2 with a known last axis, got " + Shapes.str(s));
        }
        kernel = addWeight("kernel", new int[] {in, units}, kernelW.initializer(), true, kernelW.regularizer(), kernelW.constraint());
        if (useBias) {
            bias = addWeight("bias", new int[] {units}, biasW.initializer(), true, biasW.regularizer(), biasW.constraint());
        }
    }

    @Override
    public int[] computeOutputShape(int[] s) {
        if (kernel != null && s[s.length - 1] >= 0 && s[s.length - 1] != kernel.shape()[0]) {
            throw new ShapeException("expected last axis " + kernel.shape()[0] + " (kernel shape "
                    + Shapes.str(kernel.shape()) + "), got shape " + Shapes.str(s));
        }
        return withLast(s, units);
    }

    @Override
    protected Tensor call(Tensor x, CallContext ctx) {
        if (x.dim(-1) > 0) {
            // One primitive for matmul, bias and (when it is the activation) relu.
            boolean relu = activation.name().equals("relu");
            Tensor y = Ops.linear(x, kernel.value(), bias == null ? null : bias.value(), relu);
            return relu ? y : activation.apply(y);
        }
        Tensor y = x.matmul(kernel.value());
        if (bias != null) {
            y = y.add(bias.value());
        }
        return activation.apply(y);
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("units", units);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelW.initializerConfig());
        c.put("bias_initializer", biasW.initializerConfig());
        c.put("kernel_regularizer", kernelW.regularizerConfig());
        c.put("bias_regularizer", biasW.regularizerConfig());
        c.put("kernel_constraint", kernelW.constraintConfig());
        c.put("bias_constraint", biasW.constraintConfig());
        c.put("quantization_config", null);
    }

    /** Rebuilds a Dense from its Keras config. */
    public static Dense fromConfig(Map<String, Object> c) {
        Dense d = new Dense(LayerConfigs.intOf(c, "units"));
        d.activation((String) c.getOrDefault("activation", "linear"));
        d.useBias((Boolean) c.getOrDefault("use_bias", true));
        d.kernelW.fromConfig(c);
        d.biasW.fromConfig(c);
        d.applyCommonConfig(c);
        return d;
    }
}
