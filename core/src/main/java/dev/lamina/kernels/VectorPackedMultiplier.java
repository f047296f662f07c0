package dev.lamina.kernels;

/**
 * {@link PackedMatrix} products on the 6 x 16 {@link VectorMicroKernel}: op(B) packed once into
 * 16-column panels (all of k in one panel, which suits the small inner dimensions of recurrent
 * steps), A read in place for every full 6-row panel and packed only for the ragged last rows.
 * Each B panel stays in L1 while the rows stream past it.
 */
public final class VectorPackedMultiplier implements PackedMatrix.Multiplier {
    private static final int MR = VectorMicroKernel.MR;
    private static final int NR = VectorMicroKernel.NR;

    /** Loaded by name from {@link PackedMatrix} only when the Vector API is usable. */
    public VectorPackedMultiplier() {}

    @Override
    public String name() {
        return "vector-packed-6x16";
    }

    @Override
    public float[] pack(boolean transB, float[] b, int bOff, int ldb, int k, int n) {
        float[] d = new float[GemmPacking.roundUp(n, NR) * k];
        GemmPacking.packB(transB, b, bOff, ldb, 0, k, 0, n, 1f, NR, d);
        return d;
    }

    @Override
    public void multiply(PackedMatrix p, int m, float[] a, int aOff, int lda, float[] c, int cOff, int ldc,
                         boolean accumulate) {
        int k = p.k;
        int n = p.n;
        GemmScratch scratch = GemmScratch.get();
        float[] tile = scratch.tile;
        int full = m - m % MR;
        float[] ragged = null;
        if (full < m) {
            ragged = scratch.a(MR * k);
            GemmPacking.packA(false, a, aOff, lda, full, m - full, 0, k, 1f, MR, ragged);
        }
        for (int jr = 0; jr < n; jr += NR) {
            int nr = Math.min(NR, n - jr);
            int bi = jr * k;
            for (int ir = 0; ir < full; ir += MR) {
                int ci = cOff + ir * ldc + jr;
                if (nr == NR) {
                    VectorMicroKernel.kernelRowsA(k, a, aOff + ir * lda, lda, p.data, bi, c, ci, ldc, accumulate);
                } else {
                    VectorMicroKernel.kernelRowsA(k, a, aOff + ir * lda, lda, p.data, bi, tile, 0, NR, false);
                    GemmPacking.mergeTile(tile, NR, MR, nr, c, ci, ldc, accumulate);
                }
            }
            if (ragged != null) {
                VectorMicroKernel.kernel(k, ragged, 0, p.data, bi, tile, 0, NR, false);
                GemmPacking.mergeTile(tile, NR, m - full, nr, c, cOff + full * ldc + jr, ldc, accumulate);
            }
        }
    }
}
