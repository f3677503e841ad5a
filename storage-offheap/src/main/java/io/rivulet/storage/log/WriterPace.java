package io.rivulet.storage.log;

import java.util.function.LongSupplier;

/**
 * How fast a log's writer fills its segments, measured over the last {@link #SPAN} bytes it wrote, so the background
 * work that faults pages in ahead of it ({@link TouchAhead}, {@link NextSegment}) can choose the size of the pieces.
 * A 2 MiB page-cache folio is the least CPU per byte, but faulting one in holds a core for about 4 ms on a virtual
 * machine (docs/benchmarks-log.md, "Fresh pages as 2 MiB folios"); 4 KiB pages cost more CPU, mostly when a seal's fsync
 * writes them back, but stall for microseconds. A writer that needs 2 MiB every few milliseconds wants the first; a
 * slow one, whose records are few and whose readers wait on each of them, the second.
 *
 * <p>Updated by the writer after each append ({@link #at}); read by background jobs ({@link #slow}).
 */
final class WriterPace {
    /** Bytes over which the pace is measured: one 2 MiB folio. */
    static final long SPAN = 2L << 20;
    /** A writer taking at least this long per {@link #SPAN} (under about 32 MB/s) is slow. */
    static final long SLOW_SPAN_MILLIS = 64;

    private final LongSupplier millis;
    private long lastSize;
    private long written;
    private long markWritten;
    private long markMillis;
    private volatile long millisPerSpan = -1; // -1: not measured yet

    /**
     * @param millis the log's clock
     * @param segmentSize what the active segment holds already (a reopened log's), which was not written now
     */
    WriterPace(LongSupplier millis, long segmentSize) {
        this.millis = millis;
        this.lastSize = segmentSize;
        this.markMillis = millis.getAsLong();
    }

    /**
     * Writer: the active segment now holds {@code segmentSize} bytes. A smaller size than before (a roll, a
     * truncation) only moves the baseline: the batch that made it is not counted, which a span hardly notices.
     */
    void at(long segmentSize) {
        if (segmentSize > lastSize) {
            written += segmentSize - lastSize;
        }
        lastSize = segmentSize;
        long since = written - markWritten;
        if (since >= SPAN) { // the clock is read once a span, not once an append
            long now = millis.getAsLong();
            millisPerSpan = Math.max(0, (long) ((double) (now - markMillis) * SPAN / since)); // a clock set back: fast
            markWritten = written;
            markMillis = now;
        }
    }

    /**
     * Whether pages ahead of the writer should be faulted in 4 KiB at a time: its last span took
     * {@link #SLOW_SPAN_MILLIS} or longer, or it has not written a span yet (a new or reopened log: which it will be
     * is not known, and a span of small pages costs little either way).
     */
    boolean slow() {
        long n = millisPerSpan;
        return n < 0 || n >= SLOW_SPAN_MILLIS;
    }
}
