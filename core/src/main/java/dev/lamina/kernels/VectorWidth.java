package dev.lamina.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector width every SIMD kernel runs at: 512 bits where the CPU has AVX-512, else 256.
 *
 * <p>On this project's Sapphire Rapids machine a 512-bit FMA loop runs at twice the 256-bit one
 * (measured 230 vs 118 GFLOP/s on one core). All kernels must share the species: with two
 * species live in one JVM, the Vector API's shared code sees two vector classes in its type
 * profiles, C2's speculation fails, and after enough deoptimizations it stops intrinsifying, so
 * whole training steps ran ten times slower after the first workload that used the other width.
 * {@code -Dlamina.vectorBits=256} forces 256 (to compare, or for a CPU that slows its clock for
 * 512-bit work).
 */
final class VectorWidth {
    static final VectorSpecies<Float> S = choose();
    /** Integers with as many lanes as {@link #S} (for masks and indices that travel with floats). */
    static final VectorSpecies<Integer> I = S.vectorBitSize() == 512 ? IntVector.SPECIES_512 : IntVector.SPECIES_256;

    private VectorWidth() {}

    private static VectorSpecies<Float> choose() {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        int forced = Integer.getInteger("lamina.vectorBits", 0);
        return preferred >= 512 && forced != 256 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    }
}
