package dev.lamina.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The 256-bit kernels (6-row GEMM tile, 16-wide conv panels) in a child JVM forced to
 * {@code -Dlamina.vectorBits=256}: on an AVX-512 machine the suite itself only runs the 512-bit
 * ones, and a CPU without AVX-512 would run only these.
 */
class VectorWidthTest {
    @Test
    void forcedTo256BitsTheKernelsStillMatchTheReference() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-Dlamina.vectorBits=256",
                "-cp", System.getProperty("java.class.path"), Child.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("gemm=vector-6x16, elementwise=vector-256"), out);
        assertTrue(out.endsWith("ok"), out);
    }

    /** The child: GEMMs of every transpose and ragged shapes against the reference, then "ok". */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println(Kernels.describe());
            Random rnd = new Random(5);
            int[][] shapes = {{1, 300, 700}, {3, 40, 9}, {37, 129, 300}, {129, 257, 67}, {600, 17, 9}, {73, 145, 513}};
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (int tr = 0; tr < 4; tr++) {
                    boolean ta = (tr & 1) != 0, tb = (tr & 2) != 0;
                    float[] a = random(rnd, m * k), b = random(rnd, k * n), c = random(rnd, m * n), ref = c.clone();
                    int lda = ta ? m : k, ldb = tb ? k : n;
                    Kernels.gemm().sgemm(ta, tb, m, n, k, 1.5f, a, 0, lda, b, 0, ldb, 0.5f, c, 0, n);
                    Kernels.referenceGemm().sgemm(ta, tb, m, n, k, 1.5f, a, 0, lda, b, 0, ldb, 0.5f, ref, 0, n);
                    for (int i = 0; i < c.length; i++) {
                        if (Math.abs(c[i] - ref[i]) > 1e-4f * (k + 4)) {
                            throw new AssertionError("gemm " + m + "x" + n + "x" + k + " trans " + tr + " at " + i
                                    + ": " + c[i] + " vs " + ref[i]);
                        }
                    }
                }
            }
            System.out.println("ok");
        }

        private static float[] random(Random rnd, int n) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextFloat() * 2 - 1;
            }
            return x;
        }
    }
}
