package io.rivulet.storage.log;

import io.rivulet.storage.segment.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The segments of a log, oldest first, as a copy-on-write array: readers take a snapshot with one
 * volatile read and binary-search it without locks or allocation (a concurrent skip list hands out
 * a new entry object on every floor lookup). The writer replaces the array on the rare changes —
 * roll, deletion, truncation — never on append.
 *
 * <p>Threading: mutators are confined to the log's writer; {@link #snapshot} and the lookups are
 * safe from any thread.
 */
final class SegmentList {
    private static final Segment[] EMPTY = new Segment[0];

    private volatile Segment[] segments = EMPTY;

    /** The current segments, oldest first. The array is never changed; do not change it either. */
    Segment[] snapshot() {
        return segments;
    }

    /** Index in {@code all} of the segment that holds {@code offset} (the last base at or below it), or -1. */
    static int floorIndex(Segment[] all, long offset) {
        int lo = 0;
        int hi = all.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (all[mid].baseOffset() <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    int size() {
        return segments.length;
    }

    Segment first() {
        return segments[0];
    }

    Segment last() {
        Segment[] all = segments;
        return all[all.length - 1];
    }

    /** The segment with base offset {@code base}, or null. */
    Segment get(long base) {
        Segment[] all = segments;
        int i = floorIndex(all, base);
        return i >= 0 && all[i].baseOffset() == base ? all[i] : null;
    }

    /** Adds a segment whose base offset is above every other. */
    void addLast(Segment s) {
        Segment[] all = segments;
        if (all.length > 0 && all[all.length - 1].baseOffset() >= s.baseOffset()) {
            throw new IllegalStateException("segment " + s.baseOffset() + " is not above the last one, "
                    + all[all.length - 1].baseOffset());
        }
        Segment[] grown = Arrays.copyOf(all, all.length + 1);
        grown[all.length] = s;
        segments = grown;
    }

    /** Removes the {@code n} oldest segments. */
    void removeFirst(int n) {
        Segment[] all = segments;
        segments = Arrays.copyOfRange(all, n, all.length);
    }

    /** Removes every segment above the one at {@code base}, and returns them. */
    List<Segment> removeAbove(long base) {
        Segment[] all = segments;
        int keep = floorIndex(all, base) + 1;
        segments = Arrays.copyOf(all, keep);
        return List.of(all).subList(keep, all.length);
    }

    /** Replaces the segment with the same base offset as {@code s}. */
    void replace(Segment s) {
        Segment[] all = segments.clone();
        int i = floorIndex(all, s.baseOffset());
        if (i < 0 || all[i].baseOffset() != s.baseOffset()) {
            throw new IllegalStateException("no segment " + s.baseOffset() + " to replace");
        }
        all[i] = s;
        segments = all;
    }

    /** Removes every segment and returns them. */
    List<Segment> clear() {
        Segment[] all = segments;
        segments = EMPTY;
        return List.of(all);
    }

    List<Long> baseOffsets() {
        List<Long> out = new ArrayList<>();
        for (Segment s : segments) {
            out.add(s.baseOffset());
        }
        return List.copyOf(out);
    }
}
