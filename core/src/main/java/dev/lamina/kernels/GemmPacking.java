package dev.lamina.kernels;

/**
 * Copies blocks of A and B into the contiguous panel layouts the register-tiled micro-kernels
 * stream through, so the kernel reads memory strictly sequentially whatever the transposes and
 * leading dimensions. Panels are zero-padded to full width, which lets the kernel run its full
 * tile on ragged edges (the padding contributes exact zeros).
 *
 * <p>Layouts, for a block of {@code kc} steps of k:
 * <ul>
 *   <li>A: panels of {@code mr} rows, each k-major: element (row r, step p) of a panel at
 *       {@code p * mr + r}; panel q starts at {@code q * mr * kc}.</li>
 *   <li>B: panels of {@code nr} columns, each k-major: element (step p, column j) of a panel at
 *       {@code p * nr + j}; panel q starts at {@code q * nr * kc}.</li>
 * </ul>
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs rows {@code [i0, i0+mc)} and steps {@code [p0, p0+kc)} of op(A), scaled by alpha,
     * into {@code dst} as panels of {@code mr} rows.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float alpha, int mr, float[] dst) {
        packA(transA, a, aOff, lda, i0, mc, p0, kc, alpha, mr, dst, 0);
    }

    /** {@link #packA}, the panels written from {@code dst[dOff]} on. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float alpha, int mr, float[] dst, int dOff) {
        int d0 = dOff;
        for (int ir = 0; ir < mc; ir += mr, d0 += mr * kc) {
            int rows = Math.min(mr, mc - ir);
            if (transA) {
                // op(A)(i, p) = a[p * lda + i]: each step's rows are contiguous in the source.
                int src = aOff + p0 * lda + i0 + ir;
                int d = d0;
                for (int p = 0; p < kc; p++, src += lda, d += mr) {
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = alpha * a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else if (rows == 12 && mr == 12) {
                // The same for twelve rows (the AVX-512 tile); a loop over the rows ran at half this speed.
                int s0 = aOff + (i0 + ir) * lda + p0;
                int s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
                int s6 = s5 + lda, s7 = s6 + lda, s8 = s7 + lda, s9 = s8 + lda, s10 = s9 + lda, s11 = s10 + lda;
                for (int p = 0, d = d0; p < kc; p++, d += 12) {
                    dst[d] = alpha * a[s0 + p];
                    dst[d + 1] = alpha * a[s1 + p];
                    dst[d + 2] = alpha * a[s2 + p];
                    dst[d + 3] = alpha * a[s3 + p];
                    dst[d + 4] = alpha * a[s4 + p];
                    dst[d + 5] = alpha * a[s5 + p];
                    dst[d + 6] = alpha * a[s6 + p];
                    dst[d + 7] = alpha * a[s7 + p];
                    dst[d + 8] = alpha * a[s8 + p];
                    dst[d + 9] = alpha * a[s9 + p];
                    dst[d + 10] = alpha * a[s10 + p];
                    dst[d + 11] = alpha * a[s11 + p];
                }
            } else if (rows == 6 && mr == 6) {
                // op(A)(i, p) = a[i * lda + p]: six sequential read streams, one sequential write
                // stream (a row-at-a-time copy writing with stride 6 ran about 3x slower).
                int s0 = aOff + (i0 + ir) * lda + p0;
                int s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
                for (int p = 0, d = d0; p < kc; p++, d += 6) {
                    dst[d] = alpha * a[s0 + p];
                    dst[d + 1] = alpha * a[s1 + p];
                    dst[d + 2] = alpha * a[s2 + p];
                    dst[d + 3] = alpha * a[s3 + p];
                    dst[d + 4] = alpha * a[s4 + p];
                    dst[d + 5] = alpha * a[s5 + p];
                }
            } else {
                // Ragged last panel: row by row, writing with stride mr, then zero padding.
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    int d = d0 + r;
                    for (int p = 0; p < kc; p++, d += mr) {
                        dst[d] = alpha * a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    int d = d0 + r;
                    for (int p = 0; p < kc; p++, d += mr) {
                        dst[d] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs steps {@code [p0, p0+kc)} and columns {@code [j0, j0+nc)} of op(B) into {@code dst}
     * as panels of {@code nr} columns.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      float alpha, int nr, float[] dst) {
        packB(transB, b, bOff, ldb, p0, kc, j0, nc, alpha, nr, dst, 0);
    }

    /** {@link #packB}, the panels written from {@code dst[dOff]} on. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      float alpha, int nr, float[] dst, int dOff) {
        int d0 = dOff;
        for (int jr = 0; jr < nc; jr += nr, d0 += nr * kc) {
            int cols = Math.min(nr, nc - jr);
            if (transB) {
                // op(B)(p, j) = b[j * ldb + p]: read each source row sequentially, write with stride nr.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    int d = d0 + j;
                    for (int p = 0; p < kc; p++, d += nr) {
                        dst[d] = alpha * b[src + p];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    int d = d0 + j;
                    for (int p = 0; p < kc; p++, d += nr) {
                        dst[d] = 0f;
                    }
                }
            } else {
                // op(B)(p, j) = b[p * ldb + j]: each step's columns are contiguous in the source.
                int src = bOff + p0 * ldb + j0 + jr;
                int d = d0;
                if (cols == nr) {
                    for (int p = 0; p < kc; p++, src += ldb, d += nr) {
                        for (int j = 0; j < nr; j++) {
                            dst[d + j] = alpha * b[src + j];
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += ldb, d += nr) {
                        for (int j = 0; j < cols; j++) {
                            dst[d + j] = alpha * b[src + j];
                        }
                        for (int j = cols; j < nr; j++) {
                            dst[d + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Applies {@code C = beta * C} to an m x n block: zeros for {@code beta == 0} (discarding
     * NaNs, as BLAS does), nothing for {@code beta == 1}.
     */
    static void scale(float beta, float[] c, int cOff, int ldc, int m, int n) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0, row = cOff; i < m; i++, row += ldc) {
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    /** Adds (or, when {@code accumulate} is false, stores) an mr x nr tile into C. */
    static void mergeTile(float[] tile, int tileLd, int mr, int nr, float[] c, int ci, int ldc,
                          boolean accumulate) {
        for (int r = 0, t = 0; r < mr; r++, t += tileLd, ci += ldc) {
            if (accumulate) {
                for (int j = 0; j < nr; j++) {
                    c[ci + j] += tile[t + j];
                }
            } else {
                System.arraycopy(tile, t, c, ci, nr);
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
