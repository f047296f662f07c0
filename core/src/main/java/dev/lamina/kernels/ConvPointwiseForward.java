package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass of 1x1 stride-1 layers with output channels in pairs of vectors, for
 * {@link VectorConv} on AVX-512: a product of the pixel rows with the kernel, read in place, in
 * tiles of twelve pixels by two vectors like the GEMM's micro-kernel ({@link VectorMicroKernel}),
 * bias and relu in registers. The general six-pixel tile (any six offsets) spends more of each
 * step on addresses: on W7's 60x60 32->64 layer it reached 139-166 GFLOP/s where the GEMM of the
 * same shape reached 216.
 */
final class ConvPointwiseForward {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Output channels per tile: two vectors. */
    static final int NB = 2 * L;
    /** Pixels per tile. */
    static final int MR = 12;
    /** Tiles per group: each kernel panel sweeps a group's pixels (in L1) before the next panel. */
    private static final int GROUP = 8;

    private ConvPointwiseForward() {}

    /** Whether a layer runs here: 1x1 stride 1, AVX-512, output channels whole pairs of vectors, a tile of pixels. */
    static boolean applies(ConvShape s) {
        return s.isPointwise() && fullTiles(s.cout(), s.pixels());
    }

    /** Whether {@link #tile} takes {@code rows} rows of {@code columns} outputs: pairs of vectors, a tile of rows, AVX-512. */
    static boolean fullTiles(int columns, int rows) {
        return S.vectorBitSize() == 512 && columns % NB == 0 && rows >= MR;
    }

    /**
     * y[p, cout] = act(x[p, cin] @ K + bias) with the kernel packed in NB-wide panels
     * {@code kp[cb][cin][NB]} and the bias in {@code bp}. The last tile overlaps its neighbour
     * (recomputing the same values) instead of needing a shorter one.
     */
    static void forward(ConvShape s, float[] x, int xOff, float[] kp, float[] bp, boolean relu, float[] y, int yOff) {
        int c = s.cin(), cout = s.cout(), pixels = s.pixels();
        int cbs = cout / NB;
        int tiles = (pixels + MR - 1) / MR;
        long macsPerTile = (long) MR * c * cout;
        int grain = (int) Math.max(1, VectorConv.MIN_PARALLEL_MACS / macsPerTile);
        Parallel.forRange(tiles, grain, (from, to) -> {
            for (int g0 = from; g0 < to; g0 += GROUP) {
                int g1 = Math.min(to, g0 + GROUP);
                for (int cb = 0; cb < cbs; cb++) {
                    for (int t = g0; t < g1; t++) {
                        int p0 = Math.min(t * MR, pixels - MR);
                        tile(x, xOff + p0 * c, c, c, kp, cb * c * NB, bp, cb * NB, relu, y, yOff + p0 * cout + cb * NB, cout);
                    }
                }
            }
        });
    }

    /**
     * Twelve rows of {@code c} values from {@code xo} ({@code xs} apart) by the NB columns of
     * kernel panel {@code kq} ({@code kp[c][NB]}), plus the bias at {@code bp[bq]}, relu if
     * asked, into y rows from {@code yo} ({@code ys} apart). Also the 1x1 input gradient's tile
     * ({@link ConvPointwiseInput}: gradient rows by K transposed).
     */
    static void tile(float[] x, int xo, int xs, int c, float[] kp, int kq, float[] bp, int bq, boolean relu,
                     float[] y, int yo, int ys) {
        FloatVector c00 = FloatVector.fromArray(S, bp, bq), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00;
        FloatVector c60 = c00, c70 = c00, c80 = c00, c90 = c00, c100 = c00, c110 = c00;
        FloatVector c01 = FloatVector.fromArray(S, bp, bq + L), c11 = c01, c21 = c01, c31 = c01, c41 = c01, c51 = c01;
        FloatVector c61 = c01, c71 = c01, c81 = c01, c91 = c01, c101 = c01, c111 = c01;
        // Two running offsets, as in VectorMicroKernel: C2 ran the indexed form at under half the speed.
        for (int t = 0, ai = xo, bi = kq; t < c; t++, ai++, bi += NB) {
            FloatVector b0 = FloatVector.fromArray(S, kp, bi);
            FloatVector b1 = FloatVector.fromArray(S, kp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, x[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[ai + xs]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[ai + 2 * xs]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[ai + 3 * xs]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, x[ai + 4 * xs]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, x[ai + 5 * xs]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, x[ai + 6 * xs]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, x[ai + 7 * xs]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            a = FloatVector.broadcast(S, x[ai + 8 * xs]);
            c80 = a.fma(b0, c80);
            c81 = a.fma(b1, c81);
            a = FloatVector.broadcast(S, x[ai + 9 * xs]);
            c90 = a.fma(b0, c90);
            c91 = a.fma(b1, c91);
            a = FloatVector.broadcast(S, x[ai + 10 * xs]);
            c100 = a.fma(b0, c100);
            c101 = a.fma(b1, c101);
            a = FloatVector.broadcast(S, x[ai + 11 * xs]);
            c110 = a.fma(b0, c110);
            c111 = a.fma(b1, c111);
        }
        // Relu as a max with a floor of 0 or -inf: under an if, C2 boxed the 24 merged vectors
        // and the tile ran at a third of its speed (72 against 205 GFLOP/s).
        FloatVector floor = FloatVector.broadcast(S, relu ? 0f : Float.NEGATIVE_INFINITY);
        c00.max(floor).intoArray(y, yo);
        c01.max(floor).intoArray(y, yo + L);
        c10.max(floor).intoArray(y, yo + 1 * ys);
        c11.max(floor).intoArray(y, yo + 1 * ys + L);
        c20.max(floor).intoArray(y, yo + 2 * ys);
        c21.max(floor).intoArray(y, yo + 2 * ys + L);
        c30.max(floor).intoArray(y, yo + 3 * ys);
        c31.max(floor).intoArray(y, yo + 3 * ys + L);
        c40.max(floor).intoArray(y, yo + 4 * ys);
        c41.max(floor).intoArray(y, yo + 4 * ys + L);
        c50.max(floor).intoArray(y, yo + 5 * ys);
        c51.max(floor).intoArray(y, yo + 5 * ys + L);
        c60.max(floor).intoArray(y, yo + 6 * ys);
        c61.max(floor).intoArray(y, yo + 6 * ys + L);
        c70.max(floor).intoArray(y, yo + 7 * ys);
        c71.max(floor).intoArray(y, yo + 7 * ys + L);
        c80.max(floor).intoArray(y, yo + 8 * ys);
        c81.max(floor).intoArray(y, yo + 8 * ys + L);
        c90.max(floor).intoArray(y, yo + 9 * ys);
        c91.max(floor).intoArray(y, yo + 9 * ys + L);
        c100.max(floor).intoArray(y, yo + 10 * ys);
        c101.max(floor).intoArray(y, yo + 10 * ys + L);
        c110.max(floor).intoArray(y, yo + 11 * ys);
        c111.max(floor).intoArray(y, yo + 11 * ys + L);
    }
}
