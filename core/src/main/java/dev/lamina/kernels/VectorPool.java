package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PoolKernels} on 256-bit lanes over channels, parallel over images. The max keeps its
 * winner's index in an int vector updated by the same compare mask as the value (a blend, not
 * a branch per element); ties keep the first cell, NaN never replaces a number, as in
 * {@link ScalarPool}. Channels past the last multiple of the lane count take the scalar loop.
 */
public final class VectorPool implements PoolKernels {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final VectorSpecies<Integer> I = VectorWidth.I;
    private static final int L = S.length();
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);

    @Override
    public void maxForward(ConvShape s, float[] x, int xOff, float[] y, int[] argmax) {
        if (tiles2x2(s)) {
            Parallel.forRange(s.n(), (b0, b1) -> max2x2(s, x, xOff, y, argmax, b0, b1));
            return;
        }
        Parallel.forRange(s.n(), (b0, b1) -> {
            int c = s.cin(), h = s.h(), w = s.w();
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < s.ho(); oy++) {
                    int y0 = ScalarPool.rowStart(s, oy), y1 = ScalarPool.rowEnd(s, oy);
                    for (int ox = 0; ox < s.wo(); ox++) {
                        int x0 = ScalarPool.colStart(s, ox), x1 = ScalarPool.colEnd(s, ox);
                        int o = ((b * s.ho() + oy) * s.wo() + ox) * c;
                        int first = ((b * h + y0) * w + x0) * c;
                        int q = 0;
                        if (argmax == null) {
                            // Inference: the maxima alone.
                            for (; q <= c - L; q += L) {
                                FloatVector m = FloatVector.fromArray(S, x, xOff + first + q);
                                for (int iy = y0; iy < y1; iy++) {
                                    int row = (b * h + iy) * w;
                                    for (int ix = iy == y0 ? x0 + 1 : x0; ix < x1; ix++) {
                                        FloatVector v = FloatVector.fromArray(S, x, xOff + (row + ix) * c + q);
                                        m = m.blend(v, v.compare(VectorOperators.GT, m));
                                    }
                                }
                                m.intoArray(y, o + q);
                            }
                        }
                        for (; q <= c - L; q += L) {
                            FloatVector m = FloatVector.fromArray(S, x, xOff + first + q);
                            IntVector idx = IOTA.add(first + q);
                            for (int iy = y0; iy < y1; iy++) {
                                int row = (b * h + iy) * w;
                                for (int ix = iy == y0 ? x0 + 1 : x0; ix < x1; ix++) {
                                    int xi = (row + ix) * c + q;
                                    FloatVector v = FloatVector.fromArray(S, x, xOff + xi);
                                    VectorMask<Float> gt = v.compare(VectorOperators.GT, m);
                                    m = m.blend(v, gt);
                                    idx = idx.blend(IOTA.add(xi), gt.cast(I));
                                }
                            }
                            m.intoArray(y, o + q);
                            idx.intoArray(argmax, o + q);
                        }
                        for (; q < c; q++) {
                            int best = first + q;
                            float m = x[xOff + best];
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = x0; ix < x1; ix++) {
                                    int xi = ((b * h + iy) * w + ix) * c + q;
                                    if (x[xOff + xi] > m) {
                                        m = x[xOff + xi];
                                        best = xi;
                                    }
                                }
                            }
                            y[o + q] = m;
                            if (argmax != null) {
                                argmax[o + q] = best;
                            }
                        }
                    }
                }
            }
        });
    }

    /** Whether the windows are 2x2, stride 2, without padding, over whole vectors of channels (W2's and W7's poolings). */
    static boolean tiles2x2(ConvShape s) {
        return s.kh() == 2 && s.kw() == 2 && s.strideH() == 2 && s.strideW() == 2 && s.padTop() == 0 && s.padLeft() == 0
                && 2 * s.ho() <= s.h() && 2 * s.wo() <= s.w() && s.cin() % L == 0;
    }

    /**
     * {@link #maxForward} of images [b0, b1) for {@link #tiles2x2} windows, straight-line: four
     * loads and three compare-and-blends per vector. The general loop (window bounds per pixel,
     * a branch for its first cell) ran at half the memory's rate (W7's 60x60x64 pooling: 1.87 ms
     * on two threads, 3.9 on one).
     */
    private static void max2x2(ConvShape s, float[] x, int xOff, float[] y, int[] argmax, int b0, int b1) {
        int c = s.cin(), w = s.w(), ho = s.ho(), wo = s.wo();
        for (int b = b0; b < b1; b++) {
            for (int oy = 0; oy < ho; oy++) {
                maxRowPair(x, xOff, ((b * s.h() + 2 * oy) * w) * c, w * c, c, wo, y, ((b * ho + oy) * wo) * c, argmax, 0);
            }
        }
    }

    /**
     * One row of {@code wo} 2x2 windows over whole vectors of {@code c} channels: cell rows at
     * {@code x[xOff + top]} and {@code rs} further, maxima into {@code y[o..]}, and (when
     * {@code argmax} is non-null) each winner's index, relative to xOff plus {@code argShift}.
     * Also the pooling half of {@link ConvPointwisePooled}, over a band of rows in L1.
     */
    static void maxRowPair(float[] x, int xOff, int top, int rs, int c, int wo, float[] y, int o, int[] argmax,
                           int argShift) {
        // The winner's offset from the window's first cell, blended by the same masks.
        IntVector right = IntVector.broadcast(I, c), below = IntVector.broadcast(I, rs), diagonal = IntVector.broadcast(I, rs + c);
        IntVector none = IntVector.zero(I);
        for (int ox = 0; ox < wo; ox++, top += 2 * c, o += c) {
            for (int q = 0; q < c; q += L) {
                int f = top + q;
                FloatVector m = FloatVector.fromArray(S, x, xOff + f);
                FloatVector v1 = FloatVector.fromArray(S, x, xOff + f + c);
                FloatVector v2 = FloatVector.fromArray(S, x, xOff + f + rs);
                FloatVector v3 = FloatVector.fromArray(S, x, xOff + f + rs + c);
                VectorMask<Float> g1 = v1.compare(VectorOperators.GT, m);
                m = m.blend(v1, g1);
                VectorMask<Float> g2 = v2.compare(VectorOperators.GT, m);
                m = m.blend(v2, g2);
                VectorMask<Float> g3 = v3.compare(VectorOperators.GT, m);
                m = m.blend(v3, g3);
                m.intoArray(y, o + q);
                if (argmax != null) {
                    IntVector off = none.blend(right, g1.cast(I)).blend(below, g2.cast(I)).blend(diagonal, g3.cast(I));
                    IOTA.add(f + argShift).add(off).intoArray(argmax, o + q);
                }
            }
        }
    }

    @Override
    public void maxBackward(ConvShape s, float[] dy, int dyOff, int[] argmax, float[] dx) {
        int perImage = s.ho() * s.wo() * s.cin();
        int inImage = s.h() * s.w() * s.cin();
        boolean tiled = s.strideH() == s.kh() && s.strideW() == s.kw() && s.cin() % L == 0;
        Parallel.forRange(s.n(), (b0, b1) -> {
            if (!tiled) {
                java.util.Arrays.fill(dx, b0 * inImage, b1 * inImage, 0f);
                for (int i = b0 * perImage; i < b1 * perImage; i++) {
                    dx[argmax[i]] += dy[dyOff + i];
                }
                return;
            }
            for (int b = b0; b < b1; b++) {
                tiledBackward(s, dy, dyOff, argmax, dx, b);
            }
        });
    }

    /**
     * Windows that tile the image (stride = window) cover each input cell at most once, so dx
     * is written cell by cell, dy where the cell won and 0 elsewhere: no zeroing pass, no
     * scatter. Cells no window covers (valid pooling's leftover rows and columns) get zeros.
     */
    private static void tiledBackward(ConvShape s, float[] dy, int dyOff, int[] argmax, float[] dx, int b) {
        int c = s.cin(), h = s.h(), w = s.w();
        FloatVector zero = FloatVector.zero(S);
        int coveredRows = Math.min(h, s.ho() * s.strideH() - s.padTop());
        int coveredCols = Math.min(w, s.wo() * s.strideW() - s.padLeft());
        for (int oy = 0; oy < s.ho(); oy++) {
            int y0 = ScalarPool.rowStart(s, oy), y1 = ScalarPool.rowEnd(s, oy);
            for (int ox = 0; ox < s.wo(); ox++) {
                int x0 = ScalarPool.colStart(s, ox), x1 = ScalarPool.colEnd(s, ox);
                int o = ((b * s.ho() + oy) * s.wo() + ox) * c;
                for (int q = 0; q < c; q += L) {
                    IntVector arg = IntVector.fromArray(I, argmax, o + q);
                    FloatVector g = FloatVector.fromArray(S, dy, dyOff + o + q);
                    for (int iy = y0; iy < y1; iy++) {
                        int row = (b * h + iy) * w;
                        for (int ix = x0; ix < x1; ix++) {
                            int xi = (row + ix) * c + q;
                            VectorMask<Float> won = arg.compare(VectorOperators.EQ, IOTA.add(xi)).cast(S);
                            zero.blend(g, won).intoArray(dx, xi);
                        }
                    }
                }
            }
        }
        int img = b * h * w * c;
        for (int iy = 0; iy < h; iy++) {
            if (iy >= coveredRows) {
                java.util.Arrays.fill(dx, img + iy * w * c, img + (iy + 1) * w * c, 0f);
            } else if (coveredCols < w) {
                java.util.Arrays.fill(dx, img + (iy * w + coveredCols) * c, img + (iy + 1) * w * c, 0f);
            }
        }
    }

    @Override
    public void avgForward(ConvShape s, float[] x, int xOff, float[] y) {
        Parallel.forRange(s.n(), (b0, b1) -> {
            int c = s.cin(), h = s.h(), w = s.w();
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < s.ho(); oy++) {
                    int y0 = ScalarPool.rowStart(s, oy), y1 = ScalarPool.rowEnd(s, oy);
                    for (int ox = 0; ox < s.wo(); ox++) {
                        int x0 = ScalarPool.colStart(s, ox), x1 = ScalarPool.colEnd(s, ox);
                        int o = ((b * s.ho() + oy) * s.wo() + ox) * c;
                        float inv = 1f / ((y1 - y0) * (x1 - x0));
                        int q = 0;
                        for (; q <= c - L; q += L) {
                            FloatVector sum = FloatVector.zero(S);
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = x0; ix < x1; ix++) {
                                    sum = sum.add(FloatVector.fromArray(S, x, xOff + ((b * h + iy) * w + ix) * c + q));
                                }
                            }
                            sum.mul(inv).intoArray(y, o + q);
                        }
                        for (; q < c; q++) {
                            float sum = 0f;
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = x0; ix < x1; ix++) {
                                    sum += x[xOff + ((b * h + iy) * w + ix) * c + q];
                                }
                            }
                            y[o + q] = sum * inv;
                        }
                    }
                }
            }
        });
    }

    @Override
    public void avgBackward(ConvShape s, float[] dy, int dyOff, float[] dx) {
        Parallel.forRange(s.n(), (b0, b1) -> {
            int c = s.cin(), h = s.h(), w = s.w();
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < s.ho(); oy++) {
                    int y0 = ScalarPool.rowStart(s, oy), y1 = ScalarPool.rowEnd(s, oy);
                    for (int ox = 0; ox < s.wo(); ox++) {
                        int x0 = ScalarPool.colStart(s, ox), x1 = ScalarPool.colEnd(s, ox);
                        int o = dyOff + ((b * s.ho() + oy) * s.wo() + ox) * c;
                        float inv = 1f / ((y1 - y0) * (x1 - x0));
                        for (int iy = y0; iy < y1; iy++) {
                            for (int ix = x0; ix < x1; ix++) {
                                int xi = ((b * h + iy) * w + ix) * c;
                                int q = 0;
                                for (; q <= c - L; q += L) {
                                    FloatVector d = FloatVector.fromArray(S, dx, xi + q);
                                    d.add(FloatVector.fromArray(S, dy, o + q).mul(inv)).intoArray(dx, xi + q);
                                }
                                for (; q < c; q++) {
                                    dx[xi + q] += dy[o + q] * inv;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
