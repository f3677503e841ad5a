package io.rivulet.engine.replication;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long a follower waits before it asks its leader again after a failure. */
class ReplicaFetcherPauseTest {
    private static final Duration BACKOFF = Duration.ofMillis(100);

    @Test
    void theFirstRetryComesSoonAndLaterOnesBackOffToTheLimit() {
        assertEquals(Duration.ofMillis(5), ReplicaFetcher.pauseAfter(0, BACKOFF));
        assertEquals(Duration.ofMillis(10), ReplicaFetcher.pauseAfter(1, BACKOFF));
        assertEquals(Duration.ofMillis(80), ReplicaFetcher.pauseAfter(4, BACKOFF));
        assertEquals(BACKOFF, ReplicaFetcher.pauseAfter(5, BACKOFF));
    }

    @Test
    void aLongRunOfFailuresStaysAtTheLimit() {
        assertEquals(BACKOFF, ReplicaFetcher.pauseAfter(63, BACKOFF));
        assertEquals(BACKOFF, ReplicaFetcher.pauseAfter(Integer.MAX_VALUE, BACKOFF));
    }
}
