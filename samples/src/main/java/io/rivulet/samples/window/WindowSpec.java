package io.rivulet.samples.window;

import java.util.ArrayList;
import java.util.List;

/**
 * A family of event-time windows of one size, starting every {@code advance} milliseconds from the
 * epoch: tumbling when the advance equals the size (each instant in exactly one window), sliding
 * (Flink) or hopping (Kafka Streams) when it is smaller (each instant in {@code size / advance}
 * windows).
 *
 * @param name          a short name used in output keys, e.g. {@code tumbling-1m}
 * @param sizeMillis    how long each window is
 * @param advanceMillis how far apart window starts are, {@code 0 < advance <= size}
 */
public record WindowSpec(String name, long sizeMillis, long advanceMillis) {
    /** Validates the name, the size and the advance. */
    public WindowSpec {
        if (name == null || !name.matches("[a-zA-Z0-9_-]+")) {
            throw new IllegalArgumentException("window spec name '" + name + "' is invalid: use letters, digits, - and _");
        }
        if (sizeMillis <= 0 || advanceMillis <= 0 || advanceMillis > sizeMillis) {
            throw new IllegalArgumentException("window '" + name + "' needs 0 < advance <= size but has size "
                    + sizeMillis + " ms and advance " + advanceMillis + " ms");
        }
    }

    /** Windows of {@code size} that do not overlap. */
    public static WindowSpec tumbling(String name, long sizeMillis) {
        return new WindowSpec(name, sizeMillis, sizeMillis);
    }

    /** Windows of {@code size} that start every {@code advance}, so they overlap. */
    public static WindowSpec sliding(String name, long sizeMillis, long advanceMillis) {
        return new WindowSpec(name, sizeMillis, advanceMillis);
    }

    /** Every window of this spec that contains {@code eventTime}, oldest first. */
    public List<Window> windowsFor(long eventTime) {
        long lastStart = Math.floorDiv(eventTime, advanceMillis) * advanceMillis;
        List<Window> windows = new ArrayList<>((int) (sizeMillis / advanceMillis) + 1);
        long first = lastStart;
        while (first - advanceMillis > eventTime - sizeMillis) {
            first -= advanceMillis;
        }
        for (long start = first; start <= lastStart; start += advanceMillis) {
            windows.add(new Window(name, start, start + sizeMillis));
        }
        return windows;
    }
}
