package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {
    /** Surefire passes --add-modules jdk.incubator.vector; if it stops, tests would silently go scalar. */
    @Test
    void vectorPathIsActiveUnderTheTestJvm() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertTrue(Kernels.vectorized(), Kernels.describe());
        assertInstanceOf(VectorGemm.class, Kernels.fastGemm());
        assertInstanceOf(VectorOps.class, Kernels.elementwise());
        assertTrue(Kernels.describe().matches("gemm=vector-(6x16|12x32), elementwise=vector-(256|512) \\(jdk\\.incubator\\.vector\\).*"),
                Kernels.describe());
    }

    @Test
    void useGemmSwapsTheActiveGemm() {
        Gemm before = Kernels.gemm();
        try {
            Kernels.useGemm(Kernels.referenceGemm());
            assertSame(Kernels.referenceGemm(), Kernels.gemm());
            assertTrue(Kernels.describe().startsWith("gemm=reference"));
        } finally {
            Kernels.useGemm(before);
        }
        assertThrows(IllegalArgumentException.class, () -> Kernels.useGemm(null));
    }

    @Test
    void referenceComputesAHandCheckedProduct() {
        // A^T with A = [1 2; 3 4] stored, so op(A) = [1 3; 2 4]; op(A) @ [1; 1] = [4; 6].
        float[] a = {1, 2, 3, 4}, b = {1, 1}, c = new float[2];
        Kernels.referenceGemm().sgemm(true, false, 2, 1, 2, 1f, a, 0, 2, b, 0, 1, 0f, c, 0, 1);
        assertEquals(4f, c[0]);
        assertEquals(6f, c[1]);
    }
}
