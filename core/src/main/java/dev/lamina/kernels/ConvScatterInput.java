package dev.lamina.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The input gradient of a convolution by scattering, for {@link VectorConv}: strided layers, and
 * valid ones whose stride-1 correlation with the flipped kernel would mostly multiply a zero
 * border. It does exactly the forward pass's multiply-adds, for any stride and dilation.
 */
final class ConvScatterInput {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    /** Patch positions per tile (two vectors). */
    private static final int NB = 2 * L;
    private static final int MB = VectorConv.MB;
    private static final long MIN_PARALLEL_MACS = VectorConv.MIN_PARALLEL_MACS;

    private ConvScatterInput() {}

    /**
     * dx by scattering: per tile of six output pixels and NB patch positions,
     * {@code dcols = dy[6 pixels, cout] @ K^T[cout, NB]} in registers, then added into a
     * zero-bordered dx image at each pixel's patch. Any stride and dilation; exactly the forward
     * pass's multiply-adds. Parallel over images (an image's patches stay in that image).
     */
    static void backwardInput(ConvShape s, float[] dy, int dyOff, float[] k, int kOff, float[] dx, int dxOff) {
        int c = s.cin(), cout = s.cout(), patch = s.patch();
        int hp = Math.max(VectorConv.rowsNeeded(s.ho(), s.strideH(), s.kh(), s.dilationH()), s.padTop() + s.h());
        int wp = Math.max(VectorConv.rowsNeeded(s.wo(), s.strideW(), s.kw(), s.dilationW()), s.padLeft() + s.w());
        int tbs = (patch + NB - 1) / NB;
        ConvScratch sc = ConvScratch.get();
        // K^T in panels: ktp[tb][co][NB] = K[tb*NB + q][co], zero past the patch.
        float[] ktp = sc.packed(tbs * cout * NB);
        for (int tb = 0; tb < tbs; tb++) {
            for (int co = 0; co < cout; co++) {
                int o = (tb * cout + co) * NB;
                for (int q = 0; q < NB; q++) {
                    int t = tb * NB + q;
                    ktp[o + q] = t < patch ? k[kOff + t * cout + co] : 0f;
                }
            }
        }
        // Where patch position t lands relative to the pixel's top-left corner in the padded image.
        int[] land = new int[tbs * NB];
        for (int t = 0; t < patch; t++) {
            int i = t / (s.kw() * c), j = (t / c) % s.kw(), ci = t % c;
            land[t] = (i * s.dilationH() * wp + j * s.dilationW()) * c + ci;
        }
        float[] padded = sc.padded(s.n() * hp * wp * c);
        int hw = s.ho() * s.wo();
        long macsPerImage = (long) hw * patch * cout;
        Parallel.forRange(s.n(), (int) Math.max(1, MIN_PARALLEL_MACS / Math.max(1, macsPerImage)), (b0, b1) -> {
            float[] tmp = new float[MB * NB];
            int[] base = new int[MB];
            for (int b = b0; b < b1; b++) {
                int img = b * hp * wp * c;
                Arrays.fill(padded, img, img + hp * wp * c, 0f);
                for (int p0 = 0; p0 < hw; p0 += MB) {
                    int rows = Math.min(MB, hw - p0);
                    for (int r = 0; r < MB; r++) {
                        int p = p0 + Math.min(r, rows - 1);
                        int oy = p / s.wo(), ox = p % s.wo();
                        base[r] = img + (oy * s.strideH() * wp + ox * s.strideW()) * c;
                    }
                    int g = dyOff + (b * hw + p0) * cout;
                    int g1 = g + Math.min(1, rows - 1) * cout, g2 = g + Math.min(2, rows - 1) * cout;
                    int g3 = g + Math.min(3, rows - 1) * cout, g4 = g + Math.min(4, rows - 1) * cout;
                    int g5 = g + Math.min(5, rows - 1) * cout;
                    for (int tb = 0; tb < tbs; tb++) {
                        scatterTile(dy, g, g1, g2, g3, g4, g5, cout, ktp, tb * cout * NB, tmp);
                        int t0 = tb * NB;
                        int n = Math.min(NB, patch - t0);
                        boolean contiguous = n == NB && land[t0 + NB - 1] - land[t0] == NB - 1;
                        for (int r = 0; r < rows; r++) {
                            int at = base[r];
                            if (contiguous) {
                                int o = at + land[t0];
                                FloatVector.fromArray(S, padded, o).add(FloatVector.fromArray(S, tmp, r * NB))
                                        .intoArray(padded, o);
                                FloatVector.fromArray(S, padded, o + L).add(FloatVector.fromArray(S, tmp, r * NB + L))
                                        .intoArray(padded, o + L);
                            } else {
                                for (int q = 0; q < n; q++) {
                                    padded[at + land[t0 + q]] += tmp[r * NB + q];
                                }
                            }
                        }
                    }
                }
                // The image's interior is dx.
                for (int iy = 0; iy < s.h(); iy++) {
                    System.arraycopy(padded, img + ((iy + s.padTop()) * wp + s.padLeft()) * c,
                            dx, dxOff + ((b * s.h() + iy) * s.w()) * c, s.w() * c);
                }
            }
        });
    }

    /** tmp[6][NB] = dy rows (six pixels, cout each, at g..g5) @ one NB-column panel of K^T. */
    private static void scatterTile(float[] dy, int g0, int g1, int g2, int g3, int g4, int g5, int cout,
                                    float[] ktp, int kq, float[] tmp) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        // Four steps per iteration in a counted loop (indices co + invariant): C2 drops the
        // bounds checks and the six broadcasts' addresses serve four steps.
        FloatVector b0, b1, a;
        int co = 0;
        for (int quads = cout - 3; co < quads; co += 4) {
            b0 = FloatVector.fromArray(S, ktp, kq + co * NB);
            b1 = FloatVector.fromArray(S, ktp, kq + co * NB + L);
            a = FloatVector.broadcast(S, dy[g0 + co]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, dy[g1 + co]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, dy[g2 + co]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, dy[g3 + co]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, dy[g4 + co]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, dy[g5 + co]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            b0 = FloatVector.fromArray(S, ktp, kq + (co + 1) * NB);
            b1 = FloatVector.fromArray(S, ktp, kq + (co + 1) * NB + L);
            a = FloatVector.broadcast(S, dy[g0 + co + 1]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, dy[g1 + co + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, dy[g2 + co + 1]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, dy[g3 + co + 1]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, dy[g4 + co + 1]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, dy[g5 + co + 1]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            b0 = FloatVector.fromArray(S, ktp, kq + (co + 2) * NB);
            b1 = FloatVector.fromArray(S, ktp, kq + (co + 2) * NB + L);
            a = FloatVector.broadcast(S, dy[g0 + co + 2]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, dy[g1 + co + 2]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, dy[g2 + co + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, dy[g3 + co + 2]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, dy[g4 + co + 2]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, dy[g5 + co + 2]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            b0 = FloatVector.fromArray(S, ktp, kq + (co + 3) * NB);
            b1 = FloatVector.fromArray(S, ktp, kq + (co + 3) * NB + L);
            a = FloatVector.broadcast(S, dy[g0 + co + 3]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, dy[g1 + co + 3]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, dy[g2 + co + 3]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, dy[g3 + co + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, dy[g4 + co + 3]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, dy[g5 + co + 3]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        for (; co < cout; co++) {
            b0 = FloatVector.fromArray(S, ktp, kq + co * NB);
            b1 = FloatVector.fromArray(S, ktp, kq + co * NB + L);
            a = FloatVector.broadcast(S, dy[g0 + co]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, dy[g1 + co]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, dy[g2 + co]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, dy[g3 + co]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, dy[g4 + co]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, dy[g5 + co]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, L);
        c10.intoArray(tmp, NB);
        c11.intoArray(tmp, NB + L);
        c20.intoArray(tmp, 2 * NB);
        c21.intoArray(tmp, 2 * NB + L);
        c30.intoArray(tmp, 3 * NB);
        c31.intoArray(tmp, 3 * NB + L);
        c40.intoArray(tmp, 4 * NB);
        c41.intoArray(tmp, 4 * NB + L);
        c50.intoArray(tmp, 5 * NB);
        c51.intoArray(tmp, 5 * NB + L);
    }
}
