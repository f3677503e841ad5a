package io.rivulet.engine.produce;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StickyPartitionerTest {
    @Test
    void sticksUntilABatchWorthOfBytesThenMovesToAnotherPartition() {
        StickyPartitioner s = new StickyPartitioner(1000);
        int first = s.partition("t", 6, 100);
        for (int i = 1; i < 10; i++) {
            assertEquals(first, s.partition("t", 6, 100), "the first 1000 bytes stay on one partition");
        }
        assertNotEquals(first, s.partition("t", 6, 100), "the next record moves on");
    }

    @Test
    void spreadsOverAllPartitionsInTheLongRun() {
        StickyPartitioner s = new StickyPartitioner(100);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int p = s.partition("t", 4, 100);
            assertTrue(p >= 0 && p < 4);
            seen.add(p);
        }
        assertEquals(Set.of(0, 1, 2, 3), seen);
    }

    @Test
    void aSinglePartitionTopicAlwaysGetsZero() {
        assertEquals(0, new StickyPartitioner(1).partition("t", 1, 5000));
    }
}
