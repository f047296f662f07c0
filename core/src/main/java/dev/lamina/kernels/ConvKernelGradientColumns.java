package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel gradient's register tiles for layers with at most one vector of output channels, in
 * {@link ConvKernelGradient}: transposed, dK^T rows (eight output channels) by two or three
 * vectors of patch positions. Per pixel they load the positions as whole vectors and broadcast
 * eight gradient values: 11 loads per 24 multiply-adds, where {@link ConvKernelGradientTiles}'s
 * one-vector tile broadcasts a patch value for every multiply-add and ran at a third of the
 * machine's rate. AVX-512 only (24 accumulators and their operands need its 32 registers).
 * Written out per shape on purpose: a vector passed to a helper is boxed.
 */
final class ConvKernelGradientColumns {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Output channels per tile. */
    static final int ROWS = 8;
    /** Where a tile's first batch starts its sums. */
    private static final float[] ZEROS = new float[3 * L];

    private ConvKernelGradientColumns() {}

    /**
     * Whether a layer's kernel gradient takes these tiles: at most one vector of output channels
     * on AVX-512, and patch runs of whole vectors, at least two (so they split into tiles of two
     * and three vectors).
     */
    static boolean applies(int cout, int runLen) {
        return S.vectorBitSize() == 512 && cout <= L && runLen % L == 0 && runLen >= 2 * L;
    }

    /**
     * The tiles a run of {@code runLen} positions splits into: threes, then one two or two twos
     * for what is left, as {@code [start position, vector count]} pairs.
     */
    static int[][] split(int runLen) {
        int m = runLen / L;
        int twos = m % 3 == 0 ? 0 : m % 3 == 2 ? 1 : 2;
        int threes = (m - 2 * twos) / 3;
        int[][] tiles = new int[threes + twos][];
        for (int i = 0, at = 0; i < tiles.length; i++) {
            int vecs = i < threes ? 3 : 2;
            tiles[i] = new int[] {at, vecs};
            at += vecs * L;
        }
        return tiles;
    }

    /**
     * Adds to (or, when {@code !accumulate}, stores into) {@code dkT[co][at .. at + 3L)} (row
     * stride {@code patch}) for the eight output channels {@code co0 ..} (past {@code cout} the
     * last repeated: it sums the same values, so its duplicate stores agree) the sum over
     * {@code count} runs of {@code width} pixels of gradient value times the 3L patch positions
     * at input offset {@code d}: run q starts at {@code xoffs[q]}, pixels {@code xStep} apart,
     * gradient rows {@code gStride} apart from {@code go}.
     */
    static void tile3(float[] x, int[] xoffs, int count, int width, int xStep, int d, float[] g, int go, int gStride,
                      int co0, int cout, boolean accumulate, float[] dkT, int at, int patch) {
        int e0 = Math.min(co0, cout - 1), e1 = Math.min(co0 + 1, cout - 1), e2 = Math.min(co0 + 2, cout - 1), e3 = Math.min(co0 + 3, cout - 1);
        int e4 = Math.min(co0 + 4, cout - 1), e5 = Math.min(co0 + 5, cout - 1), e6 = Math.min(co0 + 6, cout - 1), e7 = Math.min(co0 + 7, cout - 1);
        int r0 = e0 * patch + at, r1 = e1 * patch + at, r2 = e2 * patch + at, r3 = e3 * patch + at;
        int r4 = e4 * patch + at, r5 = e5 * patch + at, r6 = e6 * patch + at, r7 = e7 * patch + at;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32, a40, a41, a42, a50, a51, a52, a60, a61, a62, a70, a71, a72;
        // Zeros to start from come from an array too: a vector merged from two sources
        // (a load and a constant) is boxed by C2, and the tile ran at a third of its speed.
        float[] from = accumulate ? dkT : ZEROS;
        int l0 = accumulate ? r0 : 0, l1 = accumulate ? r1 : 0, l2 = accumulate ? r2 : 0, l3 = accumulate ? r3 : 0;
        int l4 = accumulate ? r4 : 0, l5 = accumulate ? r5 : 0, l6 = accumulate ? r6 : 0, l7 = accumulate ? r7 : 0;
        a00 = FloatVector.fromArray(S, from, l0);
        a01 = FloatVector.fromArray(S, from, l0 + L);
        a02 = FloatVector.fromArray(S, from, l0 + 2 * L);
        a10 = FloatVector.fromArray(S, from, l1);
        a11 = FloatVector.fromArray(S, from, l1 + L);
        a12 = FloatVector.fromArray(S, from, l1 + 2 * L);
        a20 = FloatVector.fromArray(S, from, l2);
        a21 = FloatVector.fromArray(S, from, l2 + L);
        a22 = FloatVector.fromArray(S, from, l2 + 2 * L);
        a30 = FloatVector.fromArray(S, from, l3);
        a31 = FloatVector.fromArray(S, from, l3 + L);
        a32 = FloatVector.fromArray(S, from, l3 + 2 * L);
        a40 = FloatVector.fromArray(S, from, l4);
        a41 = FloatVector.fromArray(S, from, l4 + L);
        a42 = FloatVector.fromArray(S, from, l4 + 2 * L);
        a50 = FloatVector.fromArray(S, from, l5);
        a51 = FloatVector.fromArray(S, from, l5 + L);
        a52 = FloatVector.fromArray(S, from, l5 + 2 * L);
        a60 = FloatVector.fromArray(S, from, l6);
        a61 = FloatVector.fromArray(S, from, l6 + L);
        a62 = FloatVector.fromArray(S, from, l6 + 2 * L);
        a70 = FloatVector.fromArray(S, from, l7);
        a71 = FloatVector.fromArray(S, from, l7 + L);
        a72 = FloatVector.fromArray(S, from, l7 + 2 * L);
        FloatVector x0, x1, x2, b;
        for (int q = 0; q < count; q++) {
            int xo = xoffs[q] + d;
            for (int px = 0; px < width; px++, xo += xStep, go += gStride) {
                x0 = FloatVector.fromArray(S, x, xo);
                x1 = FloatVector.fromArray(S, x, xo + L);
                x2 = FloatVector.fromArray(S, x, xo + 2 * L);
                b = FloatVector.broadcast(S, g[go + e0]);
                a00 = b.fma(x0, a00);
                a01 = b.fma(x1, a01);
                a02 = b.fma(x2, a02);
                b = FloatVector.broadcast(S, g[go + e1]);
                a10 = b.fma(x0, a10);
                a11 = b.fma(x1, a11);
                a12 = b.fma(x2, a12);
                b = FloatVector.broadcast(S, g[go + e2]);
                a20 = b.fma(x0, a20);
                a21 = b.fma(x1, a21);
                a22 = b.fma(x2, a22);
                b = FloatVector.broadcast(S, g[go + e3]);
                a30 = b.fma(x0, a30);
                a31 = b.fma(x1, a31);
                a32 = b.fma(x2, a32);
                b = FloatVector.broadcast(S, g[go + e4]);
                a40 = b.fma(x0, a40);
                a41 = b.fma(x1, a41);
                a42 = b.fma(x2, a42);
                b = FloatVector.broadcast(S, g[go + e5]);
                a50 = b.fma(x0, a50);
                a51 = b.fma(x1, a51);
                a52 = b.fma(x2, a52);
                b = FloatVector.broadcast(S, g[go + e6]);
                a60 = b.fma(x0, a60);
                a61 = b.fma(x1, a61);
                a62 = b.fma(x2, a62);
                b = FloatVector.broadcast(S, g[go + e7]);
                a70 = b.fma(x0, a70);
                a71 = b.fma(x1, a71);
                a72 = b.fma(x2, a72);
            }
        }
        a00.intoArray(dkT, r0);
        a01.intoArray(dkT, r0 + L);
        a02.intoArray(dkT, r0 + 2 * L);
        a10.intoArray(dkT, r1);
        a11.intoArray(dkT, r1 + L);
        a12.intoArray(dkT, r1 + 2 * L);
        a20.intoArray(dkT, r2);
        a21.intoArray(dkT, r2 + L);
        a22.intoArray(dkT, r2 + 2 * L);
        a30.intoArray(dkT, r3);
        a31.intoArray(dkT, r3 + L);
        a32.intoArray(dkT, r3 + 2 * L);
        a40.intoArray(dkT, r4);
        a41.intoArray(dkT, r4 + L);
        a42.intoArray(dkT, r4 + 2 * L);
        a50.intoArray(dkT, r5);
        a51.intoArray(dkT, r5 + L);
        a52.intoArray(dkT, r5 + 2 * L);
        a60.intoArray(dkT, r6);
        a61.intoArray(dkT, r6 + L);
        a62.intoArray(dkT, r6 + 2 * L);
        a70.intoArray(dkT, r7);
        a71.intoArray(dkT, r7 + L);
        a72.intoArray(dkT, r7 + 2 * L);
    }

    /**
     * Adds to (or, when {@code !accumulate}, stores into) {@code dkT[co][at .. at + 2L)} (row
     * stride {@code patch}) for the eight output channels {@code co0 ..} (past {@code cout} the
     * last repeated: it sums the same values, so its duplicate stores agree) the sum over
     * {@code count} runs of {@code width} pixels of gradient value times the 2L patch positions
     * at input offset {@code d}: run q starts at {@code xoffs[q]}, pixels {@code xStep} apart,
     * gradient rows {@code gStride} apart from {@code go}.
     */
    static void tile2(float[] x, int[] xoffs, int count, int width, int xStep, int d, float[] g, int go, int gStride,
                      int co0, int cout, boolean accumulate, float[] dkT, int at, int patch) {
        int e0 = Math.min(co0, cout - 1), e1 = Math.min(co0 + 1, cout - 1), e2 = Math.min(co0 + 2, cout - 1), e3 = Math.min(co0 + 3, cout - 1);
        int e4 = Math.min(co0 + 4, cout - 1), e5 = Math.min(co0 + 5, cout - 1), e6 = Math.min(co0 + 6, cout - 1), e7 = Math.min(co0 + 7, cout - 1);
        int r0 = e0 * patch + at, r1 = e1 * patch + at, r2 = e2 * patch + at, r3 = e3 * patch + at;
        int r4 = e4 * patch + at, r5 = e5 * patch + at, r6 = e6 * patch + at, r7 = e7 * patch + at;
        FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51, a60, a61, a70, a71;
        // Zeros to start from come from an array too: a vector merged from two sources
        // (a load and a constant) is boxed by C2, and the tile ran at a third of its speed.
        float[] from = accumulate ? dkT : ZEROS;
        int l0 = accumulate ? r0 : 0, l1 = accumulate ? r1 : 0, l2 = accumulate ? r2 : 0, l3 = accumulate ? r3 : 0;
        int l4 = accumulate ? r4 : 0, l5 = accumulate ? r5 : 0, l6 = accumulate ? r6 : 0, l7 = accumulate ? r7 : 0;
        a00 = FloatVector.fromArray(S, from, l0);
        a01 = FloatVector.fromArray(S, from, l0 + L);
        a10 = FloatVector.fromArray(S, from, l1);
        a11 = FloatVector.fromArray(S, from, l1 + L);
        a20 = FloatVector.fromArray(S, from, l2);
        a21 = FloatVector.fromArray(S, from, l2 + L);
        a30 = FloatVector.fromArray(S, from, l3);
        a31 = FloatVector.fromArray(S, from, l3 + L);
        a40 = FloatVector.fromArray(S, from, l4);
        a41 = FloatVector.fromArray(S, from, l4 + L);
        a50 = FloatVector.fromArray(S, from, l5);
        a51 = FloatVector.fromArray(S, from, l5 + L);
        a60 = FloatVector.fromArray(S, from, l6);
        a61 = FloatVector.fromArray(S, from, l6 + L);
        a70 = FloatVector.fromArray(S, from, l7);
        a71 = FloatVector.fromArray(S, from, l7 + L);
        FloatVector x0, x1, b;
        for (int q = 0; q < count; q++) {
            int xo = xoffs[q] + d;
            for (int px = 0; px < width; px++, xo += xStep, go += gStride) {
                x0 = FloatVector.fromArray(S, x, xo);
                x1 = FloatVector.fromArray(S, x, xo + L);
                b = FloatVector.broadcast(S, g[go + e0]);
                a00 = b.fma(x0, a00);
                a01 = b.fma(x1, a01);
                b = FloatVector.broadcast(S, g[go + e1]);
                a10 = b.fma(x0, a10);
                a11 = b.fma(x1, a11);
                b = FloatVector.broadcast(S, g[go + e2]);
                a20 = b.fma(x0, a20);
                a21 = b.fma(x1, a21);
                b = FloatVector.broadcast(S, g[go + e3]);
                a30 = b.fma(x0, a30);
                a31 = b.fma(x1, a31);
                b = FloatVector.broadcast(S, g[go + e4]);
                a40 = b.fma(x0, a40);
                a41 = b.fma(x1, a41);
                b = FloatVector.broadcast(S, g[go + e5]);
                a50 = b.fma(x0, a50);
                a51 = b.fma(x1, a51);
                b = FloatVector.broadcast(S, g[go + e6]);
                a60 = b.fma(x0, a60);
                a61 = b.fma(x1, a61);
                b = FloatVector.broadcast(S, g[go + e7]);
                a70 = b.fma(x0, a70);
                a71 = b.fma(x1, a71);
            }
        }
        a00.intoArray(dkT, r0);
        a01.intoArray(dkT, r0 + L);
        a10.intoArray(dkT, r1);
        a11.intoArray(dkT, r1 + L);
        a20.intoArray(dkT, r2);
        a21.intoArray(dkT, r2 + L);
        a30.intoArray(dkT, r3);
        a31.intoArray(dkT, r3 + L);
        a40.intoArray(dkT, r4);
        a41.intoArray(dkT, r4 + L);
        a50.intoArray(dkT, r5);
        a51.intoArray(dkT, r5 + L);
        a60.intoArray(dkT, r6);
        a61.intoArray(dkT, r6 + L);
        a70.intoArray(dkT, r7);
        a71.intoArray(dkT, r7 + L);
    }
}
