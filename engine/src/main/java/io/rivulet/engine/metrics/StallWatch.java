package io.rivulet.engine.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Watches things that wait on someone else — a stream with no credits left, a producer at its in-flight
 * bound — and reports the ones that wait too long: {@link #stalled()} counts them now (a gauge), and
 * {@link #check()} writes one WARN line naming the longest, at most once per warn interval, so a
 * thousand stuck streams make one line, not a thousand.
 *
 * <p>Each watched thing registers once ({@link #register}) and then only flips a volatile timestamp on
 * {@link Waiter#waiting} and {@link Waiter#resumed}: no allocation, no lock, cheap enough to call every
 * time a credit window empties.
 *
 * <p>Threading: thread-safe. {@code waiting}, {@code resumed} and {@code close} may be called from any
 * thread (event loops); {@code check} is serialized on this object and is meant to run on one schedule.
 */
public final class StallWatch {
    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);
    private static final long NOT_WAITING = Long.MIN_VALUE;

    /** Default: a wait longer than this is a stall. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(5);
    /** Default: at most one WARN line per watch this often. */
    public static final Duration DEFAULT_WARN_INTERVAL = Duration.ofSeconds(30);

    private final String what;
    private final long thresholdNanos;
    private final long warnIntervalNanos;
    private final LongSupplier nanoClock;
    private final Logger log;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private long nextWarnAt; // guarded by this
    private boolean warnedOnce; // guarded by this

    /**
     * @param what      names the waiters in the log line, e.g. {@code "native stream"} or {@code "producer"}
     * @param nanoClock {@link System#nanoTime()} in production; a fake in tests
     */
    public StallWatch(String what, Duration threshold, Duration warnInterval, LongSupplier nanoClock) {
        this(what, threshold, warnInterval, nanoClock, LOG);
    }

    StallWatch(String what, Duration threshold, Duration warnInterval, LongSupplier nanoClock, Logger log) {
        if (threshold.isNegative() || warnInterval.isNegative()) {
            throw new IllegalArgumentException("threshold and warn interval must not be negative");
        }
        this.what = what;
        this.thresholdNanos = threshold.toNanos();
        this.warnIntervalNanos = warnInterval.toNanos();
        this.nanoClock = nanoClock;
        this.log = log;
    }

    /** Starts watching one thing; {@code context} (topic-partition, remote address, …) goes in the WARN line. */
    public Waiter register(String context) {
        Waiter w = new Waiter(context);
        waiters.add(w);
        return w;
    }

    /** How many registered things wait now, stalled or not. */
    public int waiting() {
        int n = 0;
        for (Waiter w : waiters) {
            if (w.waitingSince != NOT_WAITING) {
                n++;
            }
        }
        return n;
    }

    /** How many registered things have waited longer than the threshold, now. Walks the waiters: for scrapes. */
    public int stalled() {
        long now = nanoClock.getAsLong();
        int n = 0;
        for (Waiter w : waiters) {
            long since = w.waitingSince;
            if (since != NOT_WAITING && now - since >= thresholdNanos) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes a WARN line if some waiter became stalled since the last line and the last line is at least a
     * warn interval old. A stall is reported once; the ones that start while lines are held back are
     * reported by the next line. Returns how many stalls the line reported (0 when nothing was written).
     */
    public synchronized int check() {
        long now = nanoClock.getAsLong();
        if (warnedOnce && now - nextWarnAt < 0) {
            return 0;
        }
        int stalled = 0;
        int fresh = 0;
        Waiter longest = null;
        long longestSince = 0;
        for (Waiter w : waiters) {
            long since = w.waitingSince;
            if (since == NOT_WAITING || now - since < thresholdNanos) {
                continue;
            }
            stalled++;
            if (w.reportedFor != since) {
                fresh++;
            }
            if (longest == null || since - longestSince < 0) {
                longest = w;
                longestSince = since;
            }
        }
        if (fresh == 0) {
            return 0;
        }
        for (Waiter w : waiters) {
            long since = w.waitingSince;
            if (since != NOT_WAITING && now - since >= thresholdNanos) {
                w.reportedFor = since;
            }
        }
        log.warn("{} {}(s) waiting longer than {} ms ({} newly); the longest, {} ms: {} waiting on {}",
                stalled, what, thresholdNanos / 1_000_000, fresh, (now - longestSince) / 1_000_000,
                longest.context, longest.reason);
        warnedOnce = true;
        nextWarnAt = now + warnIntervalNanos;
        return fresh;
    }

    /**
     * One watched thing. {@link #waiting} when it starts waiting (again calls keep the first start),
     * {@link #resumed} when it may go on, {@link #close} when it ends.
     */
    public final class Waiter implements AutoCloseable {
        private final String context;
        private volatile String reason = "";
        private volatile long waitingSince = NOT_WAITING;
        private volatile long reportedFor = NOT_WAITING;

        private Waiter(String context) {
            this.context = context;
        }

        /** Marks the start of a wait on {@code reason} (a constant such as {@code "credits"}); no-op if waiting. */
        public void waiting(String reason) {
            if (waitingSince == NOT_WAITING) {
                this.reason = reason;
                long now = nanoClock.getAsLong();
                // never store the marker value itself as a start time
                waitingSince = now == NOT_WAITING ? now + 1 : now;
            }
        }

        /** Marks the end of the current wait, if any. */
        public void resumed() {
            waitingSince = NOT_WAITING;
        }

        public boolean isWaiting() {
            return waitingSince != NOT_WAITING;
        }

        /** Stops watching; idempotent. */
        @Override
        public void close() {
            waitingSince = NOT_WAITING;
            waiters.remove(this);
        }

        @Override
        public String toString() {
            return "Waiter[" + what + " " + context + (isWaiting() ? ", waiting on " + reason : "") + "]";
        }
    }
}
