package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise convolutions (multiplier 1) on 256-bit lanes, for {@link VectorConv}.
 *
 * <p>With a multiple of 8 channels, lanes run over channels: a register tile of eight output
 * pixels shares each kernel vector (9 loads per 8 FMAs), any stride or dilation. With other
 * channel counts and stride 1, an output row is one flat run of {@code wo * c} values and
 * tap (i, j) reads a flat run of the input row shifted by {@code j * dw * c}; the kernel is
 * expanded along the row once per call ({@code kexp[t][f] = k[t][f mod c]}) so lanes need not
 * line up with channels. The input gradient is the same correlation over the padded output
 * gradient with the kernel flipped. The kernel gradient sums over pixels per thread, then adds
 * the per-thread sums in a fixed order. Anything else (multiplier > 1, strided input gradient,
 * strided layers with ragged channels) goes to {@link ScalarConv}.
 */
final class VectorDepthwise {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Flat-row block: four vectors. */
    private static final int FB = 4 * L;
    private static final long MIN_PARALLEL_MACS = 100_000;

    private final ConvKernels fallback;

    VectorDepthwise(ConvKernels fallback) {
        this.fallback = fallback;
    }

    void forward(ConvShape s, float[] x, int xOff, float[] k, int kOff, float[] y, int yOff) {
        int c = s.cin();
        if (s.cout() != c || (c % L != 0 && s.strideW() != 1)) {
            fallback.depthwiseForward(s, x, xOff, k, kOff, y, yOff);
            return;
        }
        if (s.pixels() == 0) {
            return;
        }
        ConvScratch sc = ConvScratch.get();
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), c, s.padTop(), s.padLeft(),
                (s.ho() - 1) * s.strideH() + (s.kh() - 1) * s.dilationH() + 1,
                (s.wo() - 1) * s.strideW() + (s.kw() - 1) * s.dilationW() + 1);
        correlate(sc, src, c, s.kh(), s.kw(), s.strideH(), s.strideW(), s.dilationH(), s.dilationW(),
                s.n(), s.ho(), s.wo(), k, kOff, y, yOff);
    }

    void backwardInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff) {
        int c = s.cin();
        if (s.cout() != c || s.strideH() != 1 || s.strideW() != 1) {
            fallback.depthwiseBackwardInput(s, dy, dyOff, k, kOff, dx, dxOff);
            return;
        }
        if (s.n() == 0) {
            return;
        }
        ConvScratch sc = ConvScratch.get();
        int effH = (s.kh() - 1) * s.dilationH();
        int effW = (s.kw() - 1) * s.dilationW();
        ConvScratch.Source src = ConvScratch.source(sc, dy, dyOff, s.n(), s.ho(), s.wo(), c, effH - s.padTop(),
                effW - s.padLeft(), s.h() + effH, s.w() + effW);
        int taps = s.kh() * s.kw();
        float[] kf = sc.packed(taps * c);
        for (int t = 0; t < taps; t++) {
            System.arraycopy(k, kOff + (taps - 1 - t) * c, kf, t * c, c);
        }
        correlate(sc, src, c, s.kh(), s.kw(), 1, 1, s.dilationH(), s.dilationW(), s.n(), s.h(), s.w(), kf, 0, dx, dxOff);
    }

    /** y[n, ho, wo, c] = depthwise correlation of the (bounds-free) source with k[kh, kw, c]. */
    private static void correlate(ConvScratch sc, ConvScratch.Source src, int c, int kh, int kw, int sh, int sw,
                                  int dh, int dw, int n, int ho, int wo, float[] k, int kOff, float[] y, int yOff) {
        int rows = n * ho;
        long macsPerRow = (long) wo * c * kh * kw;
        int grain = (int) Math.max(1, MIN_PARALLEL_MACS / Math.max(1, macsPerRow));
        if (c % L == 0 && kw == 3 && sw == 1 && dw == 1 && wo >= 8) {
            Parallel.forRange(rows, grain, (r0, r1) -> slidingRows(src, c, kh, sh, dh, ho, wo, k, kOff, y, yOff, r0, r1));
            return;
        }
        if (c % L == 0) {
            Parallel.forRange(rows, grain, (r0, r1) -> channelRows(src, c, kh, kw, sh, sw, dh, dw, ho, wo, k, kOff,
                    y, yOff, r0, r1));
            return;
        }
        int f = wo * c;
        int taps = kh * kw;
        float[] kexp = sc.expanded(taps * f);
        for (int t = 0; t < taps; t++) {
            for (int i = 0; i < f; i++) {
                kexp[t * f + i] = k[kOff + t * c + i % c];
            }
        }
        Parallel.forRange(rows, grain, (r0, r1) -> flatRows(src, c, kh, kw, sh, dh, dw, ho, wo, kexp, y, yOff, r0, r1));
    }

    /**
     * Output rows [r0, r1) of a 3-wide, stride-1 kernel, channels a multiple of 8: tiles of 8
     * pixels x 8 channels where each input vector of a kernel row is loaded once and feeds the
     * (up to) three outputs it touches: 10 input and 3 kernel loads per 24 FMAs per kernel row,
     * instead of 27 and 3.
     */
    private static void slidingRows(ConvScratch.Source src, int c, int kh, int sh, int dh, int ho, int wo,
                                    float[] k, int kOff, float[] y, int yOff, int r0, int r1) {
        int ws = src.ws();
        int[] srcRows = new int[kh];
        int[] kRows = new int[kh];
        for (int row = r0; row < r1; row++) {
            int b = row / ho, oy = row % ho;
            int xRow = src.off() + ((b * src.hs() + oy * sh) * ws) * c;
            for (int i = 0; i < kh; i++) {
                srcRows[i] = xRow + i * dh * ws * c;
                kRows[i] = kOff + i * 3 * c;
            }
            int yRow = yOff + row * wo * c;
            for (int ox0 = 0; ox0 < wo; ox0 += 8) {
                int p = Math.min(ox0, wo - 8);
                for (int q = 0; q < c; q += L) {
                    slidingTile(src.a(), srcRows, p * c + q, k, kRows, q, c, kh, c, y, yRow + p * c + q);
                }
            }
        }
    }

    /**
     * One tile of 8 outputs by one vector of channels of a 3-wide, stride-1 correlation over
     * {@code rows} kernel rows: {@code y[o + m c] = sum_r sum_j k(r, j) v(r, m + j)}, where
     * {@code v(r, u) = src[srcRows[r] + base + u c]} and {@code k(r, j) = k[kRows[r] + kBase + j kStep]}
     * (a negative step reads a flipped kernel row). Each input vector is loaded once and feeds
     * the (up to) three outputs it touches.
     */
    static void slidingTile(float[] src, int[] srcRows, int base, float[] k, int[] kRows, int kBase, int kStep, int rows,
                            int c, float[] y, int o) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int r = 0; r < rows; r++) {
            int kq = kRows[r] + kBase;
            FloatVector k0 = FloatVector.fromArray(S, k, kq);
            FloatVector k1 = FloatVector.fromArray(S, k, kq + kStep);
            FloatVector k2 = FloatVector.fromArray(S, k, kq + 2 * kStep);
            int xm = srcRows[r] + base;
            FloatVector v = FloatVector.fromArray(S, src, xm);
            a0 = v.fma(k0, a0);
            v = FloatVector.fromArray(S, src, xm += c);
            a1 = v.fma(k0, a1);
            a0 = v.fma(k1, a0);
            v = FloatVector.fromArray(S, src, xm += c);
            a2 = v.fma(k0, a2);
            a1 = v.fma(k1, a1);
            a0 = v.fma(k2, a0);
            v = FloatVector.fromArray(S, src, xm += c);
            a3 = v.fma(k0, a3);
            a2 = v.fma(k1, a2);
            a1 = v.fma(k2, a1);
            v = FloatVector.fromArray(S, src, xm += c);
            a4 = v.fma(k0, a4);
            a3 = v.fma(k1, a3);
            a2 = v.fma(k2, a2);
            v = FloatVector.fromArray(S, src, xm += c);
            a5 = v.fma(k0, a5);
            a4 = v.fma(k1, a4);
            a3 = v.fma(k2, a3);
            v = FloatVector.fromArray(S, src, xm += c);
            a6 = v.fma(k0, a6);
            a5 = v.fma(k1, a5);
            a4 = v.fma(k2, a4);
            v = FloatVector.fromArray(S, src, xm += c);
            a7 = v.fma(k0, a7);
            a6 = v.fma(k1, a6);
            a5 = v.fma(k2, a5);
            v = FloatVector.fromArray(S, src, xm += c);
            a7 = v.fma(k1, a7);
            a6 = v.fma(k2, a6);
            v = FloatVector.fromArray(S, src, xm + c);
            a7 = v.fma(k2, a7);
        }
        a0.intoArray(y, o);
        a1.intoArray(y, o + c);
        a2.intoArray(y, o + 2 * c);
        a3.intoArray(y, o + 3 * c);
        a4.intoArray(y, o + 4 * c);
        a5.intoArray(y, o + 5 * c);
        a6.intoArray(y, o + 6 * c);
        a7.intoArray(y, o + 7 * c);
    }

    /** Output rows [r0, r1), channels a multiple of 8: tiles of 8 pixels x 8 channels. */
    private static void channelRows(ConvScratch.Source src, int c, int kh, int kw, int sh, int sw, int dh, int dw,
                                    int ho, int wo, float[] k, int kOff, float[] y, int yOff, int r0, int r1) {
        float[] x = src.a();
        int ws = src.ws();
        int px = sw * c;
        for (int row = r0; row < r1; row++) {
            int b = row / ho, oy = row % ho;
            int xRow = src.off() + ((b * src.hs() + oy * sh) * ws) * c;
            int yRow = yOff + row * wo * c;
            for (int ox0 = 0; ox0 < wo; ox0 += 8) {
                int p = Math.max(0, Math.min(ox0, wo - 8));
                int e1 = Math.min(p + 1, wo - 1), e2 = Math.min(p + 2, wo - 1), e3 = Math.min(p + 3, wo - 1);
                int e4 = Math.min(p + 4, wo - 1), e5 = Math.min(p + 5, wo - 1), e6 = Math.min(p + 6, wo - 1);
                int e7 = Math.min(p + 7, wo - 1);
                int x0 = xRow + p * px, x1 = xRow + e1 * px, x2 = xRow + e2 * px, x3 = xRow + e3 * px;
                int x4 = xRow + e4 * px, x5 = xRow + e5 * px, x6 = xRow + e6 * px, x7 = xRow + e7 * px;
                for (int q = 0; q < c; q += L) {
                    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            FloatVector kv = FloatVector.fromArray(S, k, kOff + (i * kw + j) * c + q);
                            int d = (i * dh * ws + j * dw) * c + q;
                            a0 = FloatVector.fromArray(S, x, x0 + d).fma(kv, a0);
                            a1 = FloatVector.fromArray(S, x, x1 + d).fma(kv, a1);
                            a2 = FloatVector.fromArray(S, x, x2 + d).fma(kv, a2);
                            a3 = FloatVector.fromArray(S, x, x3 + d).fma(kv, a3);
                            a4 = FloatVector.fromArray(S, x, x4 + d).fma(kv, a4);
                            a5 = FloatVector.fromArray(S, x, x5 + d).fma(kv, a5);
                            a6 = FloatVector.fromArray(S, x, x6 + d).fma(kv, a6);
                            a7 = FloatVector.fromArray(S, x, x7 + d).fma(kv, a7);
                        }
                    }
                    a0.intoArray(y, yRow + p * c + q);
                    a1.intoArray(y, yRow + e1 * c + q);
                    a2.intoArray(y, yRow + e2 * c + q);
                    a3.intoArray(y, yRow + e3 * c + q);
                    a4.intoArray(y, yRow + e4 * c + q);
                    a5.intoArray(y, yRow + e5 * c + q);
                    a6.intoArray(y, yRow + e6 * c + q);
                    a7.intoArray(y, yRow + e7 * c + q);
                }
            }
        }
    }

    /** Output rows [r0, r1) as flat runs of wo * c values (stride 1), kernel expanded along the row. */
    private static void flatRows(ConvScratch.Source src, int c, int kh, int kw, int sh, int dh, int dw, int ho, int wo,
                                 float[] kexp, float[] y, int yOff, int r0, int r1) {
        float[] x = src.a();
        int ws = src.ws();
        int f = wo * c;
        for (int row = r0; row < r1; row++) {
            int b = row / ho, oy = row % ho;
            int xRow = src.off() + ((b * src.hs() + oy * sh) * ws) * c;
            int yRow = yOff + row * f;
            if (f < FB) {
                for (int i0 = 0; i0 < f; i0++) {
                    float acc = 0f;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            acc += x[xRow + (i * dh * ws + j * dw) * c + i0] * kexp[(i * kw + j) * f + i0];
                        }
                    }
                    y[yRow + i0] = acc;
                }
                continue;
            }
            for (int f0 = 0; f0 < f; f0 += FB) {
                int p = Math.min(f0, f - FB);
                FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int xo = xRow + (i * dh * ws + j * dw) * c + p;
                        int ko = (i * kw + j) * f + p;
                        a0 = FloatVector.fromArray(S, x, xo).fma(FloatVector.fromArray(S, kexp, ko), a0);
                        a1 = FloatVector.fromArray(S, x, xo + L).fma(FloatVector.fromArray(S, kexp, ko + L), a1);
                        a2 = FloatVector.fromArray(S, x, xo + 2 * L).fma(FloatVector.fromArray(S, kexp, ko + 2 * L), a2);
                        a3 = FloatVector.fromArray(S, x, xo + 3 * L).fma(FloatVector.fromArray(S, kexp, ko + 3 * L), a3);
                    }
                }
                a0.intoArray(y, yRow + p);
                a1.intoArray(y, yRow + p + L);
                a2.intoArray(y, yRow + p + 2 * L);
                a3.intoArray(y, yRow + p + 3 * L);
            }
        }
    }

    void backwardKernel(ConvShape s, float[] x, int xOff, float[] dy, int dyOff, float[] dk, int dkOff) {
        int c = s.cin();
        int taps = s.kh() * s.kw();
        if (s.cout() != c || (c % L != 0 && s.strideW() != 1)) {
            fallback.depthwiseBackwardKernel(s, x, xOff, dy, dyOff, dk, dkOff);
            return;
        }
        java.util.Arrays.fill(dk, dkOff, dkOff + taps * c, 0f);
        if (s.pixels() == 0) {
            return;
        }
        ConvScratch sc = ConvScratch.get();
        ConvScratch.Source src = ConvScratch.source(sc, x, xOff, s.n(), s.h(), s.w(), c, s.padTop(), s.padLeft(),
                (s.ho() - 1) * s.strideH() + (s.kh() - 1) * s.dilationH() + 1,
                (s.wo() - 1) * s.strideW() + (s.kw() - 1) * s.dilationW() + 1);
        int rows = s.n() * s.ho();
        boolean flat = c % L != 0;
        int width = flat ? s.wo() * c : c; // length of one tap's partial sums
        long macs = (long) rows * s.wo() * c * taps;
        int chunks = macs < MIN_PARALLEL_MACS ? 1 : Math.min(Parallel.threads(), rows);
        float[][] partial = new float[chunks][];
        Parallel.forRange(chunks, (c0, c1) -> {
            for (int ci = c0; ci < c1; ci++) {
                float[] acc = new float[taps * width];
                int r0 = (int) ((long) ci * rows / chunks), r1 = (int) ((long) (ci + 1) * rows / chunks);
                if (flat) {
                    flatKernelRows(src, s, dy, dyOff, acc, r0, r1);
                } else if (c % (2 * L) == 0 && s.kw() == 3 && s.strideW() == 1 && s.dilationW() == 1) {
                    slidingKernelRows(src, s, dy, dyOff, acc, r0, r1);
                } else {
                    channelKernelRows(src, s, dy, dyOff, acc, r0, r1);
                }
                partial[ci] = acc;
            }
        });
        for (float[] acc : partial) {
            for (int t = 0; t < taps; t++) {
                for (int i = 0; i < width; i++) {
                    dk[dkOff + t * c + i % c] += acc[t * width + i];
                }
            }
        }
    }

    /**
     * Adds to acc[t][c] the kernel gradient of output rows [r0, r1) for a 3-wide, stride-1
     * kernel, channels a multiple of 16: along a row the three taps' sums stay in registers for
     * 16 channels and each input vector is loaded once (it meets dy at three positions), so a
     * pixel costs 2 dy and 2 input loads for 6 FMAs.
     */
    private static void slidingKernelRows(ConvScratch.Source src, ConvShape s, float[] dy, int dyOff, float[] acc,
                                          int r0, int r1) {
        float[] x = src.a();
        int c = s.cin(), ws = src.ws(), wo = s.wo();
        for (int row = r0; row < r1; row++) {
            int b = row / s.ho(), oy = row % s.ho();
            int xRow = src.off() + ((b * src.hs() + oy * s.strideH()) * ws) * c;
            int gRow = dyOff + row * wo * c;
            for (int i = 0; i < s.kh(); i++) {
                int xb = xRow + i * s.dilationH() * ws * c;
                int t = i * 3 * c;
                for (int q = 0; q < c; q += 2 * L) {
                    FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, u0 = s0, u1 = s0, u2 = s0;
                    int xo = xb + q;
                    // x at ox, ox+1 for both halves of the 16 channels; ox+2 is loaded each step.
                    FloatVector xa = FloatVector.fromArray(S, x, xo), ya = FloatVector.fromArray(S, x, xo + L);
                    FloatVector xb1 = FloatVector.fromArray(S, x, xo + c), yb = FloatVector.fromArray(S, x, xo + c + L);
                    int go = gRow + q;
                    for (int ox = 0; ox < wo; ox++, xo += c, go += c) {
                        FloatVector xc = FloatVector.fromArray(S, x, xo + 2 * c);
                        FloatVector yc = FloatVector.fromArray(S, x, xo + 2 * c + L);
                        FloatVector g0 = FloatVector.fromArray(S, dy, go);
                        FloatVector g1 = FloatVector.fromArray(S, dy, go + L);
                        s0 = xa.fma(g0, s0);
                        s1 = xb1.fma(g0, s1);
                        s2 = xc.fma(g0, s2);
                        u0 = ya.fma(g1, u0);
                        u1 = yb.fma(g1, u1);
                        u2 = yc.fma(g1, u2);
                        xa = xb1;
                        xb1 = xc;
                        ya = yb;
                        yb = yc;
                    }
                    FloatVector.fromArray(S, acc, t + q).add(s0).intoArray(acc, t + q);
                    FloatVector.fromArray(S, acc, t + c + q).add(s1).intoArray(acc, t + c + q);
                    FloatVector.fromArray(S, acc, t + 2 * c + q).add(s2).intoArray(acc, t + 2 * c + q);
                    FloatVector.fromArray(S, acc, t + q + L).add(u0).intoArray(acc, t + q + L);
                    FloatVector.fromArray(S, acc, t + c + q + L).add(u1).intoArray(acc, t + c + q + L);
                    FloatVector.fromArray(S, acc, t + 2 * c + q + L).add(u2).intoArray(acc, t + 2 * c + q + L);
                }
            }
        }
    }

    /** Adds to acc[t][c] the kernel gradient of output rows [r0, r1), channels a multiple of 8. */
    private static void channelKernelRows(ConvScratch.Source src, ConvShape s, float[] dy, int dyOff, float[] acc,
                                          int r0, int r1) {
        float[] x = src.a();
        int c = s.cin(), ws = src.ws(), wo = s.wo(), kw = s.kw();
        int px = s.strideW() * c;
        for (int row = r0; row < r1; row++) {
            int b = row / s.ho(), oy = row % s.ho();
            int xRow = src.off() + ((b * src.hs() + oy * s.strideH()) * ws) * c;
            int gRow = dyOff + row * wo * c;
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < kw; j++) {
                    int xb = xRow + (i * s.dilationH() * ws + j * s.dilationW()) * c;
                    int t = (i * kw + j) * c;
                    for (int q = 0; q < c; q += L) {
                        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                        int ox = 0;
                        int xo = xb + q, go = gRow + q;
                        for (; ox <= wo - 4; ox += 4, xo += 4 * px, go += 4 * c) {
                            a0 = FloatVector.fromArray(S, x, xo).fma(FloatVector.fromArray(S, dy, go), a0);
                            a1 = FloatVector.fromArray(S, x, xo + px).fma(FloatVector.fromArray(S, dy, go + c), a1);
                            a2 = FloatVector.fromArray(S, x, xo + 2 * px).fma(FloatVector.fromArray(S, dy, go + 2 * c), a2);
                            a3 = FloatVector.fromArray(S, x, xo + 3 * px).fma(FloatVector.fromArray(S, dy, go + 3 * c), a3);
                        }
                        for (; ox < wo; ox++, xo += px, go += c) {
                            a0 = FloatVector.fromArray(S, x, xo).fma(FloatVector.fromArray(S, dy, go), a0);
                        }
                        FloatVector.fromArray(S, acc, t + q).add(a0.add(a1).add(a2.add(a3))).intoArray(acc, t + q);
                    }
                }
            }
        }
    }

    /** Adds to acc[t][f] (f along the flat output row) the kernel gradient of rows [r0, r1), stride 1. */
    private static void flatKernelRows(ConvScratch.Source src, ConvShape s, float[] dy, int dyOff, float[] acc,
                                       int r0, int r1) {
        float[] x = src.a();
        int c = s.cin(), ws = src.ws(), kw = s.kw();
        int f = s.wo() * c;
        int fv = f - f % L;
        for (int row = r0; row < r1; row++) {
            int b = row / s.ho(), oy = row % s.ho();
            int xRow = src.off() + ((b * src.hs() + oy * s.strideH()) * ws) * c;
            int gRow = dyOff + row * f;
            for (int i = 0; i < s.kh(); i++) {
                for (int j = 0; j < kw; j++) {
                    int xb = xRow + (i * s.dilationH() * ws + j * s.dilationW()) * c;
                    int t = (i * kw + j) * f;
                    int q = 0;
                    for (; q < fv; q += L) {
                        FloatVector a = FloatVector.fromArray(S, acc, t + q);
                        FloatVector.fromArray(S, x, xb + q).fma(FloatVector.fromArray(S, dy, gRow + q), a).intoArray(acc, t + q);
                    }
                    for (; q < f; q++) {
                        acc[t + q] += x[xb + q] * dy[gRow + q];
                    }
                }
            }
        }
    }
}
