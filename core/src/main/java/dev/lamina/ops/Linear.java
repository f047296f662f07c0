package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.Kernels;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/**
 * A Dense layer's body as one primitive: {@code act(x @ kernel + bias)}, act relu or the
 * identity, x of any rank (the leading axes are rows). The bias is the GEMM's starting value
 * and relu runs on the fresh output in place, so the forward pass writes one array instead of
 * three; the backward pass masks the gradient and sums the bias gradient in one pass before
 * the two GEMMs.
 */
public final class Linear {
    private Linear() {}

    /** {@code x} [..., k], {@code kernel} [k, n], {@code bias} [n] or null -> [..., n]. */
    public static Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        x = Elementwise.asFloat(x).contiguous();
        kernel = kernel.contiguous();
        if (kernel.rank() != 2 || x.rank() < 1 || x.dim(-1) != kernel.dim(0)) {
            throw new ShapeException("linear: expected input (..., " + (kernel.rank() == 2 ? kernel.dim(0) : "k")
                    + ") and kernel (k, n), got " + Shapes.str(x.shape()) + " and " + Shapes.str(kernel.shape()));
        }
        int k = kernel.dim(0), n = kernel.dim(1);
        if (bias != null) {
            bias = bias.contiguous();
            if (bias.rank() != 1 || bias.dim(0) != n) {
                throw new ShapeException("linear: bias must have shape (" + n + "), got " + Shapes.str(bias.shape()));
            }
        }
        int rows = k == 0 ? Shapes.size(x.shape()) : x.size() / k;
        int[] outShape = x.shape();
        outShape[outShape.length - 1] = n;
        float[] out = BufferPool.take(rows * n); // written in full below
        if (rows > 0 && n > 0) {
            if (k == 0) {
                java.util.Arrays.fill(out, 0f);
                if (bias != null) {
                    Kernels.pointwise().addRow(out, 0, bias.data(), bias.offset(), out, 0, rows, n);
                }
            } else {
                if (bias != null) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(bias.data(), bias.offset(), out, r * n, n);
                    }
                }
                Kernels.gemm().sgemm(false, false, rows, n, k, 1f, x.data(), x.offset(), k,
                        kernel.data(), kernel.offset(), n, bias == null ? 0f : 1f, out, 0, n);
            }
            if (relu) {
                Kernels.pointwise().relu(out, 0, out, 0, rows * n);
            }
        }
        Tensor y = Tensor.wrap(out, outShape);
        Op op = new Op.Linear(relu);
        return bias == null ? Autograd.record(y, op, x, kernel) : Autograd.record(y, op, x, kernel, bias);
    }

    /** The gradient rule of {@link Op.Linear}: inputs (x, kernel[, bias]); null where not wanted. */
    public static Tensor[] gradients(Tensor[] in, Tensor out, Tensor g, boolean relu) {
        Tensor x = in[0], kernel = in[1];
        Tensor bias = in.length > 2 ? in[2] : null;
        int k = kernel.dim(0), n = kernel.dim(1);
        int rows = g.size() / Math.max(1, n);
        Tensor gm = g.contiguous();
        float[] masked = null;
        Tensor db = null;
        boolean wantB = bias != null && bias.requiresGrad();
        if ((relu || wantB) && n > 0) {
            float[] sums = new float[n];
            masked = relu ? BufferPool.take(gm.size()) : null;
            Tensor o = out.contiguous();
            Kernels.pointwise().maskedColumnSums(gm.data(), gm.offset(), relu ? o.data() : null, o.offset(), masked,
                    rows, n, sums);
            if (relu) {
                gm = Tensor.wrap(masked, gm.shape());
            }
            db = wantB ? Tensor.wrap(sums, n) : null;
        }
        Tensor dx = null;
        Tensor dk = null;
        if (x.requiresGrad()) {
            float[] d = BufferPool.take(x.size()); // beta = 0 writes it all (zero-filled when n == 0)
            if (n == 0) {
                java.util.Arrays.fill(d, 0f);
            } else if (rows > 0 && k > 0) {
                Kernels.gemm().sgemm(false, true, rows, k, n, 1f, gm.data(), gm.offset(), n,
                        kernel.data(), kernel.offset(), n, 0f, d, 0, k);
            }
            dx = Tensor.wrap(d, x.shape());
        }
        if (kernel.requiresGrad()) {
            float[] d = BufferPool.take(k * n);
            if (rows == 0) {
                java.util.Arrays.fill(d, 0f);
            } else if (k > 0 && n > 0) {
                Kernels.gemm().sgemm(true, false, k, n, rows, 1f, x.data(), x.offset(), k,
                        gm.data(), gm.offset(), n, 0f, d, 0, n);
            }
            dk = Tensor.wrap(d, kernel.shape());
        }
        if (masked != null) {
            BufferPool.give(masked); // the masked gradient lives only in this rule
        }
        return bias == null ? new Tensor[] {dx, dk} : new Tensor[] {dx, dk, db};
    }
}
