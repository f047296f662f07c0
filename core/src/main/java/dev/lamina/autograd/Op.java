package dev.lamina.autograd;

import dev.lamina.ops.ConvSpec;
import dev.lamina.ops.PoolSpec;
import dev.lamina.ops.RecurrentSpec;
import dev.lamina.ops.SequenceTape;
import dev.lamina.tensor.Tensor;

/**
 * The differentiable primitives. Every op that records history is one record here, and
 * {@link Backward} has one exhaustive switch over them, so a primitive without a gradient
 * rule does not compile. Composites (losses, layer norm, gelu, ...) are built from these.
 */
public sealed interface Op {
    /** Op name for error messages and graph dumps. */
    default String name() {
        return getClass().getSimpleName();
    }

    record Add() implements Op {}
    record Sub() implements Op {}
    record Mul() implements Op {}
    record Div() implements Op {}
    record Pow() implements Op {}
    record Maximum() implements Op {}
    record Minimum() implements Op {}
    record Neg() implements Op {}
    record Exp() implements Op {}
    record Log() implements Op {}
    record Sqrt() implements Op {}
    record Abs() implements Op {}
    record Clip(float min, float max) implements Op {}
    /** Inputs (a, b); the bool condition is not differentiable so it is held here. */
    record Where(Tensor condition) implements Op {}
    record Relu() implements Op {}
    record Sigmoid() implements Op {}
    record Tanh() implements Op {}
    record Softmax(int axis) implements Op {}
    record LogSoftmax(int axis) implements Op {}
    /** Inputs (target, probabilities): Keras's categorical crossentropy along the last axis, per row. */
    record ProbabilityCrossentropy(float epsilon) implements Op {}
    record Sum(int[] axes, boolean keepDims) implements Op {}
    record Max(int[] axes, boolean keepDims) implements Op {}
    /** Batched matmul with numpy broadcasting of the batch dims. */
    record MatMul() implements Op {}
    /** Inputs (x [..., k], kernel [k, n][, bias [n]]): {@code x @ kernel + bias}, through relu when {@code relu}. */
    record Linear(boolean relu) implements Op {}
    record Reshape(int[] fromShape) implements Op {}
    record Permute(int[] perm) implements Op {}
    record BroadcastTo(int[] fromShape) implements Op {}
    /** Stride-1 slice [begin, end) per axis. */
    record Slice(int[] begin, int[] end) implements Op {}
    /** A contiguous copy of a strided view. */
    record Copy() implements Op {}
    /** Constant padding; pads[axis] = {before, after}. */
    record Pad(int[][] pads) implements Op {}
    record Concat(int axis, int[] sizes) implements Op {}
    /** Rows of input 0 (the table) picked by integer indices, along axis 0. */
    record Gather(Tensor indices) implements Op {}
    /**
     * Inputs (x NHWC, kernel [kh, kw, cin/groups, cout][, bias [cout]]): {@code conv + bias},
     * through relu when {@code relu} (the fused body of a Conv layer).
     */
    record Conv2D(ConvSpec spec, boolean relu) implements Op {}
    /** Inputs (x NHWC, kernel [kh, kw, cin, multiplier]). */
    record DepthwiseConv2D(ConvSpec spec) implements Op {}
    /**
     * Inputs (x NHWC, kernel [kh, kw, cout, cin]): the input gradient of {@link Conv2D} used as a
     * forward op, uncropped ("valid" spec). Keras's Conv2DTranspose crops it with slice/pad.
     */
    record Conv2DTranspose(ConvSpec spec) implements Op {}
    /**
     * Inputs (x NHWC, kernel [1, 1, cin, cout][, bias [cout]]): the max pooling {@code pool} of a
     * relu-fused 1x1 {@link Conv2D} whose output nothing else reads, as one op, so that output is
     * never written; argmax holds, per output element, the flat index into it that won.
     */
    record MaxPooledConv2D(ConvSpec spec, PoolSpec pool, int[] argmax) implements Op {}
    /** argmax holds, per output element, the flat input index that won. */
    record MaxPool2D(PoolSpec spec, int[] argmax) implements Op {}
    record AvgPool2D(PoolSpec spec) implements Op {}
    /**
     * A whole LSTM sequence, fused: inputs (input projection (B, T, 4u), recurrent kernel (u, 4u),
     * h0, c0[, bias]); output (B, S + 2, u). The tape holds what the forward pass saved for backward.
     */
    record LstmSequence(RecurrentSpec spec, SequenceTape tape) implements Op {}
    /** A whole GRU sequence: inputs (projection (B, T, 3u), recurrent kernel, h0[, bias]); output (B, S + 1, u). */
    record GruSequence(RecurrentSpec spec, SequenceTape tape) implements Op {}
    /** A whole simple-RNN sequence: inputs (projection (B, T, u), recurrent kernel, h0[, bias]); output (B, S + 1, u). */
    record SimpleRnnSequence(RecurrentSpec spec, SequenceTape tape) implements Op {}
}
