package dev.lamina.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void reusesArraysOfTheSameSizeAndZeroesOnRequest() {
        int size = 1_234_567; // a size no other test uses
        float[] a = BufferPool.take(size);
        a[5] = 3f;
        BufferPool.give(a);
        float[] b = BufferPool.take(size);
        assertSame(a, b);
        BufferPool.give(b);
        float[] z = BufferPool.zeros(size);
        assertSame(a, z);
        assertEquals(0f, z[5]);
        assertNotSame(z, BufferPool.take(size), "an array is handed out once");
    }

    @Test
    void keepsOnlyArraysItAllocated() {
        int size = 34_567; // small: the staleness test counts every retained float
        float[] a = BufferPool.take(size);
        long before = BufferPool.retainedFloats();
        // Arrays made elsewhere (ops that allocate their own outputs) come back with the
        // pool's own; keeping them would grow the pool every step.
        BufferPool.give(new float[size], a, new float[size]);
        assertEquals(before + size, BufferPool.retainedFloats());
        assertSame(a, BufferPool.take(size));
    }

    @Test
    void intArraysAreReusedApartFromFloatArraysOfTheirLength() {
        int size = 45_679; // a size no other test uses
        int[] a = BufferPool.takeInts(size);
        BufferPool.giveInts(a);
        float[] f = BufferPool.take(size);
        assertEquals(size, f.length);
        assertSame(a, BufferPool.takeInts(size));
        BufferPool.giveInts(new int[size]); // not the pool's: ignored
        assertNotSame(a, BufferPool.takeInts(size));
    }

    @Test
    void maxPoolingWinnersGoBackWithTheStepsActivations() {
        Tensor x = Tensor.randomUniform(21, -1, 1, 2, 6, 6, 5).requiresGrad(true);
        int winners = 2 * 3 * 3 * 5; // pooled elements: a size no other test uses
        Runnable pass = () -> {
            Tensor loss = Ops.maxPool2d(x, new PoolSpec(2, 2, 2, 2, "valid")).square().sum();
            loss.backward();
            dev.lamina.autograd.Autograd.recycleActivations(loss, List.of());
            x.setGrad(null);
        };
        pass.run();
        long warm = BufferPool.allocatedInts(winners);
        assertEquals(1, warm);
        for (int i = 0; i < 3; i++) {
            pass.run();
        }
        assertEquals(warm, BufferPool.allocatedInts(winners), "winner arrays allocated after warm-up");
    }

    @Test
    void sizesNobodyAsksForAreDroppedAfterAWhile() {
        int stale = 2_345_671;
        BufferPool.give(BufferPool.take(stale));
        long before = BufferPool.retainedFloats();
        assertTrue(before >= stale);
        // Another model's sizes come and go; the stale size's array is released to the GC.
        for (long i = 0; i <= BufferPool.STALE_TAKES + 10; i++) {
            BufferPool.give(BufferPool.take(17));
        }
        BufferPool.give(BufferPool.take(17));
        assertNotSame(null, BufferPool.take(stale));
        assertTrue(BufferPool.retainedFloats() < stale, "the stale array was dropped: " + BufferPool.retainedFloats());
    }

    @Test
    void backwardPassesAllocateNoActivationSizedArraysOnceWarm() {
        // Residual blocks and a fan-out into three convolutions: gradients are summed where
        // branches meet, and arrays released early in a pass are taken again by later ops in
        // it. Each must come back to the pool (and the activations at the step's end), so from
        // the second pass on nothing is allocated.
        int[] shape = {3, 7, 5, 6};
        int size = 3 * 7 * 5 * 6; // a size no other test uses
        Tensor x = Tensor.randomUniform(11, -1, 1, shape);
        Tensor[] k = new Tensor[7];
        for (int i = 0; i < k.length; i++) {
            k[i] = Tensor.randomUniform(12 + i, -0.3f, 0.3f, 3, 3, 6, 6).requiresGrad(true);
        }
        ConvSpec same = ConvSpec.of("same");
        Runnable pass = () -> {
            Tensor h = Ops.conv2d(x, k[0], null, same, true);
            for (int b = 0; b < 2; b++) {
                Tensor r = Ops.conv2d(Ops.conv2d(h, k[1 + 2 * b], null, same, true), k[2 + 2 * b], null, same, false);
                h = r.add(h).relu();
            }
            Tensor fan = Ops.concatenate(List.of(Ops.conv2d(h, k[5], null, same, true),
                    Ops.conv2d(h, k[6], null, same, true), Ops.conv2d(h, k[5], null, same, false)), 3);
            Tensor loss = fan.mul(fan).sum();
            loss.backward();
            dev.lamina.autograd.Autograd.recycleActivations(loss, List.of()); // as a training step ends
            for (Tensor t : k) {
                t.setGrad(null);
            }
        };
        pass.run();
        pass.run();
        long warm = BufferPool.allocated(size);
        for (int i = 0; i < 4; i++) {
            pass.run();
        }
        assertEquals(warm, BufferPool.allocated(size), "arrays of the activations' size allocated after warm-up");
    }
}
