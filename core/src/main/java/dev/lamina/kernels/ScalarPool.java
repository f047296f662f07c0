package dev.lamina.kernels;

/**
 * Plain-Java {@link PoolKernels}, parallel over images: the reference the SIMD version is
 * tested against and the fallback without the Vector API.
 */
public final class ScalarPool implements PoolKernels {
    @Override
    public void maxForward(ConvShape s, float[] x, int xOff, float[] y, int[] argmax) {
        Parallel.forRange(s.n(), (b0, b1) -> {
            int c = s.cin();
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < s.ho(); oy++) {
                    int y0 = rowStart(s, oy), y1 = rowEnd(s, oy);
                    for (int ox = 0; ox < s.wo(); ox++) {
                        int x0 = colStart(s, ox), x1 = colEnd(s, ox);
                        int o = ((b * s.ho() + oy) * s.wo() + ox) * c;
                        for (int q = 0; q < c; q++) {
                            int best = ((b * s.h() + y0) * s.w() + x0) * c + q;
                            float m = x[xOff + best];
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = x0; ix < x1; ix++) {
                                    int xi = ((b * s.h() + iy) * s.w() + ix) * c + q;
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

    @Override
    public void maxBackward(ConvShape s, float[] dy, int dyOff, int[] argmax, float[] dx) {
        int perImage = s.ho() * s.wo() * s.cin();
        int inImage = s.h() * s.w() * s.cin();
        // An image's windows only reach that image, so images never write the same element.
        Parallel.forRange(s.n(), (b0, b1) -> {
            java.util.Arrays.fill(dx, b0 * inImage, b1 * inImage, 0f);
            for (int i = b0 * perImage; i < b1 * perImage; i++) {
                dx[argmax[i]] += dy[dyOff + i];
            }
        });
    }

    @Override
    public void avgForward(ConvShape s, float[] x, int xOff, float[] y) {
        Parallel.forRange(s.n(), (b0, b1) -> {
            int c = s.cin();
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < s.ho(); oy++) {
                    int y0 = rowStart(s, oy), y1 = rowEnd(s, oy);
                    for (int ox = 0; ox < s.wo(); ox++) {
                        int x0 = colStart(s, ox), x1 = colEnd(s, ox);
                        int o = ((b * s.ho() + oy) * s.wo() + ox) * c;
                        float inv = 1f / ((y1 - y0) * (x1 - x0));
                        for (int q = 0; q < c; q++) {
                            float sum = 0f;
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = x0; ix < x1; ix++) {
                                    sum += x[xOff + ((b * s.h() + iy) * s.w() + ix) * c + q];
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
            int c = s.cin();
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < s.ho(); oy++) {
                    int y0 = rowStart(s, oy), y1 = rowEnd(s, oy);
                    for (int ox = 0; ox < s.wo(); ox++) {
                        int x0 = colStart(s, ox), x1 = colEnd(s, ox);
                        int o = dyOff + ((b * s.ho() + oy) * s.wo() + ox) * c;
                        float inv = 1f / ((y1 - y0) * (x1 - x0));
                        for (int iy = y0; iy < y1; iy++) {
                            for (int ix = x0; ix < x1; ix++) {
                                int xi = ((b * s.h() + iy) * s.w() + ix) * c;
                                for (int q = 0; q < c; q++) {
                                    dx[xi + q] += dy[o + q] * inv;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /** First input row of output row oy's window, clipped to the image. */
    static int rowStart(ConvShape s, int oy) {
        return Math.max(oy * s.strideH() - s.padTop(), 0);
    }

    static int rowEnd(ConvShape s, int oy) {
        return Math.min(oy * s.strideH() - s.padTop() + s.kh(), s.h());
    }

    static int colStart(ConvShape s, int ox) {
        return Math.max(ox * s.strideW() - s.padLeft(), 0);
    }

    static int colEnd(ConvShape s, int ox) {
        return Math.min(ox * s.strideW() - s.padLeft() + s.kw(), s.w());
    }

    @Override
    public String name() {
        return "scalar";
    }
}
