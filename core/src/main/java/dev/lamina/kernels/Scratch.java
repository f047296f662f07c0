package dev.lamina.kernels;

/** The grow-on-demand rule of the per-thread scratch buffers ({@link GemmScratch}, {@link ConvScratch}). */
final class Scratch {
    private Scratch() {}

    /** {@code current} when it holds at least {@code size} floats, else a new array of exactly {@code size}. */
    static float[] atLeast(float[] current, int size) {
        return current.length < size ? new float[size] : current;
    }
}
