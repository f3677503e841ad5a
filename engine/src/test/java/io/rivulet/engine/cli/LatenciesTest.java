package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LatenciesTest {

    @Test
    void percentilesOfAUniformSpreadAreWhereTheyShouldBe() {
        Latencies latencies = new Latencies();
        List<Long> values = new ArrayList<>();
        for (long ms = 1; ms <= 1000; ms++) {
            values.add(ms * 1_000_000);
        }
        Collections.shuffle(values, new Random(42));
        values.forEach(latencies::recordNanos);

        assertEquals(1000, latencies.count());
        // 3 significant digits: each percentile within 0.1% of the exact rank.
        assertEquals(500.0, latencies.percentileMillis(50), 0.5);
        assertEquals(990.0, latencies.percentileMillis(99), 1.0);
        assertEquals(999.0, latencies.percentileMillis(99.9), 1.0);
        assertEquals(1000.0, latencies.percentileMillis(100), 1.0);
    }

    @Test
    void aFewSlowOutliersShowInTheTailNotTheMedian() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 9_990; i++) {
            latencies.recordNanos(100_000);
        }
        for (int i = 0; i < 10; i++) {
            latencies.recordNanos(50_000_000);
        }
        assertEquals(0.1, latencies.percentileMillis(50), 0.001);
        assertEquals(0.1, latencies.percentileMillis(99), 0.001);
        assertEquals(50.0, latencies.percentileMillis(99.95), 0.05);
    }

    @Test
    void nothingRecordedMeansNoPercentile() {
        assertNull(new Latencies().percentileMillis(50));
    }

    @Test
    void aNegativeLatencyFromAClockStepCountsAsZero() {
        Latencies latencies = new Latencies();
        latencies.recordNanos(-5);
        assertEquals(0.0, latencies.percentileMillis(50));
    }
}
