package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass's register tiles for {@link VectorConv}: six output pixels by two vectors of
 * output channels ({@link #tile}), by one vector for layers with at most one vector of channels
 * ({@link #tileNarrow}), and the two-vector tile for patch rows that are not a multiple of
 * four steps long ({@link #tileShort}). Each reduces a whole patch in registers and adds bias
 * and relu on the way out. Written out per shape on purpose: a vector passed to a helper is
 * boxed.
 */
final class ConvForwardTiles {
    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = S.length();
    private static final int NB = 2 * L;
    private static final int MB = VectorConv.MB;

    private ConvForwardTiles() {}

    /**
     * The tile for a panel of width {@code w} (one vector or two) and patch rows of
     * {@code runLen}, at the six input offsets {@code xo[at..at+5]} and output offsets
     * {@code yo[at..at+5]}.
     */
    static void any(int w, float[] x, int[] xo, int at, int kh, int rowStep, int runs, int runStep, int runLen,
                    float[] kp, int kq, float[] bp, boolean relu, float[] y, int[] yo, int c0, int valid, float[] tmp) {
        if (runLen % 4 != 0 && w == NB) {
            tileShort(x, xo[at], xo[at + 1], xo[at + 2], xo[at + 3], xo[at + 4], xo[at + 5], kh, rowStep, runs, runStep,
                    runLen, kp, kq, bp, relu, y, yo, at, c0, valid, tmp);
        } else if (w == L) {
            tileNarrow(x, xo[at], xo[at + 1], xo[at + 2], xo[at + 3], xo[at + 4], xo[at + 5], kh, rowStep, runs, runStep,
                    runLen, kp, kq, bp, relu, y, yo, at, c0, valid, tmp);
        } else {
            tile(x, xo[at], xo[at + 1], xo[at + 2], xo[at + 3], xo[at + 4], xo[at + 5], kh, rowStep, runs, runStep,
                    runLen, kp, kq, bp, relu, y, yo, at, c0, valid, tmp);
        }
    }

    /**
     * One 6-pixel x NB-channel output tile: the whole patch reduction in registers. Called for
     * patch rows of a multiple of four steps (others take {@link #tileShort}); the one-step
     * loop after the four-step one only keeps it correct for any length.
     */
    static void tile(float[] x, int o0, int o1, int o2, int o3, int o4, int o5,
                             int kh, int rowStep, int runs, int runStep, int runLen,
                             float[] kp, int kq, float[] bp, boolean relu, float[] y, int[] yo, int yAt, int c0,
                             int valid, float[] tmp) {
        FloatVector c00 = FloatVector.fromArray(S, bp, c0), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00;
        FloatVector c01 = FloatVector.fromArray(S, bp, c0 + L), c11 = c01, c21 = c01, c31 = c01, c41 = c01, c51 = c01;
        for (int i = 0; i < kh; i++) {
            for (int jr = 0; jr < runs; jr++) {
                int d = i * rowStep + jr * runStep;
                int a0 = o0 + d, a1 = o1 + d, a2 = o2 + d, a3 = o3 + d, a4 = o4 + d, a5 = o5 + d;
                // Four steps per iteration: the address arithmetic of the six broadcasts is
                // shared by four (t + 1.. are displacements), so fewer integer uops compete
                // with the multiply-adds for ports.
                // A counted loop (index = t + invariant) keeps C2's range-check elimination.
                int t = 0;
                int quads = runLen - 3;
                FloatVector b0, b1, a;
                for (; t < quads; t += 4) {
                    b0 = FloatVector.fromArray(S, kp, kq + t * NB);
                    b1 = FloatVector.fromArray(S, kp, kq + t * NB + L);
                    a = FloatVector.broadcast(S, x[a0 + t]);
                    c00 = a.fma(b0, c00);
                    c01 = a.fma(b1, c01);
                    a = FloatVector.broadcast(S, x[a1 + t]);
                    c10 = a.fma(b0, c10);
                    c11 = a.fma(b1, c11);
                    a = FloatVector.broadcast(S, x[a2 + t]);
                    c20 = a.fma(b0, c20);
                    c21 = a.fma(b1, c21);
                    a = FloatVector.broadcast(S, x[a3 + t]);
                    c30 = a.fma(b0, c30);
                    c31 = a.fma(b1, c31);
                    a = FloatVector.broadcast(S, x[a4 + t]);
                    c40 = a.fma(b0, c40);
                    c41 = a.fma(b1, c41);
                    a = FloatVector.broadcast(S, x[a5 + t]);
                    c50 = a.fma(b0, c50);
                    c51 = a.fma(b1, c51);
                    b0 = FloatVector.fromArray(S, kp, kq + (t + 1) * NB);
                    b1 = FloatVector.fromArray(S, kp, kq + (t + 1) * NB + L);
                    a = FloatVector.broadcast(S, x[a0 + t + 1]);
                    c00 = a.fma(b0, c00);
                    c01 = a.fma(b1, c01);
                    a = FloatVector.broadcast(S, x[a1 + t + 1]);
                    c10 = a.fma(b0, c10);
                    c11 = a.fma(b1, c11);
                    a = FloatVector.broadcast(S, x[a2 + t + 1]);
                    c20 = a.fma(b0, c20);
                    c21 = a.fma(b1, c21);
                    a = FloatVector.broadcast(S, x[a3 + t + 1]);
                    c30 = a.fma(b0, c30);
                    c31 = a.fma(b1, c31);
                    a = FloatVector.broadcast(S, x[a4 + t + 1]);
                    c40 = a.fma(b0, c40);
                    c41 = a.fma(b1, c41);
                    a = FloatVector.broadcast(S, x[a5 + t + 1]);
                    c50 = a.fma(b0, c50);
                    c51 = a.fma(b1, c51);
                    b0 = FloatVector.fromArray(S, kp, kq + (t + 2) * NB);
                    b1 = FloatVector.fromArray(S, kp, kq + (t + 2) * NB + L);
                    a = FloatVector.broadcast(S, x[a0 + t + 2]);
                    c00 = a.fma(b0, c00);
                    c01 = a.fma(b1, c01);
                    a = FloatVector.broadcast(S, x[a1 + t + 2]);
                    c10 = a.fma(b0, c10);
                    c11 = a.fma(b1, c11);
                    a = FloatVector.broadcast(S, x[a2 + t + 2]);
                    c20 = a.fma(b0, c20);
                    c21 = a.fma(b1, c21);
                    a = FloatVector.broadcast(S, x[a3 + t + 2]);
                    c30 = a.fma(b0, c30);
                    c31 = a.fma(b1, c31);
                    a = FloatVector.broadcast(S, x[a4 + t + 2]);
                    c40 = a.fma(b0, c40);
                    c41 = a.fma(b1, c41);
                    a = FloatVector.broadcast(S, x[a5 + t + 2]);
                    c50 = a.fma(b0, c50);
                    c51 = a.fma(b1, c51);
                    b0 = FloatVector.fromArray(S, kp, kq + (t + 3) * NB);
                    b1 = FloatVector.fromArray(S, kp, kq + (t + 3) * NB + L);
                    a = FloatVector.broadcast(S, x[a0 + t + 3]);
                    c00 = a.fma(b0, c00);
                    c01 = a.fma(b1, c01);
                    a = FloatVector.broadcast(S, x[a1 + t + 3]);
                    c10 = a.fma(b0, c10);
                    c11 = a.fma(b1, c11);
                    a = FloatVector.broadcast(S, x[a2 + t + 3]);
                    c20 = a.fma(b0, c20);
                    c21 = a.fma(b1, c21);
                    a = FloatVector.broadcast(S, x[a3 + t + 3]);
                    c30 = a.fma(b0, c30);
                    c31 = a.fma(b1, c31);
                    a = FloatVector.broadcast(S, x[a4 + t + 3]);
                    c40 = a.fma(b0, c40);
                    c41 = a.fma(b1, c41);
                    a = FloatVector.broadcast(S, x[a5 + t + 3]);
                    c50 = a.fma(b0, c50);
                    c51 = a.fma(b1, c51);
                }
                kq += t * NB;
                for (; t < runLen; t++, kq += NB) {
                    b0 = FloatVector.fromArray(S, kp, kq);
                    b1 = FloatVector.fromArray(S, kp, kq + L);
                    a = FloatVector.broadcast(S, x[a0 + t]);
                    c00 = a.fma(b0, c00);
                    c01 = a.fma(b1, c01);
                    a = FloatVector.broadcast(S, x[a1 + t]);
                    c10 = a.fma(b0, c10);
                    c11 = a.fma(b1, c11);
                    a = FloatVector.broadcast(S, x[a2 + t]);
                    c20 = a.fma(b0, c20);
                    c21 = a.fma(b1, c21);
                    a = FloatVector.broadcast(S, x[a3 + t]);
                    c30 = a.fma(b0, c30);
                    c31 = a.fma(b1, c31);
                    a = FloatVector.broadcast(S, x[a4 + t]);
                    c40 = a.fma(b0, c40);
                    c41 = a.fma(b1, c41);
                    a = FloatVector.broadcast(S, x[a5 + t]);
                    c50 = a.fma(b0, c50);
                    c51 = a.fma(b1, c51);
                }
            }
        }
        if (relu) {
            c00 = c00.max(0f);
            c01 = c01.max(0f);
            c10 = c10.max(0f);
            c11 = c11.max(0f);
            c20 = c20.max(0f);
            c21 = c21.max(0f);
            c30 = c30.max(0f);
            c31 = c31.max(0f);
            c40 = c40.max(0f);
            c41 = c41.max(0f);
            c50 = c50.max(0f);
            c51 = c51.max(0f);
        }
        if (valid == NB) {
            c00.intoArray(y, yo[yAt + 0] + c0);
            c01.intoArray(y, yo[yAt + 0] + c0 + L);
            c10.intoArray(y, yo[yAt + 1] + c0);
            c11.intoArray(y, yo[yAt + 1] + c0 + L);
            c20.intoArray(y, yo[yAt + 2] + c0);
            c21.intoArray(y, yo[yAt + 2] + c0 + L);
            c30.intoArray(y, yo[yAt + 3] + c0);
            c31.intoArray(y, yo[yAt + 3] + c0 + L);
            c40.intoArray(y, yo[yAt + 4] + c0);
            c41.intoArray(y, yo[yAt + 4] + c0 + L);
            c50.intoArray(y, yo[yAt + 5] + c0);
            c51.intoArray(y, yo[yAt + 5] + c0 + L);
            return;
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
        for (int r = 0; r < MB; r++) {
            System.arraycopy(tmp, r * NB, y, yo[yAt + r] + c0, valid);
        }
    }

    /**
     * {@link #tile} for patch rows whose length is not a multiple of four (a 3x3 kernel on one
     * or three channels, a 1x1 one on three): the same code with a one-step loop only, as a
     * method of its own so that C2 compiles each from its own shapes' profile. Inside
     * {@link #tile} these rows ran its one-step tail loop, and the code C2 then compiled for
     * the tile was slower for every layer (W6 after its 3-channel first layer had run: the
     * 32-channel layers' forward pass 264 -> 221 GFLOP/s, input gradient 270 -> 227; W2's first
     * layer, one channel: 87 alone, 42 after the others); the one-step loop is also faster for
     * rows of nine (W6's first layer, 95 -> 152).
     */
    static void tileShort(float[] x, int o0, int o1, int o2, int o3, int o4, int o5,
                             int kh, int rowStep, int runs, int runStep, int runLen,
                             float[] kp, int kq, float[] bp, boolean relu, float[] y, int[] yo, int yAt, int c0,
                             int valid, float[] tmp) {
        FloatVector c00 = FloatVector.fromArray(S, bp, c0), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00;
        FloatVector c01 = FloatVector.fromArray(S, bp, c0 + L), c11 = c01, c21 = c01, c31 = c01, c41 = c01, c51 = c01;
        for (int i = 0; i < kh; i++) {
            for (int jr = 0; jr < runs; jr++) {
                int d = i * rowStep + jr * runStep;
                int a0 = o0 + d, a1 = o1 + d, a2 = o2 + d, a3 = o3 + d, a4 = o4 + d, a5 = o5 + d;
                int t = 0;
                FloatVector b0, b1, a;
                for (; t < runLen; t++, kq += NB) {
                    b0 = FloatVector.fromArray(S, kp, kq);
                    b1 = FloatVector.fromArray(S, kp, kq + L);
                    a = FloatVector.broadcast(S, x[a0 + t]);
                    c00 = a.fma(b0, c00);
                    c01 = a.fma(b1, c01);
                    a = FloatVector.broadcast(S, x[a1 + t]);
                    c10 = a.fma(b0, c10);
                    c11 = a.fma(b1, c11);
                    a = FloatVector.broadcast(S, x[a2 + t]);
                    c20 = a.fma(b0, c20);
                    c21 = a.fma(b1, c21);
                    a = FloatVector.broadcast(S, x[a3 + t]);
                    c30 = a.fma(b0, c30);
                    c31 = a.fma(b1, c31);
                    a = FloatVector.broadcast(S, x[a4 + t]);
                    c40 = a.fma(b0, c40);
                    c41 = a.fma(b1, c41);
                    a = FloatVector.broadcast(S, x[a5 + t]);
                    c50 = a.fma(b0, c50);
                    c51 = a.fma(b1, c51);
                }
            }
        }
        if (relu) {
            c00 = c00.max(0f);
            c01 = c01.max(0f);
            c10 = c10.max(0f);
            c11 = c11.max(0f);
            c20 = c20.max(0f);
            c21 = c21.max(0f);
            c30 = c30.max(0f);
            c31 = c31.max(0f);
            c40 = c40.max(0f);
            c41 = c41.max(0f);
            c50 = c50.max(0f);
            c51 = c51.max(0f);
        }
        if (valid == NB) {
            c00.intoArray(y, yo[yAt + 0] + c0);
            c01.intoArray(y, yo[yAt + 0] + c0 + L);
            c10.intoArray(y, yo[yAt + 1] + c0);
            c11.intoArray(y, yo[yAt + 1] + c0 + L);
            c20.intoArray(y, yo[yAt + 2] + c0);
            c21.intoArray(y, yo[yAt + 2] + c0 + L);
            c30.intoArray(y, yo[yAt + 3] + c0);
            c31.intoArray(y, yo[yAt + 3] + c0 + L);
            c40.intoArray(y, yo[yAt + 4] + c0);
            c41.intoArray(y, yo[yAt + 4] + c0 + L);
            c50.intoArray(y, yo[yAt + 5] + c0);
            c51.intoArray(y, yo[yAt + 5] + c0 + L);
            return;
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
        for (int r = 0; r < MB; r++) {
            System.arraycopy(tmp, r * NB, y, yo[yAt + r] + c0, valid);
        }
    }

    /**
     * {@link #tile} one vector wide, for outputs of at most L channels (W6's 16-channel Inception
     * branches): the two-vector tile would spend half its multiply-adds on padding.
     */
    static void tileNarrow(float[] x, int o0, int o1, int o2, int o3, int o4, int o5,
                             int kh, int rowStep, int runs, int runStep, int runLen,
                             float[] kp, int kq, float[] bp, boolean relu, float[] y, int[] yo, int yAt, int c0,
                             int valid, float[] tmp) {
        FloatVector c00 = FloatVector.fromArray(S, bp, c0), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00;
        for (int i = 0; i < kh; i++) {
            for (int jr = 0; jr < runs; jr++) {
                int d = i * rowStep + jr * runStep;
                int a0 = o0 + d, a1 = o1 + d, a2 = o2 + d, a3 = o3 + d, a4 = o4 + d, a5 = o5 + d;
                // Four steps per iteration: the address arithmetic of the six broadcasts is
                // shared by four (t + 1.. are displacements), so fewer integer uops compete
                // with the multiply-adds for ports.
                // A counted loop (index = t + invariant) keeps C2's range-check elimination.
                int t = 0;
                int quads = runLen - 3;
                FloatVector b0, a;
                for (; t < quads; t += 4) {
                    b0 = FloatVector.fromArray(S, kp, kq + t * L);
                    a = FloatVector.broadcast(S, x[a0 + t]);
                    c00 = a.fma(b0, c00);
                    a = FloatVector.broadcast(S, x[a1 + t]);
                    c10 = a.fma(b0, c10);
                    a = FloatVector.broadcast(S, x[a2 + t]);
                    c20 = a.fma(b0, c20);
                    a = FloatVector.broadcast(S, x[a3 + t]);
                    c30 = a.fma(b0, c30);
                    a = FloatVector.broadcast(S, x[a4 + t]);
                    c40 = a.fma(b0, c40);
                    a = FloatVector.broadcast(S, x[a5 + t]);
                    c50 = a.fma(b0, c50);
                    b0 = FloatVector.fromArray(S, kp, kq + (t + 1) * L);
                    a = FloatVector.broadcast(S, x[a0 + t + 1]);
                    c00 = a.fma(b0, c00);
                    a = FloatVector.broadcast(S, x[a1 + t + 1]);
                    c10 = a.fma(b0, c10);
                    a = FloatVector.broadcast(S, x[a2 + t + 1]);
                    c20 = a.fma(b0, c20);
                    a = FloatVector.broadcast(S, x[a3 + t + 1]);
                    c30 = a.fma(b0, c30);
                    a = FloatVector.broadcast(S, x[a4 + t + 1]);
                    c40 = a.fma(b0, c40);
                    a = FloatVector.broadcast(S, x[a5 + t + 1]);
                    c50 = a.fma(b0, c50);
                    b0 = FloatVector.fromArray(S, kp, kq + (t + 2) * L);
                    a = FloatVector.broadcast(S, x[a0 + t + 2]);
                    c00 = a.fma(b0, c00);
                    a = FloatVector.broadcast(S, x[a1 + t + 2]);
                    c10 = a.fma(b0, c10);
                    a = FloatVector.broadcast(S, x[a2 + t + 2]);
                    c20 = a.fma(b0, c20);
                    a = FloatVector.broadcast(S, x[a3 + t + 2]);
                    c30 = a.fma(b0, c30);
                    a = FloatVector.broadcast(S, x[a4 + t + 2]);
                    c40 = a.fma(b0, c40);
                    a = FloatVector.broadcast(S, x[a5 + t + 2]);
                    c50 = a.fma(b0, c50);
                    b0 = FloatVector.fromArray(S, kp, kq + (t + 3) * L);
                    a = FloatVector.broadcast(S, x[a0 + t + 3]);
                    c00 = a.fma(b0, c00);
                    a = FloatVector.broadcast(S, x[a1 + t + 3]);
                    c10 = a.fma(b0, c10);
                    a = FloatVector.broadcast(S, x[a2 + t + 3]);
                    c20 = a.fma(b0, c20);
                    a = FloatVector.broadcast(S, x[a3 + t + 3]);
                    c30 = a.fma(b0, c30);
                    a = FloatVector.broadcast(S, x[a4 + t + 3]);
                    c40 = a.fma(b0, c40);
                    a = FloatVector.broadcast(S, x[a5 + t + 3]);
                    c50 = a.fma(b0, c50);
                }
                kq += t * L;
                for (; t < runLen; t++, kq += L) {
                    b0 = FloatVector.fromArray(S, kp, kq);
                    a = FloatVector.broadcast(S, x[a0 + t]);
                    c00 = a.fma(b0, c00);
                    a = FloatVector.broadcast(S, x[a1 + t]);
                    c10 = a.fma(b0, c10);
                    a = FloatVector.broadcast(S, x[a2 + t]);
                    c20 = a.fma(b0, c20);
                    a = FloatVector.broadcast(S, x[a3 + t]);
                    c30 = a.fma(b0, c30);
                    a = FloatVector.broadcast(S, x[a4 + t]);
                    c40 = a.fma(b0, c40);
                    a = FloatVector.broadcast(S, x[a5 + t]);
                    c50 = a.fma(b0, c50);
                }
            }
        }
        if (relu) {
            c00 = c00.max(0f);
            c10 = c10.max(0f);
            c20 = c20.max(0f);
            c30 = c30.max(0f);
            c40 = c40.max(0f);
            c50 = c50.max(0f);
        }
        if (valid == L) {
            c00.intoArray(y, yo[yAt + 0] + c0);
            c10.intoArray(y, yo[yAt + 1] + c0);
            c20.intoArray(y, yo[yAt + 2] + c0);
            c30.intoArray(y, yo[yAt + 3] + c0);
            c40.intoArray(y, yo[yAt + 4] + c0);
            c50.intoArray(y, yo[yAt + 5] + c0);
            return;
        }
        c00.intoArray(tmp, 0);
        c10.intoArray(tmp, L);
        c20.intoArray(tmp, 2 * L);
        c30.intoArray(tmp, 3 * L);
        c40.intoArray(tmp, 4 * L);
        c50.intoArray(tmp, 5 * L);
        for (int r = 0; r < MB; r++) {
            System.arraycopy(tmp, r * L, y, yo[yAt + r] + c0, valid);
        }
    }
}
