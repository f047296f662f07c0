package dev.lamina.ops;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.Op;
import dev.lamina.kernels.Parallel;
import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Shapes;
import dev.lamina.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Reshape, permute, broadcast, slice, pad, concat and friends; views wherever possible. */
public final class ShapeOps {
    private ShapeOps() {}

    /** Reshape (one -1 is inferred); a view when the input is contiguous. */
    public static Tensor reshape(Tensor x, int... newShape) {
        int[] shape = inferShape(x, newShape);
        if (Shapes.same(shape, x.shape())) {
            return x;
        }
        Tensor c = x.contiguous();
        Tensor out = Tensor.view(c, shape, Shapes.contiguousStrides(shape), c.offset());
        return Autograd.record(out, new Op.Reshape(c.shape()), c);
    }

    private static int[] inferShape(Tensor x, int[] newShape) {
        int[] shape = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: more than one -1 in " + Arrays.toString(newShape));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new ShapeException("reshape: negative dimension in " + Arrays.toString(newShape));
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new ShapeException("reshape: cannot reshape " + Shapes.str(x.shape()) + " (" + x.size()
                        + " elements) into " + Arrays.toString(newShape));
            }
            shape[infer] = (int) (x.size() / known);
        } else if (known != x.size()) {
            throw new ShapeException("reshape: cannot reshape " + Shapes.str(x.shape()) + " (" + x.size()
                    + " elements) into " + Shapes.str(shape) + " (" + known + " elements)");
        }
        return shape;
    }

    /** Reorders axes; a view. */
    public static Tensor permute(Tensor x, int... perm) {
        int r = x.rank();
        if (perm.length != r) {
            throw new ShapeException("permute: permutation " + Arrays.toString(perm) + " does not match rank " + r);
        }
        boolean[] seen = new boolean[r];
        int[] shape = new int[r];
        int[] strides = new int[r];
        int[] xs = x.shape();
        int[] xst = x.strides();
        for (int i = 0; i < r; i++) {
            int p = perm[i] < 0 ? perm[i] + r : perm[i];
            if (p < 0 || p >= r || seen[p]) {
                throw new ShapeException("permute: " + Arrays.toString(perm) + " is not a permutation of 0.." + (r - 1));
            }
            seen[p] = true;
            shape[i] = xs[p];
            strides[i] = xst[p];
        }
        Tensor out = Tensor.view(x, shape, strides, x.offset());
        return Autograd.record(out, new Op.Permute(perm.clone()), x);
    }

    /** Swaps the last two axes. */
    public static Tensor transposeLast2(Tensor x) {
        int r = x.rank();
        if (r < 2) {
            throw new ShapeException("transpose: needs rank >= 2, got shape " + Shapes.str(x.shape()));
        }
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        return permute(x, perm);
    }

    /** Broadcasts to a larger shape; a view with zero strides. */
    public static Tensor broadcastTo(Tensor x, int... shape) {
        int[] target = Shapes.broadcast(x.shape(), shape, "broadcast_to");
        if (!Shapes.same(target, shape)) {
            throw new ShapeException("broadcast_to: cannot broadcast " + Shapes.str(x.shape()) + " to " + Shapes.str(shape));
        }
        if (Shapes.same(x.shape(), shape)) {
            return x;
        }
        Tensor out = Tensor.view(x, shape.clone(), Strided.broadcastStrides(x, shape), x.offset());
        return Autograd.record(out, new Op.BroadcastTo(x.shape()), x);
    }

    /** Stride-1 slice {@code [begin, end)} per axis (negative values count from the end); a view. */
    public static Tensor slice(Tensor x, int[] begin, int[] end) {
        int r = x.rank();
        if (begin.length != r || end.length != r) {
            throw new ShapeException("slice: begin " + Arrays.toString(begin) + " / end " + Arrays.toString(end)
                    + " do not match rank of " + Shapes.str(x.shape()));
        }
        int[] xs = x.shape();
        int[] st = x.strides();
        int[] b = new int[r];
        int[] e = new int[r];
        int[] shape = new int[r];
        int off = x.offset();
        for (int i = 0; i < r; i++) {
            b[i] = begin[i] < 0 ? begin[i] + xs[i] : begin[i];
            e[i] = end[i] < 0 ? end[i] + xs[i] : Math.min(end[i], xs[i]);
            if (b[i] < 0 || b[i] > e[i] || e[i] > xs[i]) {
                throw new ShapeException("slice: [" + begin[i] + ", " + end[i] + ") out of range on axis " + i
                        + " of shape " + Shapes.str(xs));
            }
            shape[i] = e[i] - b[i];
            off += b[i] * st[i];
        }
        Tensor out = Tensor.view(x, shape, st.clone(), off);
        return Autograd.record(out, new Op.Slice(b, e), x);
    }

    /** Slice of one axis: {@code x[..., begin:end, ...]}. */
    public static Tensor sliceAxis(Tensor x, int axis, int begin, int end) {
        int ax = Shapes.axis(axis, x.rank(), "slice");
        int[] b = new int[x.rank()];
        int[] e = x.shape();
        b[ax] = begin;
        e[ax] = end;
        return slice(x, b, e);
    }

    /** A contiguous copy, keeping history. */
    public static Tensor copy(Tensor x) {
        Tensor out = Tensor.wrap(Strided.gather(x), x.shape());
        return Autograd.record(out, new Op.Copy(), x);
    }

    /** Constant padding: {@code pads[axis] = {before, after}}; value fills the border. */
    public static Tensor pad(Tensor x, int[][] pads, float value) {
        int r = x.rank();
        if (pads.length != r) {
            throw new ShapeException("pad: " + pads.length + " pad pairs for rank " + r + " tensor " + Shapes.str(x.shape()));
        }
        int[] xs = x.shape();
        int[] shape = new int[r];
        int[] begin = new int[r];
        for (int i = 0; i < r; i++) {
            if (pads[i][0] < 0 || pads[i][1] < 0) {
                throw new ShapeException("pad: negative padding on axis " + i);
            }
            shape[i] = xs[i] + pads[i][0] + pads[i][1];
            begin[i] = pads[i][0];
        }
        float[] d = new float[Shapes.size(shape)];
        if (value != 0f) {
            Arrays.fill(d, value);
        }
        Tensor out = Tensor.wrap(d, shape);
        copyInto(x, out, begin);
        int[][] copy = new int[r][];
        for (int i = 0; i < r; i++) {
            copy[i] = pads[i].clone();
        }
        return Autograd.record(out, new Op.Pad(copy), x);
    }

    /** Concatenates along an existing axis. */
    public static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concatenate: needs at least one tensor");
        }
        Tensor first = parts.get(0);
        int r = first.rank();
        int ax = Shapes.axis(axis, r, "concatenate");
        int[] shape = first.shape();
        int[] sizes = new int[parts.size()];
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            int[] s = parts.get(p).shape();
            if (s.length != r) {
                throw new ShapeException("concatenate: all inputs need rank " + r + ", got " + Shapes.str(s) + " and " + Shapes.str(shape));
            }
            for (int i = 0; i < r; i++) {
                if (i != ax && s[i] != shape[i]) {
                    throw new ShapeException("concatenate: shapes " + Shapes.str(shape) + " and " + Shapes.str(s)
                            + " differ outside axis " + axis);
                }
            }
            sizes[p] = s[ax];
            total += s[ax];
        }
        shape[ax] = total;
        // Each input is a block of sizes[p] * inner values in every one of the outer rows.
        int outer = 1, inner = 1;
        for (int i = 0; i < r; i++) {
            if (i < ax) {
                outer *= shape[i];
            } else if (i > ax) {
                inner *= shape[i];
            }
        }
        float[] out = BufferPool.take(outer * total * inner); // every element is written
        int rowLen = total * inner;
        int at = 0;
        Tensor[] ins = new Tensor[parts.size()];
        for (int p = 0; p < parts.size(); p++) {
            ins[p] = Elementwise.asFloat(parts.get(p));
            Tensor c = ins[p].contiguous();
            int block = sizes[p] * inner;
            float[] src = c.data();
            int from = c.offset(), to = at;
            Parallel.forRange(outer, Math.max(1, 16384 / Math.max(1, block)), (o0, o1) -> {
                for (int o = o0; o < o1; o++) {
                    System.arraycopy(src, from + o * block, out, o * rowLen + to, block);
                }
            });
            at += block;
        }
        return Autograd.record(Tensor.wrap(out, shape), new Op.Concat(ax, sizes), ins);
    }

    /** Splits along an axis into pieces of the given sizes (views). */
    public static List<Tensor> split(Tensor x, int axis, int... sizes) {
        int ax = Shapes.axis(axis, x.rank(), "split");
        int sum = Arrays.stream(sizes).sum();
        if (sum != x.shape()[ax]) {
            throw new ShapeException("split: sizes " + Arrays.toString(sizes) + " add up to " + sum + ", not "
                    + x.shape()[ax] + " (axis " + axis + " of " + Shapes.str(x.shape()) + ")");
        }
        Tensor[] out = new Tensor[sizes.length];
        int at = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = sliceAxis(x, ax, at, at + sizes[i]);
            at += sizes[i];
        }
        return List.of(out);
    }

    /** Stacks equal-shaped tensors along a new axis. */
    public static Tensor stack(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int r = parts.get(0).rank() + 1;
        int ax = axis < 0 ? axis + r : axis;
        Tensor[] expanded = new Tensor[parts.size()];
        for (int i = 0; i < expanded.length; i++) {
            int[] s = parts.get(i).shape();
            int[] ns = new int[r];
            for (int j = 0, k = 0; j < r; j++) {
                ns[j] = j == ax ? 1 : s[k++];
            }
            expanded[i] = reshape(parts.get(i), ns);
        }
        return concat(List.of(expanded), ax);
    }

    /** Writes src (any strides) into the contiguous dst at position {@code begin}. */
    static void copyInto(Tensor src, Tensor dst, int[] begin) {
        if (src.size() == 0) {
            return;
        }
        float[] s = Strided.gather(src);
        int[] shape = src.shape();
        int[] dStrides = dst.strides();
        float[] d = dst.data();
        int r = shape.length;
        if (r == 0) {
            d[dst.offset()] = s[0];
            return;
        }
        int base = dst.offset();
        for (int i = 0; i < r; i++) {
            base += begin[i] * dStrides[i];
        }
        int len = shape[r - 1];
        int[] idx = new int[r];
        int off = base;
        for (int o = 0; o < s.length; o += len) {
            System.arraycopy(s, o, d, off, len);
            off += Strided.step(idx, shape, dStrides);
        }
    }
}
