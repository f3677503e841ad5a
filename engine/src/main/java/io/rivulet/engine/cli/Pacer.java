package io.rivulet.engine.cli;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a perf producer to a target rate ({@code --throughput}): record {@code n} is due {@code n / rate}
 * seconds after the first. A record already due goes at once, so a producer that fell behind catches
 * up in a burst rather than losing the records. It parks the calling thread, so it runs on a thread of
 * its own, never on an engine or Reactor thread. Not thread-safe.
 */
final class Pacer {
    private final long recordsPerSecond;
    private long start = -1;

    Pacer(long recordsPerSecond) {
        if (recordsPerSecond < 1) {
            throw new IllegalArgumentException("a rate must be at least 1 record/s but was " + recordsPerSecond);
        }
        this.recordsPerSecond = recordsPerSecond;
    }

    /** Waits until record {@code sequence} (from 0) is due. */
    void await(long sequence) {
        long now = System.nanoTime();
        if (start < 0) {
            start = now;
        }
        long wait;
        while ((wait = delayNanos(sequence, now - start, recordsPerSecond)) > 0) {
            LockSupport.parkNanos(wait);
            now = System.nanoTime();
        }
    }

    /** How long after {@code elapsedNanos} record {@code sequence} is due at {@code rate}; zero or less if due. */
    static long delayNanos(long sequence, long elapsedNanos, long rate) {
        long due = (long) (sequence * (1_000_000_000.0 / rate));
        return due - elapsedNanos;
    }
}
