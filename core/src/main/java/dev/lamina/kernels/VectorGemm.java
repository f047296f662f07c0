package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * The fast GEMM: BLIS-style blocking around the MR x NR {@link VectorMicroKernel} (12 x 32 on
 * AVX-512, 6 x 16 on AVX2), on {@code jdk.incubator.vector}, parallel over the larger of M and N.
 *
 * <p>Loop nest per thread (C is m x n, blocks of NC columns, KC steps, MC rows):
 * for each NC block of columns and KC block of k, op(B) is packed into NR-wide panels (kept in
 * L2/L3 and streamed per panel from L1); for each MC block of rows, op(A) is packed into
 * MR-tall panels (kept in L2); then every MR x NR tile of the block runs the micro-kernel. Transposes are
 * absorbed by packing, alpha is folded into a packed operand, beta is applied to C once up
 * front, so the micro-kernel only ever computes {@code C (+)= A B}. Tall, narrow products read
 * a large row-major A in place instead of packing it (see {@link #readsAInPlace}).
 *
 * <p>Tiny and few-row products skip packing: copying the operands would cost as much as
 * multiplying them. Results do not depend on the thread count (each element of C is summed in
 * the same order whichever thread computes it).
 */
public final class VectorGemm implements Gemm {
    private static final int MR = VectorMicroKernel.MR;
    private static final int NR = VectorMicroKernel.NR;
    static final int KC = 256;
    static final int MC = 72;
    static final int NC = 4064;
    /**
     * Products of at most this many multiply-adds (m*n*k), or with at most DIRECT_MAX_M rows,
     * take the unpacked path: packing B for a handful of rows costs as much as using it
     * (measured on 2 x 512 x 784: 17-23 GFLOP/s direct vs 5-9 packed).
     */
    static final long SMALL_WORK = 16L * 16 * 16;
    static final int DIRECT_MAX_M = 4;
    /** Below this many flops per thread, waking a second thread costs more than it saves. */
    static final long MIN_FLOPS_PER_THREAD = 2_000_000L;

    /** See {@link #readsAInPlace}: at most this many columns in a block (16 panels). */
    static final int IN_PLACE_A_MAX_NC = 256;
    /** See {@link #readsAInPlace}: at least this many floats of A per thread (4 MiB). */
    static final long IN_PLACE_A_MIN_FLOATS = 1L << 20;

    private static final VectorOps OPS = new VectorOps();

    /**
     * @throws UnsupportedOperationException when the CPU has no 256-bit vectors, where the
     *         Vector API would fall back to slow emulation and the scalar GEMM is faster
     */
    public VectorGemm() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        if (bits < 256) {
            throw new UnsupportedOperationException("VectorGemm needs 256-bit vectors; this CPU offers "
                    + bits + "-bit");
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmChecks.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            GemmPacking.scale(beta, c, cOff, ldc, m, n);
            return;
        }
        if ((long) m * n * k <= SMALL_WORK || m <= DIRECT_MAX_M) {
            // Few rows: split the columns (the only large dimension) between threads. Without a
            // transposed B each row streams B once (VectorGemv), which is bound by reading B, so a
            // second thread pays from the GEMV's much smaller size on (W1's predict(1): 2 x 256 columns).
            int grain = transB ? grain(2L * m * k * NR)
                    : (int) Math.max(1, VectorGemv.MIN_PARALLEL / ((long) m * k * NR));
            int units = (n + NR - 1) / NR;
            Parallel.forRange(units, grain, (lo, hi) -> direct(transA, transB, m, lo * NR, Math.min(hi * NR, n), k,
                    alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
            return;
        }
        if (m >= n) {
            // Split rows in whole MR-row panels; every thread packs all of B (cheap: k*n of m*n*k).
            int units = (m + MR - 1) / MR;
            int grain = grain(2L * MR * n * k);
            Parallel.forRange(units, grain, (lo, hi) -> blocked(transA, transB, lo * MR, Math.min(hi * MR, m),
                    0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null));
        } else {
            int units = (n + NR - 1) / NR;
            int grain = grain(2L * NR * m * k);
            // Split columns: every thread needs all of op(A), so pack it once for all of them.
            boolean share = Parallel.threads() > 1 && units / grain > 1
                    && (long) GemmPacking.roundUp(m, MR) * k < IN_PLACE_A_MIN_FLOATS;
            float[] packedA = share ? packAllOfA(transA, m, k, alpha, a, aOff, lda) : null;
            Parallel.forRange(units, grain, (lo, hi) -> blocked(transA, transB, 0, m,
                    lo * NR, Math.min(hi * NR, n), k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, packedA));
        }
    }

    /**
     * All of op(A), alpha applied, packed as {@link #blocked} would pack it block by block: the
     * panels of k-block pc (rows 0..m) start at {@code pc * roundUp(m, MR)}, those of rows from
     * ic at {@code ic * kc} within it. Packed in parallel, into the calling thread's scratch.
     */
    private static float[] packAllOfA(boolean transA, int m, int k, float alpha, float[] a, int aOff, int lda) {
        int mPad = GemmPacking.roundUp(m, MR);
        float[] packed = GemmScratch.get().shared(mPad * k);
        int panels = mPad / MR;
        int kBlocks = (k + KC - 1) / KC;
        int grain = Math.max(1, 16384 / (MR * Math.min(KC, k)));
        Parallel.forRange(kBlocks * panels, grain, (lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                int pc = u / panels * KC;
                int ic = u % panels * MR;
                int kc = Math.min(KC, k - pc);
                GemmPacking.packA(transA, a, aOff, lda, ic, Math.min(MR, m - ic), pc, kc, alpha, MR, packed,
                        pc * mPad + ic * kc);
            }
        });
        return packed;
    }

    private static int grain(long flopsPerUnit) {
        return (int) Math.max(1, (MIN_FLOPS_PER_THREAD + flopsPerUnit - 1) / flopsPerUnit);
    }

    /** The blocked product restricted to rows [m0, m1) and columns [n0, n1) of C. */
    private static void blocked(boolean transA, boolean transB, int m0, int m1, int n0, int n1, int k,
                                float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc, float[] packedA) {
        if (beta != 0f && beta != 1f) {
            GemmPacking.scale(beta, c, cOff + m0 * ldc + n0, ldc, m1 - m0, n1 - n0);
        }
        GemmScratch scratch = GemmScratch.get();
        float[] tile = scratch.tile(MR * NR);
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean accumulate = pc > 0 || beta != 0f;
                float[] bp = scratch.b(GemmPacking.roundUp(nc, NR) * kc);
                // Alpha goes into whichever operand is packed: B always is, A not when read in place.
                boolean inPlaceA = packedA == null && readsAInPlace(transA, m1 - m0, k, nc);
                VectorPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, inPlaceA ? alpha : 1f, NR, bp);
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    float[] ap = packedA != null ? packedA : scratch.a(GemmPacking.roundUp(mc, MR) * kc);
                    int apOff = packedA != null ? pc * GemmPacking.roundUp(m1 - m0, MR) + (ic - m0) * kc : 0;
                    int fullRows = mc - mc % MR;
                    if (packedA != null) {
                        // Packed once for every thread (packAllOfA).
                    } else if (!inPlaceA) {
                        GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, MR, ap);
                    } else if (fullRows < mc) {
                        // The ragged last panel is packed (zero-padded) so the kernel reads no rows past m.
                        GemmPacking.packA(false, a, aOff, lda, ic + fullRows, mc - fullRows, pc, kc, 1f, MR, ap);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bi = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            // Edge tiles go through a scratch tile: the kernel always writes MR x NR.
                            boolean full = mr == MR && nr == NR;
                            float[] tc = full ? c : tile;
                            int tci = full ? ci : 0, tldc = full ? ldc : NR;
                            boolean tacc = full && accumulate;
                            if (inPlaceA && mr == MR) {
                                VectorMicroKernel.kernelRowsA(kc, a, aOff + (ic + ir) * lda + pc, lda, bp, bi, tc, tci, tldc, tacc);
                            } else {
                                int ai = inPlaceA ? 0 : apOff + ir * kc;
                                VectorMicroKernel.kernel(kc, ap, ai, bp, bi, tc, tci, tldc, tacc);
                            }
                            if (!full) {
                                GemmPacking.mergeTile(tile, NR, mr, nr, c, ci, ldc, accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether a block reads row-major A where it lies instead of packing it. Packing pays off
     * when a packed panel is reused across many column panels and stays in cache. When A is
     * large (streamed from memory) and C narrow, as in im2col convolutions (25088 x 288 @
     * 288 x 32), the copy is a separate memory-bound pass over A that the kernel cannot overlap
     * with arithmetic: measured 50 GFLOP/s packed vs 80 in place on one thread there, while on
     * cache-resident or wide shapes packing wins by 5-10%.
     */
    static boolean readsAInPlace(boolean transA, int rows, int k, int nc) {
        return !transA && nc <= IN_PLACE_A_MAX_NC && (long) rows * k >= IN_PLACE_A_MIN_FLOATS;
    }

    /**
     * The unpacked path for small or few-row products, on columns [j0, j1) of C: each row of C
     * is built by {@link VectorGemv#multiply} (B streamed once, columns held in registers), or from dots against rows of B when
     * B is transposed (a transposed A row is first gathered into a contiguous scratch row).
     */
    private static void direct(boolean transA, boolean transB, int m, int j0, int j1, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        GemmScratch scratch = GemmScratch.get();
        int w = j1 - j0;
        float[] acc = transB ? null : scratch.rowC(w);
        float[] gathered = transA ? scratch.rowA(k) : null;
        for (int i = 0; i < m; i++) {
            float[] ar = a;
            int ao = aOff + i * lda;
            if (transA) {
                for (int p = 0, src = aOff + i; p < k; p++, src += lda) {
                    gathered[p] = a[src];
                }
                ar = gathered;
                ao = 0;
            }
            int ci = cOff + i * ldc + j0;
            if (transB) {
                for (int j = 0, bo = bOff + j0 * ldb; j < w; j++, bo += ldb) {
                    float v = alpha * OPS.dot(ar, ao, b, bo, k);
                    c[ci + j] = beta == 0f ? v : v + beta * c[ci + j];
                }
            } else {
                VectorGemv.multiply(w, k, ar, ao, b, bOff + j0, ldb, acc, 0);
                for (int j = 0; j < w; j++) {
                    float v = alpha * acc[j];
                    c[ci + j] = beta == 0f ? v : v + beta * c[ci + j];
                }
            }
        }
    }

    @Override
    public String name() {
        return "vector-" + MR + "x" + NR;
    }
}
