package dev.lamina.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void sizesNobodyAsksForAreDroppedAfterAWhile() {
        int stale = 2_345_671;
        BufferPool.give(new float[stale]);
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
}
