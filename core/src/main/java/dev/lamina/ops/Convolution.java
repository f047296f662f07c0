package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.GradMode;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.ConvKernels;
import dev.lamina.kernels.ConvShape;
import dev.lamina.kernels.Im2Col;
import dev.lamina.kernels.Kernels;
import dev.lamina.kernels.PooledGradient;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;

/**
 * 2-D convolution in NHWC with Keras kernel layout [kh, kw, cin/groups, cout]. One group runs on
 * {@link Kernels#conv()} (direct SIMD kernels); several groups by im2col + GEMM per group.
 */
public final class Convolution {
    private Convolution() {}

    /** {@code x} [n, h, w, cin], {@code kernel} [kh, kw, cin/groups, cout] -> [n, ho, wo, cout]. */
    public static Tensor conv2d(Tensor x, Tensor kernel, ConvSpec spec) {
        return conv2d(x, kernel, null, spec, false);
    }

    /**
     * The fused layer body {@code act(conv2d(x, kernel) + bias)}, act being relu or the identity:
     * one primitive, so the bias and relu cost nothing in the forward pass (they are applied in
     * the kernel's registers) and one pass over the gradient in the backward pass (relu's mask
     * and the bias gradient together). {@code bias} [cout] may be null.
     */
    public static Tensor conv2d(Tensor x, Tensor kernel, Tensor bias, ConvSpec spec, boolean relu) {
        x = Elementwise.asFloat(x).contiguous();
        kernel = kernel.contiguous();
        Geometry g = geometry(x, kernel, spec);
        bias = checkedBias(bias, g.cout);
        int[] outShape = {g.n, g.ho, g.wo, g.cout};
        float[] out = BufferPool.take(Shapes.size(outShape)); // every element is written
        Op op = new Op.Conv2D(spec, relu);
        if (spec.groups() == 1 && GradMode.isEnabled() && (x.requiresGrad() || kernel.requiresGrad())) {
            // Recorded for a backward pass: a training step, whose forward may round as its gradients do.
            Kernels.conv().forwardTraining(g.shape(spec), x.data(), x.offset(), kernel.data(), kernel.offset(),
                    bias == null ? null : bias.data(), bias == null ? 0 : bias.offset(), relu, out, 0);
        } else if (spec.groups() == 1) {
            Kernels.conv().forward(g.shape(spec), x.data(), x.offset(), kernel.data(), kernel.offset(),
                    bias == null ? null : bias.data(), bias == null ? 0 : bias.offset(), relu, out, 0);
        } else {
            groupedForward(x, kernel, spec, g, out);
            int rows = out.length / Math.max(1, g.cout);
            if (bias != null) {
                Kernels.pointwise().addRow(out, 0, bias.data(), bias.offset(), out, 0, rows, g.cout);
            }
            if (relu) {
                Kernels.pointwise().relu(out, 0, out, 0, out.length);
            }
        }
        Tensor y = Tensor.wrap(out, outShape);
        return bias == null ? Autograd.record(y, op, x, kernel) : Autograd.record(y, op, x, kernel, bias);
    }

    /** {@code bias} contiguous, or null; a clear error where it is not [cout]. */
    private static Tensor checkedBias(Tensor bias, int cout) {
        if (bias == null) {
            return null;
        }
        bias = bias.contiguous();
        if (bias.rank() != 1 || bias.dim(0) != cout) {
            throw new ShapeException("conv2d: bias must have shape (" + cout + "), got " + Shapes.str(bias.shape()));
        }
        return bias;
    }

    /**
     * Whether a layer with input shape {@code x}, kernel shape {@code kernel}, {@code spec} and
     * relu, pooled by {@code pool}, is better run as {@link #conv2dMaxPool}: the kernels fold the
     * pooling into the convolution for it ({@link ConvKernels#fusesMaxPool}). Shapes the ops
     * would refuse answer false, so the layers run apart and report them.
     */
    public static boolean foldsMaxPool(int[] x, int[] kernel, ConvSpec spec, boolean relu, PoolSpec pool) {
        ConvShape[] g = pooledGeometry(x, kernel, spec, relu, pool);
        return g != null && Kernels.conv().fusesMaxPool(g[0], g[1]);
    }

    /**
     * The convolution's and the pooling's geometry where the fused gradient rule applies (a relu
     * 1x1 stride-1 single-group layer under windows that tile its output); else null.
     */
    private static ConvShape[] pooledGeometry(int[] x, int[] kernel, ConvSpec spec, boolean relu, PoolSpec pool) {
        if (!relu || spec.groups() != 1 || x.length != 4 || kernel.length != 4 || kernel[0] != 1 || kernel[1] != 1
                || spec.strideH() != 1 || spec.strideW() != 1 || kernel[2] != x[3]) {
            return null;
        }
        try {
            ConvShape cs = geometry(x, kernel, spec).shape(spec);
            ConvShape ps = Pooling.geometry(new int[] {cs.n(), cs.ho(), cs.wo(), cs.cout()}, pool);
            return PooledGradient.tiles(ps) && ps.ho() > 0 && ps.wo() > 0 ? new ConvShape[] {cs, ps} : null;
        } catch (ShapeException e) {
            return null;
        }
    }

    /**
     * {@code maxPool2d(conv2d(x, kernel, bias, spec, true), pool)} as one op for a relu 1x1
     * stride-1 layer under windows that tile its output. Where {@link #foldsMaxPool} holds, the
     * convolution's output, four times the pooled one under 2x2 windows, is never written (the
     * kernels pool it band by band in L1); the gradient rule is the fused one a separate pooling
     * of that conv gets ({@link #pooledGradients}).
     */
    public static Tensor conv2dMaxPool(Tensor x, Tensor kernel, Tensor bias, ConvSpec spec, PoolSpec pool) {
        x = Elementwise.asFloat(x).contiguous();
        kernel = kernel.contiguous();
        ConvShape[] shapes = pooledGeometry(x.shape(), kernel.shape(), spec, true, pool);
        if (shapes == null) {
            throw new ShapeException("conv2d_max_pool: input " + Shapes.str(x.shape()) + ", kernel " + Shapes.str(kernel.shape())
                    + " and " + pool + " are not a 1x1 stride-1 convolution under windows that tile its output");
        }
        ConvShape cs = shapes[0], ps = shapes[1];
        bias = checkedBias(bias, cs.cout());
        float[] out = BufferPool.take(ps.pixels() * ps.cout()); // every window writes its output
        boolean record = GradMode.isEnabled()
                && (x.requiresGrad() || kernel.requiresGrad() || bias != null && bias.requiresGrad());
        // Winners' indices only matter to a gradient; recycled with the step's activations.
        int[] arg = record ? BufferPool.takeInts(out.length) : null;
        Kernels.conv().forwardMaxPooled(cs, x.data(), x.offset(), kernel.data(), kernel.offset(),
                bias == null ? null : bias.data(), bias == null ? 0 : bias.offset(), true, ps, out, arg);
        Tensor y = Tensor.wrap(out, ps.n(), ps.ho(), ps.wo(), ps.cout());
        if (!record) {
            return y;
        }
        Op op = new Op.MaxPooledConv2D(spec, pool, arg);
        return bias == null ? Autograd.record(y, op, x, kernel) : Autograd.record(y, op, x, kernel, bias);
    }

    private static void groupedForward(Tensor x, Tensor kernel, ConvSpec spec, Geometry g, float[] out) {
        int og = g.cout / spec.groups();
        for (int gi = 0; gi < spec.groups(); gi++) {
            Im2Col ic = g.im2col(spec, gi);
            if (ic.rows() == 0) {
                break;
            }
            float[] cols = unfoldOrNull(ic, g, spec, x);
            float[] a = cols == null ? x.data() : cols;
            int aOff = cols == null ? x.offset() : 0;
            int lda = cols == null ? g.cin : ic.cols();
            Kernels.gemm().sgemm(false, false, ic.rows(), og, ic.cols(), 1f, a, aOff, lda,
                    kernel.data(), kernel.offset() + gi * og, g.cout, 0f, out, gi * og, g.cout);
        }
    }

    /**
     * The gradient rule of {@link Op.Conv2D}: inputs (x, kernel[, bias]), the op's output (for
     * relu's mask) and the output gradient; null where an input needs no gradient.
     */
    public static Tensor[] gradients(Tensor[] in, Tensor out, Tensor g, ConvSpec spec, boolean relu) {
        Tensor x = in[0], kernel = in[1];
        Tensor bias = in.length > 2 ? in[2] : null;
        boolean wantB = bias != null && bias.requiresGrad();
        Tensor gm = g.contiguous();
        Tensor db = null;
        if (relu && kernel.requiresGrad() && spec.groups() == 1) {
            Tensor xc = x.contiguous(), kc = kernel.contiguous(), o = out.contiguous();
            ConvShape cs = geometry(xc, kc, spec).shape(spec);
            boolean wantX = x.requiresGrad();
            if (!wantX || Kernels.conv().fusesReluInputGradient(cs)) {
                // The kernels mask dy as they read it (the kernel gradient batch by batch, the
                // input gradient in its padded copy, or for 1x1 layers from the kernel
                // gradient's masked batches), so no masked copy is written and read back.
                float[] dk = BufferPool.take(kc.size());
                float[] sums = wantB ? new float[kc.dim(3)] : null;
                float[] dx = wantX ? BufferPool.take(xc.size()) : null;
                Kernels.conv().backwardRelu(cs, xc.data(), xc.offset(), gm.data(), gm.offset(), o.data(), o.offset(),
                        kc.data(), kc.offset(), dk, 0, sums, dx, 0);
                return wrapped(xc, kc, bias != null, dx, dk, sums);
            }
        }
        if (relu || wantB) {
            int cout = kernel.dim(3);
            int rows = gm.size() / cout;
            float[] sums = new float[cout];
            float[] masked = relu ? BufferPool.take(gm.size()) : null;
            Tensor o = out.contiguous();
            Kernels.pointwise().maskedColumnSums(gm.data(), gm.offset(), relu ? o.data() : null, o.offset(), masked,
                    rows, cout, sums);
            if (relu) {
                gm = Tensor.wrap(masked, gm.shape());
            }
            db = wantB ? Tensor.wrap(sums, cout) : null;
        }
        Tensor[] dxk = backward(x, kernel, gm, spec, x.requiresGrad(), kernel.requiresGrad());
        if (relu) {
            BufferPool.give(gm.data()); // the masked gradient lives only in this rule
        }
        return bias == null ? dxk : new Tensor[] {dxk[0], dxk[1], db};
    }

    /**
     * Whether {@link #pooledGradients} takes the gradients of a conv2d op (inputs {@code in},
     * spec, relu) whose output only a max pooling of {@code pool} reads: a relu-fused 1x1
     * stride-1 single-group layer with a trained kernel under windows that tile the image.
     */
    public static boolean fusesMaxPool(Tensor[] in, ConvSpec spec, boolean relu, PoolSpec pool) {
        return in[1].requiresGrad() && pooledGeometry(in[0].shape(), in[1].shape(), spec, relu, pool) != null;
    }

    /**
     * The gradients of a relu 1x1 conv2d op (inputs {@code in}) from the gradient {@code g} of the
     * max pooling that alone read its output (its output {@code pooled}, winners {@code argmax}),
     * in one pass: the routed gradient is read from the pooled one as the kernels go, never
     * written out (the pooling's own backward pass would write it, and the convolution's read it
     * back), and the conv's output is not read at all (relu's mask at a winner is the pooled
     * value's sign), so {@link #conv2dMaxPool} need never write it. For relu 1x1 stride-1
     * layers under windows that tile their output; the kernel gradient is computed whether or
     * not the kernel wants one.
     */
    public static Tensor[] pooledGradients(Tensor[] in, Tensor g, Tensor pooled, ConvSpec spec, PoolSpec pool, int[] argmax) {
        Tensor x = in[0].contiguous(), kernel = in[1].contiguous(), gm = g.contiguous();
        Tensor v = pooled.contiguous();
        Tensor bias = in.length > 2 ? in[2] : null;
        boolean wantB = bias != null && bias.requiresGrad();
        Geometry geo = geometry(x, kernel, spec);
        ConvShape cs = geo.shape(spec);
        PooledGradient pg = new PooledGradient(Pooling.geometry(new int[] {geo.n, geo.ho, geo.wo, geo.cout}, pool), gm.data(),
                gm.offset(), argmax, v.data(), v.offset());
        float[] dk = BufferPool.take(kernel.size());
        float[] sums = wantB ? new float[kernel.dim(3)] : null;
        float[] dx = in[0].requiresGrad() ? BufferPool.take(x.size()) : null;
        Kernels.conv().backwardReluPooled(cs, x.data(), x.offset(), pg, kernel.data(), kernel.offset(), dk, 0, sums, dx, 0);
        return wrapped(x, kernel, bias != null, dx, dk, sums);
    }

    /** {dx, dkernel[, dbias]} as tensors; dx and the bias sums may be null (not wanted). */
    private static Tensor[] wrapped(Tensor x, Tensor kernel, boolean hasBias, float[] dx, float[] dk, float[] sums) {
        Tensor dxt = dx == null ? null : Tensor.wrap(dx, x.shape());
        Tensor dkt = Tensor.wrap(dk, kernel.shape());
        return hasBias ? new Tensor[] {dxt, dkt, sums == null ? null : Tensor.wrap(sums, sums.length)} : new Tensor[] {dxt, dkt};
    }

    /** Gradients {dx, dkernel} of {@link #conv2d}; entries are null where not wanted. */
    public static Tensor[] backward(Tensor x, Tensor kernel, Tensor dy, ConvSpec spec, boolean wantX, boolean wantK) {
        x = x.contiguous();
        kernel = kernel.contiguous();
        dy = dy.contiguous();
        Geometry g = geometry(x, kernel, spec);
        int og = g.cout / spec.groups();
        // The one-group kernels overwrite their outputs; the grouped path folds into zeros.
        float[] dx = !wantX ? null : spec.groups() == 1 ? BufferPool.take(x.size()) : BufferPool.zeros(x.size());
        float[] dk = wantK ? BufferPool.take(kernel.size()) : null;
        if (spec.groups() == 1) {
            ConvShape cs = g.shape(spec);
            if (wantK) {
                Kernels.conv().backwardKernel(cs, x.data(), x.offset(), dy.data(), dy.offset(), dk, 0);
            }
            if (wantX) {
                Kernels.conv().backwardInput(cs, dy.data(), dy.offset(), kernel.data(), kernel.offset(), dx, 0);
            }
            return new Tensor[] {
                wantX ? Tensor.wrap(dx, x.shape()) : null,
                wantK ? Tensor.wrap(dk, kernel.shape()) : null
            };
        }
        for (int gi = 0; gi < spec.groups(); gi++) {
            Im2Col ic = g.im2col(spec, gi);
            if (ic.rows() == 0) {
                break;
            }
            if (wantK) {
                float[] cols = unfoldOrNull(ic, g, spec, x);
                float[] a = cols == null ? x.data() : cols;
                int aOff = cols == null ? x.offset() : 0;
                int lda = cols == null ? g.cin : ic.cols();
                // dK = cols^T @ dY
                Kernels.gemm().sgemm(true, false, ic.cols(), og, ic.rows(), 1f, a, aOff, lda,
                        dy.data(), dy.offset() + gi * og, g.cout, 0f, dk, gi * og, g.cout);
            }
            if (wantX) {
                // dCols = dY @ K^T, then folded back onto the image.
                if (isPointwise(ic, g, spec)) {
                    Kernels.gemm().sgemm(false, true, ic.rows(), g.cin, og, 1f, dy.data(), dy.offset() + gi * og, g.cout,
                            kernel.data(), kernel.offset() + gi * og, g.cout, 0f, dx, 0, g.cin);
                } else {
                    float[] dcols = new float[ic.rows() * ic.cols()];
                    Kernels.gemm().sgemm(false, true, ic.rows(), ic.cols(), og, 1f, dy.data(), dy.offset() + gi * og, g.cout,
                            kernel.data(), kernel.offset() + gi * og, g.cout, 0f, dcols, 0, ic.cols());
                    ic.fold(dcols, dx);
                }
            }
        }
        return new Tensor[] {
            wantX ? Tensor.wrap(dx, x.shape()) : null,
            wantK ? Tensor.wrap(dk, kernel.shape()) : null
        };
    }

    /** A 1x1, stride-1, single-group conv needs no unfolding: the input is already the matrix. */
    private static boolean isPointwise(Im2Col ic, Geometry g, ConvSpec spec) {
        return ic.kh() == 1 && ic.kw() == 1 && spec.strideH() == 1 && spec.strideW() == 1 && spec.groups() == 1;
    }

    private static float[] unfoldOrNull(Im2Col ic, Geometry g, ConvSpec spec, Tensor x) {
        if (isPointwise(ic, g, spec)) {
            return null;
        }
        float[] cols = new float[ic.rows() * ic.cols()];
        ic.unfold(x.data(), x.offset(), cols);
        return cols;
    }

    private record Geometry(int n, int h, int w, int cin, int kh, int kw, int cout, int ho, int wo, int padTop, int padLeft) {
        ConvShape shape(ConvSpec s) {
            return new ConvShape(n, h, w, cin, kh, kw, cout, ho, wo, s.strideH(), s.strideW(), s.dilationH(), s.dilationW(),
                    padTop, padLeft);
        }

        Im2Col im2col(ConvSpec s, int group) {
            int cg = cin / s.groups();
            return new Im2Col(n, h, w, cin, kh, kw, ho, wo, s.strideH(), s.strideW(), s.dilationH(), s.dilationW(),
                    padTop, padLeft, group * cg, cg);
        }
    }

    private static Geometry geometry(Tensor x, Tensor kernel, ConvSpec spec) {
        return geometry(x.shape(), kernel.shape(), spec);
    }

    private static Geometry geometry(int[] s, int[] k, ConvSpec spec) {
        if (s.length != 4 || k.length != 4) {
            throw new ShapeException("conv2d: expected input (batch, height, width, channels) and kernel (kh, kw, cin, cout), got "
                    + Shapes.str(s) + " and " + Shapes.str(k));
        }
        int groups = spec.groups();
        if (s[3] % groups != 0 || k[3] % groups != 0 || k[2] * groups != s[3]) {
            throw new ShapeException("conv2d: input channels " + s[3] + " do not match kernel " + Shapes.str(k)
                    + " with groups " + groups + " (kernel axis 2 must be channels / groups)");
        }
        ConvSpec.Axis r = spec.rows(s[1], k[0], "conv2d");
        ConvSpec.Axis c = spec.cols(s[2], k[1], "conv2d");
        return new Geometry(s[0], s[1], s[2], s[3], k[0], k[1], k[3], r.out(), c.out(), r.padBefore(), c.padBefore());
    }
}
