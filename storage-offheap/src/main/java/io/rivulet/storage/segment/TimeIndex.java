package io.rivulet.storage.segment;

import io.rivulet.storage.batch.BigEndian;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * A sparse map from timestamp to offset within one segment, in a mapped file beside it.
 *
 * <pre>
 * entry (12 bytes, big-endian)
 * offset size field
 *      0    8 timestamp        largest record timestamp in the segment up to this batch
 *      8    4 relativeOffset   base offset of that batch - segment base offset
 * </pre>
 *
 * <p>Timestamps are the running maximum, so they never decrease even when producers send records
 * out of time order; a lookup therefore gives a safe place to start scanning forward from.
 */
public final class TimeIndex extends IndexFile {
    public static final int ENTRY_SIZE = 12;

    TimeIndex(Path path, long capacity, boolean readOnly, boolean trustLength) {
        super(path, ENTRY_SIZE, capacity, readOnly, trustLength);
    }

    public long timestamp(int entry) {
        return BigEndian.readLong(store(), (long) entry * ENTRY_SIZE);
    }

    public int relativeOffset(int entry) {
        return BigEndian.readInt(store(), (long) entry * ENTRY_SIZE + 8);
    }

    /** Adds an entry if {@code timestamp} is above the last one. */
    void maybeAppend(long timestamp, int relativeOffset) {
        int n = entries();
        if (n > 0 && timestamp <= timestamp(n - 1)) {
            return;
        }
        reserveEntry(n);
        MappedBytes b = bytes();
        BigEndian.writeLong(b, (long) n * ENTRY_SIZE, timestamp);
        BigEndian.writeInt(b, (long) n * ENTRY_SIZE + 8, relativeOffset);
        publish(n + 1);
    }

    /** Relative offset to start a scan for {@code timestamp}: the last entry below it, or 0. */
    public int lookup(long timestamp) {
        int lo = 0;
        int hi = entries() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamp(mid) < timestamp) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : relativeOffset(found);
    }

    /** Largest indexed timestamp, or -1 when empty. */
    public long lastTimestamp() {
        int n = entries();
        return n == 0 ? -1 : timestamp(n - 1);
    }

    /** Drops entries for batches at or after {@code relativeOffset}. */
    void truncateToRelativeOffset(int relativeOffset) {
        int n = entries();
        while (n > 0 && relativeOffset(n - 1) >= relativeOffset) {
            n--;
        }
        discardFrom(n);
    }

    @Override
    boolean follows(int entry) {
        return timestamp(entry) > timestamp(entry - 1) && relativeOffset(entry) >= relativeOffset(entry - 1);
    }

    @Override
    boolean plausibleFirst() {
        return relativeOffset(0) >= 0;
    }
}
