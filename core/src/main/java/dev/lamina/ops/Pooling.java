package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.GradMode;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.ConvShape;
import dev.lamina.kernels.Kernels;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/**
 * Max and average pooling over NHWC on {@link Kernels#pool()}. With {@code "same"} padding,
 * padded cells never win a max and are not counted in an average (TensorFlow's and Keras's rule).
 */
public final class Pooling {
    private Pooling() {}

    public static Tensor maxPool2d(Tensor x, PoolSpec spec) {
        return pool(x, spec, true);
    }

    public static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        return pool(x, spec, false);
    }

    private static Tensor pool(Tensor x, PoolSpec spec, boolean max) {
        x = Elementwise.asFloat(x).contiguous();
        if (x.rank() != 4) {
            throw new ShapeException((max ? "max" : "avg") + "_pool2d: expected (batch, height, width, channels), got "
                    + Shapes.str(x.shape()));
        }
        ConvShape s = geometry(x.shape(), spec);
        float[] out = BufferPool.take(s.pixels() * s.cout()); // every window writes its output
        Tensor y = Tensor.wrap(out, s.n(), s.ho(), s.wo(), s.cout());
        if (max) {
            // The winners' indices only matter to a gradient: inference skips them. Every entry is
            // written; the array goes back to the pool with the step's activations.
            int[] arg = GradMode.isEnabled() && x.requiresGrad() ? BufferPool.takeInts(out.length) : null;
            Kernels.pool().maxForward(s, x.data(), x.offset(), out, arg);
            return arg == null ? y : Autograd.record(y, new Op.MaxPool2D(spec, arg), x);
        }
        Kernels.pool().avgForward(s, x.data(), x.offset(), out);
        return Autograd.record(y, new Op.AvgPool2D(spec), x);
    }

    /** Routes each output gradient to the input cell that won the max. */
    public static Tensor maxPoolBackward(Tensor x, Tensor dy, PoolSpec spec, int[] argmax) {
        Tensor g = dy.contiguous();
        float[] dx = BufferPool.take(x.size()); // overwritten
        Kernels.pool().maxBackward(geometry(x.shape(), spec), g.data(), g.offset(), argmax, dx);
        return Tensor.wrap(dx, x.shape());
    }

    /** Spreads each output gradient evenly over the cells it averaged. */
    public static Tensor avgPoolBackward(Tensor x, Tensor dy, PoolSpec spec) {
        Tensor g = dy.contiguous();
        float[] dx = BufferPool.zeros(x.size());
        Kernels.pool().avgBackward(geometry(x.shape(), spec), g.data(), g.offset(), dx);
        return Tensor.wrap(dx, x.shape());
    }

    /** The pooling's geometry over an input of shape {@code s} as a {@link ConvShape} (cout = cin). */
    static ConvShape geometry(int[] s, PoolSpec spec) {
        ConvSpec.Axis ra = spec.rows(s[1]);
        ConvSpec.Axis ca = spec.cols(s[2]);
        return new ConvShape(s[0], s[1], s[2], s[3], spec.poolH(), spec.poolW(), s[3], ra.out(), ca.out(),
                spec.strideH(), spec.strideW(), 1, 1, ra.padBefore(), ca.padBefore());
    }
}
