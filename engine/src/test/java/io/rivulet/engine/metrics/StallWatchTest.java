package io.rivulet.engine.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StallWatchTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CapturingLogger log = new CapturingLogger();
    private final StallWatch watch = new StallWatch("native stream", Duration.ofSeconds(5), Duration.ofSeconds(30),
            now::get, log);

    @Test
    void aWaitCountsAsAStallOnlyPastTheThreshold() {
        StallWatch.Waiter w = watch.register("orders-0 to /10.0.0.7:5000");
        w.waiting("credits");
        advance(Duration.ofMillis(4_999));
        assertEquals(1, watch.waiting());
        assertEquals(0, watch.stalled());
        advance(Duration.ofMillis(1));
        assertEquals(1, watch.stalled());

        w.resumed();
        assertEquals(0, watch.stalled());
        assertEquals(0, watch.waiting());
    }

    @Test
    void waitingAgainKeepsTheFirstStart() {
        StallWatch.Waiter w = watch.register("s");
        w.waiting("credits");
        advance(Duration.ofSeconds(3));
        w.waiting("credits");
        advance(Duration.ofSeconds(3));
        assertEquals(1, watch.stalled());
    }

    @Test
    void oneWarnLineNamesTheLongestStallWithItsContext() {
        watch.register("orders-0 to /10.0.0.7:5000").waiting("credits");
        advance(Duration.ofSeconds(2));
        watch.register("orders-1 to /10.0.0.8:5000").waiting("credits");
        advance(Duration.ofSeconds(6));

        assertEquals(2, watch.check());

        assertEquals(List.of("2 native stream(s) waiting longer than 5000 ms (2 newly); the longest, 8000 ms:"
                + " orders-0 to /10.0.0.7:5000 waiting on credits"), log.warnings);
    }

    @Test
    void warnLinesAreRateLimitedAndAStallIsReportedOnce() {
        watch.register("a").waiting("credits");
        advance(Duration.ofSeconds(6));
        assertEquals(1, watch.check());
        assertEquals(0, watch.check(), "the same stall again: nothing new");

        watch.register("b").waiting("credits");
        advance(Duration.ofSeconds(6));
        assertEquals(0, watch.check(), "a new stall 6 s after the last line is held back");
        assertEquals(1, log.warnings.size());

        advance(Duration.ofSeconds(23));
        assertEquals(0, watch.check(), "29 s after the line: still held back");
        advance(Duration.ofSeconds(1));
        assertEquals(1, watch.check(), "held back, then reported once the interval passed");
        assertEquals(2, log.warnings.size());
        assertTrue(log.warnings.get(1).startsWith("2 native stream(s) waiting longer than 5000 ms (1 newly)"),
                log.warnings.get(1));
    }

    @Test
    void aStallThatEndsAndStartsAgainIsReportedAgain() {
        StallWatch.Waiter w = watch.register("a");
        w.waiting("credits");
        advance(Duration.ofSeconds(6));
        watch.check();
        w.resumed();
        w.waiting("max.in.flight.records");
        advance(Duration.ofSeconds(31));
        assertEquals(1, watch.check());
        assertTrue(log.warnings.get(1).endsWith("a waiting on max.in.flight.records"), log.warnings.get(1));
    }

    @Test
    void aClosedWaiterIsNoLongerWatched() {
        StallWatch.Waiter w = watch.register("a");
        w.waiting("credits");
        advance(Duration.ofSeconds(6));
        w.close();
        assertEquals(0, watch.stalled());
        assertEquals(0, watch.check());
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
