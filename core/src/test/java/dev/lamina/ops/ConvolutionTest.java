package dev.lamina.ops;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.tensor.ShapeException;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConvolutionTest {
    /** Direct NHWC convolution in double, the definition. */
    static double[] refConv(double[] x, int[] xs, double[] k, int[] ks, ConvSpec s, boolean depthwise) {
        int n = xs[0], h = xs[1], w = xs[2], c = xs[3];
        int kh = ks[0], kw = ks[1], kc = ks[2], ko = ks[3];
        ConvSpec.Axis ra = s.rows(h, kh, "ref");
        ConvSpec.Axis ca = s.cols(w, kw, "ref");
        int ho = ra.out(), wo = ca.out();
        int cout = depthwise ? c * ko : ko;
        int groups = depthwise ? 1 : s.groups();
        int cg = c / groups, og = ko / groups;
        double[] out = new double[n * ho * wo * cout];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    for (int oc = 0; oc < cout; oc++) {
                        double acc = 0;
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                int iy = oy * s.strideH() - ra.padBefore() + i * s.dilationH();
                                int ix = ox * s.strideW() - ca.padBefore() + j * s.dilationW();
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                if (depthwise) {
                                    int ic = oc / ko, m = oc % ko;
                                    acc += x[((b * h + iy) * w + ix) * c + ic] * k[((i * kw + j) * kc + ic) * ko + m];
                                } else {
                                    int g = oc / og;
                                    for (int q = 0; q < cg; q++) {
                                        acc += x[((b * h + iy) * w + ix) * c + g * cg + q] * k[((i * kw + j) * kc + q) * ko + oc];
                                    }
                                }
                            }
                        }
                        out[((b * ho + oy) * wo + ox) * cout + oc] = acc;
                    }
                }
            }
        }
        return out;
    }

    private static void conv(String name, int[] xs, int[] ks, ConvSpec s) {
        check("conv2d " + name, t -> Convolution.conv2d(t[0], t[1], s), d -> refConv(d[0], xs, d[1], ks, s, false),
                rand(xs.length * 7L + ks[0], xs), rand(ks[3] * 3L, ks));
    }

    @Test
    void conv2dGradients() {
        conv("valid 3x3", new int[] {2, 5, 5, 2}, new int[] {3, 3, 2, 3}, ConvSpec.of("valid"));
        conv("same 3x3", new int[] {1, 4, 5, 2}, new int[] {3, 3, 2, 2}, ConvSpec.of("same"));
        conv("stride 2 same", new int[] {1, 5, 6, 1}, new int[] {3, 2, 1, 2}, new ConvSpec(2, 2, 1, 1, "same", 1));
        conv("dilation 2", new int[] {1, 6, 6, 2}, new int[] {2, 2, 2, 2}, new ConvSpec(1, 1, 2, 2, "valid", 1));
        conv("groups 2", new int[] {1, 4, 4, 4}, new int[] {3, 3, 2, 4}, new ConvSpec(1, 1, 1, 1, "same", 2));
        conv("pointwise 1x1", new int[] {2, 3, 3, 3}, new int[] {1, 1, 3, 4}, ConvSpec.of("valid"));
        conv("1x1 stride 2", new int[] {1, 4, 4, 2}, new int[] {1, 1, 2, 2}, new ConvSpec(2, 2, 1, 1, "valid", 1));
    }

    @Test
    void depthwiseGradients() {
        int[] xs = {2, 5, 4, 3};
        for (int mult : new int[] {1, 2}) {
            int[] ks = {3, 3, 3, mult};
            for (ConvSpec s : new ConvSpec[] {ConvSpec.of("valid"), ConvSpec.of("same"), new ConvSpec(2, 1, 1, 1, "same", 1)}) {
                check("depthwise m" + mult + " " + s, t -> DepthwiseConvolution.depthwiseConv2d(t[0], t[1], s),
                        d -> refConv(d[0], xs, d[1], ks, s, true), rand(30 + mult, xs), rand(40 + mult, ks));
            }
        }
    }

    /** The fused layer body relu?(conv2d(x, k) + b): gradients for x, kernel and bias. */
    private static void fused(String name, int[] xs, int[] ks, ConvSpec s, boolean relu) {
        int cout = ks[3];
        check("conv2d+bias" + (relu ? "+relu " : " ") + name, t -> Convolution.conv2d(t[0], t[1], t[2], s, relu), d -> {
            double[] y = refConv(d[0], xs, d[1], ks, s, false);
            for (int i = 0; i < y.length; i++) {
                y[i] += d[2][i % cout];
                y[i] = relu ? Math.max(y[i], 0) : y[i];
            }
            return y;
        }, rand(xs.length * 5L + ks[1], xs), rand(ks[2] * 11L, ks), rand(cout * 13L, cout));
    }

    @Test
    void fusedBiasReluGradients() {
        for (boolean relu : new boolean[] {false, true}) {
            fused("valid 3x3", new int[] {2, 5, 5, 2}, new int[] {3, 3, 2, 3}, ConvSpec.of("valid"), relu);
            fused("same 3x3, 17 channels", new int[] {1, 4, 3, 3}, new int[] {3, 3, 3, 17}, ConvSpec.of("same"), relu);
            fused("stride 2 same", new int[] {1, 5, 6, 2}, new int[] {3, 3, 2, 4}, new ConvSpec(2, 2, 1, 1, "same", 1), relu);
            fused("pointwise", new int[] {2, 3, 3, 3}, new int[] {1, 1, 3, 5}, ConvSpec.of("valid"), relu);
            fused("groups 2", new int[] {1, 4, 4, 4}, new int[] {3, 3, 2, 4}, new ConvSpec(1, 1, 1, 1, "same", 2), relu);
        }
    }

    @Test
    void fusedMatchesTheUnfusedComposition() {
        Tensor x = rand(1, 2, 6, 7, 8);
        Tensor k = rand(2, 3, 3, 8, 16);
        Tensor b = rand(3, 16);
        ConvSpec s = ConvSpec.of("same");
        float[] fused = Convolution.conv2d(x, k, b, s, true).toFloatArray();
        float[] composed = Convolution.conv2d(x, k, s).add(b).relu().toFloatArray();
        assertArrayEquals(composed, fused, 1e-5f);
    }

    @Test
    void firstLayerKernelAndBiasGradientsMatchThoseWithAnInputGradient() {
        // An input without a gradient (a model's first layer) takes the masked-as-read kernel
        // gradient; it must agree with the path that materializes the masked gradient.
        for (int[] ks : new int[][] {{3, 3, 1, 32}, {3, 3, 3, 16}, {1, 1, 5, 40}}) {
            float[][] got = new float[2][];
            float[][] gotB = new float[2][];
            for (int withX = 0; withX < 2; withX++) {
                Tensor x = rand(60, 2, 9, 8, ks[2]);
                Tensor k = rand(61, ks);
                Tensor b = rand(62, ks[3]);
                x.requiresGrad(withX == 1);
                k.requiresGrad(true);
                b.requiresGrad(true);
                Tensor y = Convolution.conv2d(x, k, b, ConvSpec.of("same"), true);
                y.mul(rand(63, y.shape())).sum().backward();
                got[withX] = k.grad().toFloatArray();
                gotB[withX] = b.grad().toFloatArray();
            }
            assertArrayEquals(got[1], got[0], 1e-4f, "kernel gradient " + java.util.Arrays.toString(ks));
            assertArrayEquals(gotB[1], gotB[0], 1e-4f, "bias gradient " + java.util.Arrays.toString(ks));
        }
    }

    @Test
    void onlyARecordedForwardPassTakesTheTrainingKernel() {
        // Predictions (no gradient wanted, or under noGrad) keep the exact forward pass; a pass
        // recorded for backward may take the training one (F(4x4, 3x3) on 32 channels).
        Tensor x = rand(70, 2, 12, 12, 32);
        Tensor k = rand(71, 3, 3, 32, 32);
        Tensor b = rand(72, 32);
        ConvSpec spec = ConvSpec.of("same");
        dev.lamina.kernels.ConvShape cs = new dev.lamina.kernels.ConvShape(2, 12, 12, 32, 3, 3, 32, 12, 12, 1, 1, 1, 1, 1, 1);
        float[] exact = new float[2 * 12 * 12 * 32], training = new float[exact.length];
        dev.lamina.kernels.Kernels.conv().forward(cs, x.toFloatArray(), 0, k.toFloatArray(), 0, b.toFloatArray(), 0, true, exact, 0);
        dev.lamina.kernels.Kernels.conv().forwardTraining(cs, x.toFloatArray(), 0, k.toFloatArray(), 0, b.toFloatArray(), 0, true,
                training, 0);
        assertArrayEquals(exact, Convolution.conv2d(x, k, b, spec, true).toFloatArray(), 0f, "no gradient wanted");
        k.requiresGrad(true);
        try (var ignored = dev.lamina.autograd.GradMode.noGrad()) {
            assertArrayEquals(exact, Convolution.conv2d(x, k, b, spec, true).toFloatArray(), 0f, "under noGrad");
        }
        assertArrayEquals(training, Convolution.conv2d(x, k, b, spec, true).toFloatArray(), 0f, "recorded");
        // F(4x4, 3x3) rounds to about 1e-6 of the magnitudes summed (288 terms of up to 1 here).
        assertArrayEquals(exact, training, 1e-3f, "the two passes agree to rounding");
    }

    @Test
    void depthwiseGradientsOnTheChannelVectorPath() {
        // Multiples of 8 channels take the channel-lane kernels (the test above has 3: the flat-row ones).
        int[] xs = {2, 5, 6, 8};
        int[] ks = {3, 3, 8, 1};
        for (ConvSpec s : new ConvSpec[] {ConvSpec.of("valid"), ConvSpec.of("same"), new ConvSpec(2, 1, 1, 1, "same", 1),
                                          new ConvSpec(1, 1, 2, 1, "valid", 1)}) {
            check("depthwise c8 " + s, t -> DepthwiseConvolution.depthwiseConv2d(t[0], t[1], s),
                    d -> refConv(d[0], xs, d[1], ks, s, true), rand(50, xs), rand(51, ks));
        }
        // 16 channels, rows of 8+: the sliding 3-wide kernels (forward, input and kernel gradients).
        int[] wide = {1, 4, 11, 16};
        int[] k3 = {3, 3, 16, 1};
        for (ConvSpec s : new ConvSpec[] {ConvSpec.of("valid"), ConvSpec.of("same")}) {
            check("depthwise c16 sliding " + s, t -> DepthwiseConvolution.depthwiseConv2d(t[0], t[1], s),
                    d -> refConv(d[0], wide, d[1], k3, s, true), rand(52, wide), rand(53, k3));
        }
    }

    @Test
    void valuesByHand() {
        // 3x3 input 1..9, 2x2 kernel of ones, valid: window sums 12, 16, 24, 28.
        Tensor x = Tensor.arange(9).add(1f).reshape(1, 3, 3, 1);
        Tensor k = Tensor.ones(2, 2, 1, 1);
        assertArrayEquals(new float[] {12, 16, 24, 28}, Convolution.conv2d(x, k, ConvSpec.of("valid")).toFloatArray());
        assertArrayEquals(new int[] {1, 3, 3, 1}, Convolution.conv2d(x, k, ConvSpec.of("same")).shape());
    }

    @Test
    void channelMismatchIsReported() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Convolution.conv2d(Tensor.zeros(1, 4, 4, 3), Tensor.zeros(3, 3, 2, 8), ConvSpec.of("same")));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("(3, 3, 2, 8)"), e.getMessage());
    }
}
