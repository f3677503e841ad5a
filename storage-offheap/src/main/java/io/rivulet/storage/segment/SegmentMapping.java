package io.rivulet.storage.segment;

import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * The three mapped files of a segment — log, offset index, time index — reference-counted as one,
 * so a reader holds all of them or none.
 *
 * <p>The segment holds one reference while the mapping is current; each reader takes one with
 * {@link #tryRetain} and gives it back with {@link #release}. The files are unmapped when the count
 * reaches zero, so unmapping a segment (retention, the mapped-segment bound, close) never pulls
 * memory from under a reader: it only drops the segment's own reference. Thread-safe.
 */
public final class SegmentMapping {
    private final MappedBytes log;
    private final BytesStore<?, ?> store;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final AtomicInteger refs = new AtomicInteger(1);

    SegmentMapping(MappedBytes log, OffsetIndex offsetIndex, TimeIndex timeIndex) {
        this.log = log;
        this.store = log.bytesStore();
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
    }

    /** The log file's memory; valid while a reference is held. */
    public BytesStore<?, ?> store() {
        return store;
    }

    MappedBytes log() {
        return log;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    /** Takes a reference unless the mapping is already released. Lock-free. */
    public boolean tryRetain() {
        for (;;) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one unmaps the files. */
    public void release() {
        int r = refs.decrementAndGet();
        if (r == 0) {
            offsetIndex.close();
            timeIndex.close();
            if (log.refCount() > 0) {
                log.releaseLast();
            }
        } else if (r < 0) {
            throw new IllegalStateException("segment mapping released more often than retained");
        }
    }

    int references() {
        return refs.get();
    }
}
