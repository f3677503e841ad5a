package io.rivulet.storage.segment;

import io.rivulet.storage.batch.BigEndian;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * A sparse map from offset to file position within one segment, in a mapped file beside it.
 *
 * <pre>
 * entry (8 bytes, big-endian)
 * offset size field
 *      0    4 relativeOffset   batch base offset - segment base offset
 *      4    4 position         byte position of that batch in the .log file
 * </pre>
 *
 * <p>An entry is added every {@code index.interval.bytes} of log; both fields strictly increase.
 * The index is not checksummed: after a crash the longest strictly increasing prefix is trusted and
 * recovery rebuilds the rest from the log itself.
 *
 * <p>Written only by the segment's writer; readers see entries below the published count
 * ({@code entries} is volatile and written after the entry's bytes).
 */
public final class OffsetIndex extends IndexFile {
    public static final int ENTRY_SIZE = 8;

    OffsetIndex(Path path, long capacity, boolean readOnly, boolean trustLength) {
        super(path, ENTRY_SIZE, capacity, readOnly, trustLength);
    }

    public int relativeOffset(int entry) {
        return BigEndian.readInt(store(), (long) entry * ENTRY_SIZE);
    }

    public int position(int entry) {
        return BigEndian.readInt(store(), (long) entry * ENTRY_SIZE + 4);
    }

    void append(int relativeOffset, int position) {
        int n = entries();
        reserveEntry(n);
        MappedBytes b = bytes();
        BigEndian.writeInt(b, (long) n * ENTRY_SIZE, relativeOffset);
        BigEndian.writeInt(b, (long) n * ENTRY_SIZE + 4, position);
        publish(n + 1);
    }

    /**
     * Position of the last indexed batch whose relative offset is at most {@code relativeOffset}
     * and whose position is below {@code positionLimit}, or 0. The limit lets a reader ignore
     * entries the writer added for bytes the reader may not see yet.
     */
    public int lookup(int relativeOffset, int positionLimit) {
        int lo = 0;
        int hi = entries() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (relativeOffset(mid) <= relativeOffset && position(mid) < positionLimit) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : position(found);
    }

    /** Position of the last indexed batch that starts below {@code positionLimit}, or 0. */
    public int lookupBelow(int positionLimit) {
        return lookup(Integer.MAX_VALUE, positionLimit);
    }

    /** Drops entries for batches at or after {@code position}. */
    void truncateToPosition(int position) {
        int n = entries();
        while (n > 0 && position(n - 1) >= position) {
            n--;
        }
        discardFrom(n);
    }

    @Override
    boolean follows(int entry) {
        return relativeOffset(entry) > relativeOffset(entry - 1) && position(entry) > position(entry - 1);
    }

    @Override
    boolean plausibleFirst() {
        return relativeOffset(0) >= 0 && position(0) >= 0;
    }
}
