package dev.lamina.layers.rnn;

import dev.lamina.initializers.Initializer;
import dev.lamina.layers.CallContext;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Weights;
import dev.lamina.ops.Ops;
import dev.lamina.ops.RecurrentActivation;
import dev.lamina.ops.RecurrentSpec;
import dev.lamina.tensor.Rng;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The weights and the computation of a recurrent layer (Keras's RNN cells): {@code kernel}
 * (in, gates*u), {@code recurrent_kernel} (u, gates*u) and {@code bias}, in Keras's creation
 * order. A cell runs a whole sequence at once through its fused sequence op
 * ({@link Ops#lstmSequence} and friends), which gets the raw inputs and the kernel and does the
 * input products itself, so its backward pass also yields dx and d kernel chunk by chunk.
 *
 * <p>A cell is also a layer of its own, as in Keras: called on {@code [x_t, states...]} it runs
 * one step and returns {@code [output, new states...]}.
 */
public abstract class RecurrentCell extends Layer {
    final int units;
    String activationName = "tanh";
    RecurrentActivation activation = RecurrentActivation.TANH;
    boolean useBias = true;
    final Weights kernelW = new Weights("kernel", "glorot_uniform");
    final Weights recurrentW = new Weights("recurrent", "orthogonal");
    final Weights biasW = new Weights("bias", "zeros");
    double dropout;
    double recurrentDropout;
    /** Keras's {@code seed}: fixes the dropout masks' stream; null draws from the call's generator. */
    Long dropoutSeed;
    private Rng seededRng;
    Variable kernel;
    Variable recurrentKernel;
    Variable bias;

    RecurrentCell(int units, String cellName) {
        if (units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": units must be a positive integer, got " + units);
        }
        this.units = units;
        named(cellName);
    }

    public int units() {
        return units;
    }

    /** Number of state tensors: 1 (h), or 2 for LSTM (h, c). */
    public abstract int stateCount();

    /** Gate blocks of u columns in the kernels: 1, 3 or 4. */
    abstract int gates();

    /** The gates' activation (sigmoid by default); SimpleRNN has none and returns the activation. */
    RecurrentActivation recurrentActivation() {
        return activation;
    }

    /** The spec every call starts from: units, activations, cell-specific flags. */
    RecurrentSpec baseSpec() {
        return RecurrentSpec.of(units).withActivations(activation, recurrentActivation());
    }

    /** Runs the cell's fused op: raw inputs with the kernel, or inputs already projected (kernel null). */
    abstract Tensor fused(Tensor x, Tensor kernelValue, List<Tensor> states, Tensor biasValue, RecurrentSpec spec);

    int[] biasShape() {
        return new int[] {gates() * units};
    }

    Initializer biasInitializer() {
        return biasW.initializer();
    }

    // ---------------------------------------------------------------- options (set through the RNN layer)

    void activation(String name) {
        this.activation = RecurrentActivation.of(name, className());
        this.activationName = activation.kerasName();
    }

    void dropout(double rate) {
        this.dropout = checkRate(rate, "dropout");
    }

    void recurrentDropout(double rate) {
        this.recurrentDropout = checkRate(rate, "recurrent_dropout");
    }

    private double checkRate(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(className() + ": " + what + " must be in [0, 1], got " + rate);
        }
        return rate;
    }

    // ---------------------------------------------------------------- build and run

    @Override
    protected void build(List<int[]> shapes) {
        int[] s = shapes.get(0);
        int in = s[s.length - 1];
        if (s.length != 2 || in < 0) {
            throw new ShapeException(className() + " needs a step input (batch, features) with known features, got "
                    + Shapes.str(s));
        }
        int w = gates() * units;
        kernel = addWeight("kernel", new int[] {in, w}, kernelW.initializer(), true, kernelW.regularizer(),
                kernelW.constraint());
        recurrentKernel = addWeight("recurrent_kernel", new int[] {units, w}, recurrentW.initializer(), true,
                recurrentW.regularizer(), recurrentW.constraint());
        if (useBias) {
            bias = addWeight("bias", biasShape(), biasInitializer(), true, biasW.regularizer(), biasW.constraint());
        }
    }

    /** Input features the kernel expects. */
    int inputDim() {
        return kernel.shape()[0];
    }

    /**
     * Runs a whole sequence: x (B, T, in), one (B, u) tensor per state, a spec with the layer's
     * options and mask. Adds the training-time dropout masks (one per sequence, as Keras) and
     * returns the fused op's output (B, S + states, u).
     */
    Tensor runSequence(Tensor x, List<Tensor> states, RecurrentSpec spec, CallContext ctx) {
        boolean inDrop = ctx.training() && dropout > 0 && dropout < 1;
        boolean recDrop = ctx.training() && recurrentDropout > 0 && recurrentDropout < 1;
        // Keras switches to per-gate masks (its implementation 1) whenever recurrent dropout is on.
        int blocks = recDrop ? gates() : 1;
        int batch = x.dim(0);
        int in = x.dim(2);
        Rng rng = dropoutRng(ctx);
        float[] inMasks = inDrop ? multipliers(blocks * batch * in, dropout, rng) : null;
        if (recDrop) {
            spec = spec.withRecurrentDropout(multipliers(blocks * batch * units, recurrentDropout, rng), blocks);
        }
        Tensor b = bias == null ? null : bias.value();
        if (inMasks == null) {
            // The op does the input products and computes dx and d kernel itself.
            return fused(x, kernel.value(), states, b, spec);
        }
        if (blocks == 1) {
            return fused(x.mul(Tensor.wrap(inMasks, batch, 1, in)), kernel.value(), states, b, spec);
        }
        return fused(projectPerGate(x, inMasks), null, states, b, spec);
    }

    /**
     * Keras's implementation 1 with input dropout: each gate's columns of {@code x @ kernel} see
     * the input scaled by that gate's own mask, so the projection is done here, gate by gate.
     */
    private Tensor projectPerGate(Tensor x, float[] masks) {
        Tensor k = kernel.value();
        int batch = x.dim(0);
        int in = x.dim(2);
        int blocks = gates();
        List<Tensor> parts = new ArrayList<>();
        int size = batch * in;
        for (int g = 0; g < blocks; g++) {
            float[] m = java.util.Arrays.copyOfRange(masks, g * size, (g + 1) * size);
            Tensor kg = k.slice(new int[] {0, g * units}, new int[] {in, (g + 1) * units});
            parts.add(x.mul(Tensor.wrap(m, batch, 1, in)).matmul(kg));
        }
        return Ops.concatenate(parts, -1);
    }

    /** Inverted-dropout multipliers: 0 with probability rate, else 1 / (1 - rate). */
    private static float[] multipliers(int n, double rate, Rng rng) {
        float keep = (float) (1.0 / (1.0 - rate));
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() >= rate ? keep : 0f;
        }
        return m;
    }

    private Rng dropoutRng(CallContext ctx) {
        if (dropoutSeed == null) {
            return ctx.rng();
        }
        if (seededRng == null) {
            seededRng = new Rng(dropoutSeed);
        }
        return seededRng;
    }

    // ---------------------------------------------------------------- one step, as a layer of its own

    @Override
    public List<int[]> computeOutputShapes(List<int[]> shapes) {
        checkInputCount(shapes.size(), 1 + stateCount());
        int[] x = shapes.get(0);
        if (x.length != 2) {
            throw new ShapeException(className() + " is called on one step (batch, features) plus " + stateCount()
                    + " state(s) (batch, " + units + "), got input " + Shapes.str(x));
        }
        return Collections.nCopies(1 + stateCount(), new int[] {x[0], units});
    }

    /** {@code [x_t, states...]} to {@code [output, new states...]}: the sequence op over one step. */
    @Override
    public List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        checkInputCount(inputs.size(), 1 + stateCount());
        Tensor x = inputs.get(0);
        Tensor y = runSequence(x.reshape(x.dim(0), 1, x.dim(1)), inputs.subList(1, inputs.size()), baseSpec(), ctx);
        List<Tensor> out = new ArrayList<>();
        out.add(RNN.row(y, 0));
        for (int i = 0; i < stateCount(); i++) {
            out.add(RNN.row(y, 1 + i));
        }
        return out;
    }
}
