package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel gradient of a stride-1, undilated 3x3 convolution by Winograd F(4x4, 3x3)
 * ({@link Winograd4}): {@code dK = G^T [sum over tiles (A dy A^T) (.) (B^T x B)] G}, a quarter of
 * the direct form's multiply-adds. Per block of tiles, the input patches and the output-gradient
 * tiles (relu-masked as they are read, summed for the bias gradient on the way) are transformed
 * into the core's cache, and each of the 36 positions adds the block's
 * {@code x-hat^T dy-hat} into its sums, in register tiles of eight input channels by two vectors
 * of output channels that run down the block's tiles.
 *
 * <p>The blocks are cut into a fixed number of parts, each summed on its own and the parts added
 * in order, so results do not depend on the thread count.
 */
final class WinogradKernelGradient {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    private static final int TILES = WinogradConv.TILES;
    /** Input channels per register tile. */
    private static final int CI = 8;
    /** Parts the blocks are cut into (at most). */
    private static final int PARTS = 8;
    /** Position sums per part at most (floats), so the parts' sums stay in the cores' caches. */
    private static final int MAX_SUMS = 1 << 18;

    private WinogradKernelGradient() {}

    /**
     * Whether this path takes the layer: 3x3, stride 1, undilated, input channels in whole
     * vectors (the transforms') and register tiles, output channels in whole pairs of vectors, outputs large enough for
     * F(4x4, 3x3) to save work ({@link Winograd4#beatsF2}), and position sums that fit the caches.
     */
    static boolean applies(ConvShape s) {
        return s.kh() == 3 && s.kw() == 3 && s.strideH() == 1 && s.strideW() == 1 && s.dilationH() == 1
                && s.dilationW() == 1 && s.cin() % L == 0 && s.cin() % CI == 0 && s.cout() % (2 * L) == 0 && s.n() > 0
                && s.ho() >= 4 && s.wo() >= 4 && Winograd4.beatsF2(s.ho(), s.wo())
                && (long) Winograd4.POSITIONS * s.cin() * s.cout() <= MAX_SUMS;
    }

    /**
     * dk (Keras layout, from dkOff) of the layer; with {@code out} non-null the gradient of its
     * relu-fused forward pass (dy counts where out > 0), and {@code db}, if non-null, gets the
     * counted dy's sum over pixels.
     */
    static void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff,
                               float[] dk, int dkOff, float[] db) {
        int c = s.cin(), cout = s.cout(), ho = s.ho(), wo = s.wo();
        ConvScratch sc = ConvScratch.get();
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), c, s.padTop(), s.padLeft(),
                Winograd4.sourceRows(ho), Winograd4.sourceRows(wo));
        int th = (ho + 3) / 4, tw = (wo + 3) / 4;
        int tiles = s.n() * th * tw;
        int blocks = (tiles + TILES - 1) / TILES;
        int parts = Math.min(PARTS, blocks);
        int sums = Winograd4.POSITIONS * c * cout;
        // Each part's position sums, then its bias sums.
        int stride = sums + cout;
        float[] acc = sc.partials(parts * stride);
        int dyRow = wo * cout;
        Parallel.forRange(parts, 1, (p0, p1) -> {
            ConvScratch own = ConvScratch.get();
            float[] v = own.transformed(Winograd4.POSITIONS * TILES * c);
            float[] d = own.products(Winograd4.POSITIONS * TILES * cout);
            for (int part = p0; part < p1; part++) {
                int base = part * stride;
                Arrays.fill(acc, base, base + stride, 0f);
                for (int blk = part * blocks / parts, end = (part + 1) * blocks / parts; blk < end; blk++) {
                    int t0 = blk * TILES;
                    int nt = Math.min(TILES, tiles - t0);
                    for (int t = 0; t < nt; t++) {
                        int at = t0 + t;
                        int b = at / (th * tw);
                        int oy = 4 * (at / tw - b * th);
                        int ox = 4 * (at % tw);
                        Winograd4.inputTile(src.a(), src.off() + ((b * src.hs() + oy) * src.ws() + ox) * c,
                                src.ws() * c, c, v, t * c, TILES * c);
                        int go = ((b * ho + oy) * wo + ox) * cout;
                        Winograd4.gradientTile(dy, out, outOff - dyOff, dyOff + go, dyRow, cout,
                                Math.min(4, ho - oy), Math.min(4, wo - ox), d, t * cout, TILES * cout, acc, base + sums);
                    }
                    for (int xi = 0; xi < Winograd4.POSITIONS; xi++) {
                        for (int ci = 0; ci < c; ci += CI) {
                            for (int co = 0; co < cout; co += 2 * L) {
                                sumTile(v, xi * TILES * c + ci, c, d, xi * TILES * cout + co, cout, nt, acc,
                                        base + (xi * c + ci) * cout + co);
                            }
                        }
                    }
                }
            }
        });
        // The parts added in order for every element, by whichever thread: the same sums for any thread count.
        Parallel.forRange(stride / L, 256, (from, to) -> {
            for (int i = from * L, end = to * L; i < end; i += L) {
                FloatVector sum = FloatVector.fromArray(S, acc, i);
                for (int part = 1; part < parts; part++) {
                    sum = sum.add(FloatVector.fromArray(S, acc, part * stride + i));
                }
                sum.intoArray(acc, i);
            }
        });
        Winograd4.kernelFromPositions(acc, 0, c, cout, dk, dkOff);
        if (db != null) {
            System.arraycopy(acc, sums, db, 0, cout);
        }
    }

    /**
     * acc[ao + i * cout + (0..2L)] += sum over the nt tiles t of
     * v[vo + t * c + i] * d[dOff + t * cout + (0..2L)], for the eight input channels i.
     */
    private static void sumTile(float[] v, int vo, int c, float[] d, int dOff, int cout, int nt, float[] acc, int ao) {
        FloatVector a0_0 = FloatVector.fromArray(S, acc, ao), a0_1 = FloatVector.fromArray(S, acc, ao + L);
        FloatVector a1_0 = FloatVector.fromArray(S, acc, ao + cout), a1_1 = FloatVector.fromArray(S, acc, ao + cout + L);
        FloatVector a2_0 = FloatVector.fromArray(S, acc, ao + 2 * cout), a2_1 = FloatVector.fromArray(S, acc, ao + 2 * cout + L);
        FloatVector a3_0 = FloatVector.fromArray(S, acc, ao + 3 * cout), a3_1 = FloatVector.fromArray(S, acc, ao + 3 * cout + L);
        FloatVector a4_0 = FloatVector.fromArray(S, acc, ao + 4 * cout), a4_1 = FloatVector.fromArray(S, acc, ao + 4 * cout + L);
        FloatVector a5_0 = FloatVector.fromArray(S, acc, ao + 5 * cout), a5_1 = FloatVector.fromArray(S, acc, ao + 5 * cout + L);
        FloatVector a6_0 = FloatVector.fromArray(S, acc, ao + 6 * cout), a6_1 = FloatVector.fromArray(S, acc, ao + 6 * cout + L);
        FloatVector a7_0 = FloatVector.fromArray(S, acc, ao + 7 * cout), a7_1 = FloatVector.fromArray(S, acc, ao + 7 * cout + L);
        for (int t = 0; t < nt; t++) {
            int pv = vo + t * c, pd = dOff + t * cout;
            FloatVector b0 = FloatVector.fromArray(S, d, pd), b1 = FloatVector.fromArray(S, d, pd + L);
            FloatVector a = FloatVector.broadcast(S, v[pv]);
            a0_0 = a.fma(b0, a0_0);
            a0_1 = a.fma(b1, a0_1);
            a = FloatVector.broadcast(S, v[pv + 1]);
            a1_0 = a.fma(b0, a1_0);
            a1_1 = a.fma(b1, a1_1);
            a = FloatVector.broadcast(S, v[pv + 2]);
            a2_0 = a.fma(b0, a2_0);
            a2_1 = a.fma(b1, a2_1);
            a = FloatVector.broadcast(S, v[pv + 3]);
            a3_0 = a.fma(b0, a3_0);
            a3_1 = a.fma(b1, a3_1);
            a = FloatVector.broadcast(S, v[pv + 4]);
            a4_0 = a.fma(b0, a4_0);
            a4_1 = a.fma(b1, a4_1);
            a = FloatVector.broadcast(S, v[pv + 5]);
            a5_0 = a.fma(b0, a5_0);
            a5_1 = a.fma(b1, a5_1);
            a = FloatVector.broadcast(S, v[pv + 6]);
            a6_0 = a.fma(b0, a6_0);
            a6_1 = a.fma(b1, a6_1);
            a = FloatVector.broadcast(S, v[pv + 7]);
            a7_0 = a.fma(b0, a7_0);
            a7_1 = a.fma(b1, a7_1);
        }
        a0_0.intoArray(acc, ao);
        a0_1.intoArray(acc, ao + L);
        a1_0.intoArray(acc, ao + cout);
        a1_1.intoArray(acc, ao + cout + L);
        a2_0.intoArray(acc, ao + 2 * cout);
        a2_1.intoArray(acc, ao + 2 * cout + L);
        a3_0.intoArray(acc, ao + 3 * cout);
        a3_1.intoArray(acc, ao + 3 * cout + L);
        a4_0.intoArray(acc, ao + 4 * cout);
        a4_1.intoArray(acc, ao + 4 * cout + L);
        a5_0.intoArray(acc, ao + 5 * cout);
        a5_1.intoArray(acc, ao + 5 * cout + L);
        a6_0.intoArray(acc, ao + 6 * cout);
        a6_1.intoArray(acc, ao + 6 * cout + L);
        a7_0.intoArray(acc, ao + 7 * cout);
        a7_1.intoArray(acc, ao + 7 * cout + L);
    }
}
