package io.rivulet.storage.batch;

import io.rivulet.storage.CorruptBatchException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * A read position over a bounded range of Chronicle memory, for parsing variable-length records in
 * place. Every read checks the range, so a corrupt length can never make a reader leave its batch.
 *
 * <p>Not thread-safe; one cursor per reader. Reused across records, so parsing allocates nothing.
 */
final class ByteCursor {
    private BytesStore<?, ?> store;
    private long position;
    private long limit;

    void reset(BytesStore<?, ?> store, long position, long limit) {
        this.store = store;
        this.position = position;
        this.limit = limit;
    }

    long position() {
        return position;
    }

    long limit() {
        return limit;
    }

    BytesStore<?, ?> store() {
        return store;
    }

    void limit(long limit) {
        this.limit = limit;
    }

    byte readByte() {
        need(1);
        return store.readByte(position++);
    }

    void skip(long n) {
        need(n);
        position += n;
    }

    int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptBatchException("varint longer than 5 bytes at position " + position);
    }

    long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptBatchException("varlong longer than 10 bytes at position " + position);
    }

    private void need(long n) {
        if (n < 0 || position + n > limit) {
            throw new CorruptBatchException("record field of " + n + " bytes at position " + position
                    + " runs past the end of its record at " + limit);
        }
    }
}
