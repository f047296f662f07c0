package dev.lamina.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkloadBenchmarkTest {
    @Test
    void warmUpRunsAtLeastItsTimeAndStopsByItsCap() {
        int[] steps = {0};
        double seconds = WorkloadBenchmark.warm(() -> steps[0]++, 0.2);
        assertTrue(steps[0] >= 3, "at least three steps, got " + steps[0]);
        assertTrue(seconds >= 0.2, "at least the asked warm-up, got " + seconds + " s");
        assertTrue(seconds <= WorkloadBenchmark.MAX_WARMUP_SECONDS + 1, "capped, got " + seconds + " s");
    }

    @Test
    void warmUpOfSlowStepsStillTakesAtLeastThree() {
        int[] steps = {0};
        WorkloadBenchmark.warm(() -> {
            steps[0]++;
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0);
        assertTrue(steps[0] >= 3, "at least three steps, got " + steps[0]);
    }
}
