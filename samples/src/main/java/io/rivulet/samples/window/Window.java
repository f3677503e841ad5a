package io.rivulet.samples.window;

/**
 * One event-time window of a {@link WindowSpec}: the half-open interval {@code [start, end)}.
 *
 * @param spec  the name of the spec it belongs to, e.g. {@code tumbling-1m}
 * @param start the first millisecond it covers
 * @param end   the first millisecond it no longer covers
 */
public record Window(String spec, long start, long end) implements Comparable<Window> {
    /** Requires a non-empty interval. */
    public Window {
        if (end <= start) {
            throw new IllegalArgumentException("a window must end after it starts: [" + start + ", " + end + ")");
        }
    }

    /** Whether {@code eventTime} falls inside. */
    public boolean contains(long eventTime) {
        return eventTime >= start && eventTime < end;
    }

    /** Ordered by end, then start, then spec: the order in which a rising watermark closes windows. */
    @Override
    public int compareTo(Window o) {
        int c = Long.compare(end, o.end);
        if (c == 0) {
            c = Long.compare(start, o.start);
        }
        return c != 0 ? c : spec.compareTo(o.spec);
    }
}
