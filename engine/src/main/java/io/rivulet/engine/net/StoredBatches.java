package io.rivulet.engine.net;

import io.rivulet.storage.batch.RecordBatch;
import net.openhft.chronicle.bytes.BytesStore;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** The stored batches a data frame carries, laid end to end, read in place through one reused flyweight. */
public final class StoredBatches {
    private StoredBatches() {
    }

    /** The batches in the {@code length} bytes from {@code view.start()}; each is valid until the next. */
    public static Iterable<RecordBatch> in(BytesStore<?, ?> view, long length) {
        return () -> new Iterator<>() {
            private final RecordBatch batch = new RecordBatch();
            private long pos = view.start();
            private final long end = view.start() + length;

            @Override
            public boolean hasNext() {
                return pos < end;
            }

            @Override
            public RecordBatch next() {
                if (pos >= end) {
                    throw new NoSuchElementException();
                }
                batch.wrap(view, pos);
                pos += batch.sizeInBytes();
                return batch;
            }
        };
    }
}
