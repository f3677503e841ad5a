package io.rivulet.storage.log;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.segment.Segment;
import io.rivulet.storage.segment.SegmentMapping;

/**
 * The lock-free read side of a log: whole batches across a snapshot of its segments, and the
 * timestamp lookup. Stateless; every call is given the snapshot and the log end it must not pass.
 *
 * <p>Why the end offset and not a position: the writer publishes a segment's size (after the
 * bytes) and then the log end offset, both volatile. A reader that reads the end first sees at
 * least the sizes that go with it, so every batch it finds below that end is complete; batches a
 * later append already added are skipped by offset.
 */
final class BatchReader {
    private BatchReader() {
    }

    /**
     * Whole batches from {@code offset}, starting in segment {@code all[i]}: at most
     * {@code maxBytes} of them but at least one, and only batches that end below {@code bound}.
     * Null if a segment was deleted under the reader (the caller checks the range and retries).
     */
    static LogSlice read(Segment[] all, int i, long offset, int maxBytes, long bound, MappedSegments mapped) {
        RecordBatch batch = new RecordBatch();
        for (; i < all.length; i++) {
            Segment s = all[i];
            SegmentMapping m = s.acquire();
            if (m == null) {
                return null;
            }
            mapped.touched(s);
            int limit = s.size();
            int p = s.findPosition(m, offset, limit);
            int taken = 0;
            int count = 0;
            long nextOffset = offset;
            int q = p;
            boolean stopped = false;
            while (q < limit) {
                batch.wrap(m.store(), q);
                int size = batch.sizeInBytes();
                if (size < RecordBatch.HEADER_SIZE || batch.lastOffset() >= bound
                        || (count > 0 && taken + size > maxBytes)) {
                    stopped = true; // a bound, or bytes a concurrent truncation is zeroing
                    break;
                }
                taken += size;
                count++;
                nextOffset = batch.nextOffset();
                q += size;
            }
            if (count > 0) {
                return new LogSlice(m, p, taken, count, nextOffset);
            }
            m.release();
            if (stopped) {
                break;
            }
        }
        return LogSlice.empty(offset);
    }

    /** The first offset in {@code [start, end)} with a record timestamp at least {@code timestamp}, or -1. */
    static long offsetForTimestamp(Segment[] all, long timestamp, long start, long end, MappedSegments mapped) {
        for (Segment s : all) {
            if (s.maxTimestamp() < timestamp || s.baseOffset() >= end) {
                continue;
            }
            SegmentMapping m = s.acquire();
            if (m == null) {
                continue;
            }
            mapped.touched(s); // counts against mapped.segments.max like a read
            try {
                long found = s.findOffsetForTimestamp(m, timestamp, start, end, s.size());
                if (found >= 0) {
                    return found;
                }
            } finally {
                m.release();
            }
        }
        return -1;
    }
}
