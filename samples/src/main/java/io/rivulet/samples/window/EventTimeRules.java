package io.rivulet.samples.window;

/**
 * When a window is complete, in event time. The watermark trails the largest event time seen by
 * {@code outOfOrderness} ("no click older than this is still expected"); a window stays open, and
 * still counts clicks that arrive late, until the watermark passes its end plus
 * {@code allowedLateness}. A click for a window that is already closed is dropped and counted as
 * late. (Flink: bounded out-of-orderness watermark plus allowed lateness; Kafka Streams: stream time
 * minus the grace period.)
 *
 * @param outOfOrdernessMillis how far behind the newest click a click may be and still be on time
 * @param allowedLatenessMillis how long after the watermark passes a window's end it still takes clicks
 */
public record EventTimeRules(long outOfOrdernessMillis, long allowedLatenessMillis) {
    /** No watermark yet: nothing seen, nothing closed. */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    /** Requires non-negative bounds. */
    public EventTimeRules {
        if (outOfOrdernessMillis < 0 || allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("out-of-orderness and allowed lateness must be >= 0 ms but were "
                    + outOfOrdernessMillis + " and " + allowedLatenessMillis);
        }
    }

    /** The watermark after seeing clicks up to {@code maxEventTime}. */
    public long watermark(long maxEventTime) {
        return maxEventTime == NO_WATERMARK ? NO_WATERMARK : maxEventTime - outOfOrdernessMillis;
    }

    /** Whether {@code window} still takes clicks at {@code watermark}. */
    public boolean isOpen(Window window, long watermark) {
        return watermark == NO_WATERMARK || window.end() + allowedLatenessMillis > watermark;
    }
}
