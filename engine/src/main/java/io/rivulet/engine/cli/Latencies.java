package io.rivulet.engine.cli;

import org.HdrHistogram.Histogram;

/**
 * Latencies recorded in nanoseconds into an HdrHistogram (3 significant digits, so a percentile is
 * exact to 0.1%), reported in milliseconds. Not thread-safe: record from one thread at a time, with a
 * happens-before edge between threads (as between a Reactive Streams {@code onNext} and the next).
 */
final class Latencies {
    private final Histogram histogram = new Histogram(3);

    /** Records one latency; a negative one (a clock step) counts as zero. */
    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
    }

    /** How many latencies were recorded. */
    long count() {
        return histogram.getTotalCount();
    }

    /**
     * The latency at {@code percentile} (0–100) in milliseconds, or {@code null} when nothing was
     * recorded, so the perf result says "not measured" rather than a made-up zero.
     */
    Double percentileMillis(double percentile) {
        if (histogram.getTotalCount() == 0) {
            return null;
        }
        return histogram.getValueAtPercentile(percentile) / 1_000_000.0;
    }
}
