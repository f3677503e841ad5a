package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacerTest {

    @Test
    void recordNIsDueNOverRateSecondsAfterTheFirst() {
        assertEquals(0, Pacer.delayNanos(0, 0, 1000));
        assertEquals(1_000_000, Pacer.delayNanos(1, 0, 1000));
        assertEquals(10_000, Pacer.delayNanos(1, 0, 100_000));
        assertEquals(500_000, Pacer.delayNanos(10, 9_500_000, 1000));
    }

    @Test
    void aRecordAlreadyDueWaitsNoMore() {
        assertEquals(-4_000_000, Pacer.delayNanos(1, 5_000_000, 1000));
    }

    @Test
    void aRateBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0));
    }
}
