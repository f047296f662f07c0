package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.ConvShape;
import dev.lamina.kernels.Kernels;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/**
 * Depthwise 2-D convolution, NHWC, kernel [kh, kw, cin, multiplier]; output channel
 * {@code c * multiplier + m} sees only input channel c (Keras's layout). The loops are
 * {@link Kernels#conv()}'s.
 */
public final class DepthwiseConvolution {
    private DepthwiseConvolution() {}

    public static Tensor depthwiseConv2d(Tensor x, Tensor kernel, ConvSpec spec) {
        x = Elementwise.asFloat(x).contiguous();
        kernel = kernel.contiguous();
        ConvShape s = geometry(x, kernel, spec);
        float[] out = BufferPool.take(s.pixels() * s.cout()); // the kernels overwrite every element
        Kernels.conv().depthwiseForward(s, x.data(), x.offset(), kernel.data(), kernel.offset(), out, 0);
        Tensor y = Tensor.wrap(out, s.n(), s.ho(), s.wo(), s.cout());
        return Autograd.record(y, new Op.DepthwiseConv2D(spec), x, kernel);
    }

    /** Gradients {dx, dkernel}. */
    public static Tensor[] backward(Tensor x, Tensor kernel, Tensor dy, ConvSpec spec, boolean wantX, boolean wantK) {
        x = x.contiguous();
        kernel = kernel.contiguous();
        dy = dy.contiguous();
        ConvShape s = geometry(x, kernel, spec);
        Tensor dx = null;
        Tensor dk = null;
        if (wantX && wantK) {
            float[] ddx = BufferPool.take(x.size()), ddk = BufferPool.take(kernel.size());
            Kernels.conv().depthwiseBackward(s, x.data(), x.offset(), dy.data(), dy.offset(), kernel.data(), kernel.offset(),
                    ddk, 0, ddx, 0);
            return new Tensor[] {Tensor.wrap(ddx, x.shape()), Tensor.wrap(ddk, kernel.shape())};
        }
        if (wantX) {
            float[] d = BufferPool.take(x.size());
            Kernels.conv().depthwiseBackwardInput(s, dy.data(), dy.offset(), kernel.data(), kernel.offset(), d, 0);
            dx = Tensor.wrap(d, x.shape());
        }
        if (wantK) {
            float[] d = BufferPool.take(kernel.size());
            Kernels.conv().depthwiseBackwardKernel(s, x.data(), x.offset(), dy.data(), dy.offset(), d, 0);
            dk = Tensor.wrap(d, kernel.shape());
        }
        return new Tensor[] {dx, dk};
    }

    private static ConvShape geometry(Tensor x, Tensor kernel, ConvSpec spec) {
        if (x.rank() != 4 || kernel.rank() != 4 || kernel.dim(2) != x.dim(3)) {
            throw new ShapeException("depthwise_conv2d: expected input (batch, h, w, c) and kernel (kh, kw, c, multiplier), got "
                    + Shapes.str(x.shape()) + " and " + Shapes.str(kernel.shape()));
        }
        int[] s = x.shape();
        int[] k = kernel.shape();
        ConvSpec.Axis r = spec.rows(s[1], k[0], "depthwise_conv2d");
        ConvSpec.Axis c = spec.cols(s[2], k[1], "depthwise_conv2d");
        return new ConvShape(s[0], s[1], s[2], s[3], k[0], k[1], s[3] * k[3], r.out(), c.out(), spec.strideH(), spec.strideW(),
                spec.dilationH(), spec.dilationW(), r.padBefore(), c.padBefore());
    }
}
