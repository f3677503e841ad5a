package io.rivulet.storage.log;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.segment.SegmentMapping;
import java.util.Iterator;
import java.util.NoSuchElementException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Whole batches read from a log, as a zero-copy view of the segment's mapping: bytes
 * {@code [position, position + sizeInBytes)} of {@link #store()}.
 *
 * <p>The slice holds a reference to the mapping, so the memory stays mapped until {@link #close()},
 * even if retention deletes the segment meanwhile. Close it promptly; not thread-safe.
 *
 * <p>The first batch may start below the offset asked for (a batch is never split), so a reader
 * skips records below its position; {@link #nextOffset()} is where the next read starts.
 */
public final class LogSlice implements AutoCloseable {
    private final SegmentMapping mapping;
    private final int position;
    private final int sizeInBytes;
    private final int batchCount;
    private final long nextOffset;
    private boolean closed;

    LogSlice(SegmentMapping mapping, int position, int sizeInBytes, int batchCount, long nextOffset) {
        this.mapping = mapping;
        this.position = position;
        this.sizeInBytes = sizeInBytes;
        this.batchCount = batchCount;
        this.nextOffset = nextOffset;
    }

    static LogSlice empty(long nextOffset) {
        return new LogSlice(null, 0, 0, 0, nextOffset);
    }

    public boolean isEmpty() {
        return batchCount == 0;
    }

    /** The mapped memory holding the batches; null when empty. */
    public BytesStore<?, ?> store() {
        return mapping == null ? null : mapping.store();
    }

    public int position() {
        return position;
    }

    public int sizeInBytes() {
        return sizeInBytes;
    }

    public int batchCount() {
        return batchCount;
    }

    /** The offset after the last batch in the slice: where the next read continues. */
    public long nextOffset() {
        return nextOffset;
    }

    /** The batches in order, through one reused flyweight. */
    public Iterator<RecordBatch> batches() {
        return new Iterator<>() {
            private final RecordBatch batch = new RecordBatch();
            private long p = position;
            private int returned;

            @Override
            public boolean hasNext() {
                return returned < batchCount;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                batch.wrap(mapping.store(), p);
                p += batch.sizeInBytes();
                returned++;
                return batch;
            }
        };
    }

    /** Copies the bytes of the slice out (for tests and copying transports). */
    public byte[] toByteArray() {
        byte[] out = new byte[sizeInBytes];
        if (sizeInBytes > 0) {
            mapping.store().read(position, out, 0, sizeInBytes);
        }
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (mapping != null) {
                mapping.release();
            }
        }
    }
}
