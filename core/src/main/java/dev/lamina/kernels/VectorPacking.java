package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmPacking#packB} for the vector GEMM, with the common case (B not transposed, full
 * panels of two vectors) copied a vector at a time: the scalar copy was 11% of an MLP training
 * step. Everything else goes to {@link GemmPacking}; the layout is the same.
 */
final class VectorPacking {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();

    private VectorPacking() {}

    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      float alpha, int nr, float[] dst) {
        int full = transB || nr != 2 * L ? 0 : nc - nc % nr;
        int d = 0;
        for (int jr = 0; jr < full; jr += nr) {
            int src = bOff + p0 * ldb + j0 + jr;
            if (alpha == 1f) {
                for (int p = 0; p < kc; p++, src += ldb, d += nr) {
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                }
            } else {
                for (int p = 0; p < kc; p++, src += ldb, d += nr) {
                    FloatVector.fromArray(S, b, src).mul(alpha).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + L).mul(alpha).intoArray(dst, d + L);
                }
            }
        }
        if (full < nc) {
            // The rest (transposed B, or the ragged last panel) lands right after the full panels.
            GemmPacking.packB(transB, b, bOff, ldb, p0, kc, j0 + full, nc - full, alpha, nr, dst, full * kc);
        }
    }
}
