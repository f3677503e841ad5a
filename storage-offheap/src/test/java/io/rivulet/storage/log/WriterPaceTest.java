package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A writer's pace over its last 2 MiB decides whether the pages ahead of it come in small or large. */
class WriterPaceTest {
    private static final long SPAN = WriterPace.SPAN;
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();

    private WriterPace pace(long segmentSize) {
        return new WriterPace(() -> {
            reads.incrementAndGet();
            return now.get();
        }, segmentSize);
    }

    @Test
    void aWriterIsSlowUntilItsFirstSpanSaysOtherwise() {
        WriterPace pace = pace(0);
        assertTrue(pace.slow(), "nothing written yet: not known, so small pages");
        pace.at(SPAN - 1);
        assertTrue(pace.slow(), "not a whole span yet");
        now.addAndGet(10);
        pace.at(SPAN);
        assertFalse(pace.slow(), "2 MiB in 10 ms");
    }

    @Test
    void thePaceFollowsTheLastSpan() {
        WriterPace pace = pace(0);
        long size = 0;
        for (int i = 0; i < 4; i++) { // fast
            size += SPAN;
            now.addAndGet(5);
            pace.at(size);
        }
        assertFalse(pace.slow());
        size += SPAN;
        now.addAndGet(WriterPace.SLOW_SPAN_MILLIS);
        pace.at(size);
        assertTrue(pace.slow(), "the writer slowed down: " + WriterPace.SLOW_SPAN_MILLIS + " ms for a span");
        size += 2 * SPAN;
        now.addAndGet(WriterPace.SLOW_SPAN_MILLIS); // half that per span
        pace.at(size);
        assertFalse(pace.slow(), "two spans at once, measured per span");
    }

    @Test
    void aRollOrATruncationMovesTheBaselineWithoutCountingAsWritten() {
        WriterPace pace = pace(SPAN * 3); // a reopened segment: what it holds was not written now
        pace.at(SPAN * 3 + 1000);
        assertTrue(pace.slow(), "the reopened segment's bytes are not a span written in no time");
        pace.at(1000); // rolled: a new segment
        pace.at(SPAN / 2);
        now.addAndGet(1);
        pace.at(SPAN / 2 + SPAN / 2 + 1000);
        assertFalse(pace.slow(), "a span across the roll, in 1 ms");
        pace.at(10); // truncated
        assertFalse(pace.slow(), "unchanged by the truncation");
    }

    @Test
    void theClockIsReadOncePerSpanNotOncePerAppend() {
        WriterPace pace = pace(0);
        int before = reads.get();
        for (long size = 4096; size <= 10 * SPAN; size += 4096) {
            pace.at(size);
        }
        assertEquals(10, reads.get() - before);
    }

    @Test
    void aClockSetBackCountsAsFast() {
        WriterPace pace = pace(0);
        now.addAndGet(-60_000);
        pace.at(SPAN);
        assertFalse(pace.slow());
    }
}
