package io.rivulet.storage.batch;

import io.rivulet.storage.CorruptBatchException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads the records of one uncompressed batch in place, checking every length against the batch's
 * bounds. Hands out one reused {@link BatchRecord}; allocates nothing per record, and nothing per
 * batch when reused through {@link RecordBatch#records(RecordIterator)}.
 *
 * <p>Not thread-safe: one per reader.
 */
public final class RecordIterator implements Iterator<BatchRecord> {
    private final ByteCursor cursor = new ByteCursor();
    private final BatchRecord record = new BatchRecord();
    private long baseOffset;
    private long baseTimestamp;
    private long batchEnd;
    private int count;
    private int index;

    /** An iterator over no batch yet; point it at one with {@link RecordBatch#records(RecordIterator)}. */
    public RecordIterator() {
    }

    /** Starts iterating {@code batch} from its first record. */
    RecordIterator reset(RecordBatch batch) {
        count = 0; // a rejected batch leaves an empty iterator, not the previous batch's tail
        if (batch.compression() != 0) {
            throw new CorruptBatchException("batch at offset " + batch.baseOffset()
                    + " is compressed (codec " + batch.compression() + "); only uncompressed batches are supported");
        }
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.count = batch.recordCount();
        this.index = 0;
        long start = batch.position() + RecordBatch.RECORDS;
        this.batchEnd = batch.position() + batch.sizeInBytes();
        cursor.reset(batch.store(), start, batchEnd);
        return this;
    }

    @Override
    public boolean hasNext() {
        return index < count;
    }

    @Override
    public BatchRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long recordStart = cursor.position();
        int length = cursor.readVarint();
        long bodyStart = cursor.position();
        long end = bodyStart + length;
        if (length < 0 || end > batchEnd) {
            throw new CorruptBatchException("record " + index + " has length " + length
                    + " which runs past the end of its batch");
        }
        cursor.limit(end);
        cursor.readByte(); // attributes: unused in magic 2
        long timestampDelta = cursor.readVarlong();
        int offsetDelta = cursor.readVarint();
        int keyLength = cursor.readVarint();
        long keyPosition = cursor.position();
        skipBytes(keyLength, "key");
        int valueLength = cursor.readVarint();
        long valuePosition = cursor.position();
        skipBytes(valueLength, "value");
        int headerCount = cursor.readVarint();
        if (headerCount < 0) {
            throw new CorruptBatchException("record " + index + " has a negative header count");
        }
        long headersPosition = cursor.position();
        for (int h = 0; h < headerCount; h++) {
            int headerKeyLength = cursor.readVarint();
            if (headerKeyLength < 0) {
                throw new CorruptBatchException("record " + index + " has a header with a null key");
            }
            cursor.skip(headerKeyLength);
            skipBytes(cursor.readVarint(), "header value");
        }
        if (cursor.position() != end) {
            throw new CorruptBatchException("record " + index + " declares " + length
                    + " bytes but its fields take " + (cursor.position() - bodyStart));
        }
        cursor.limit(batchEnd);
        record.set(cursor.store(), baseOffset + offsetDelta, baseTimestamp + timestampDelta, keyPosition,
                keyLength, valuePosition, valueLength, headerCount, headersPosition, end,
                (int) (end - recordStart));
        index++;
        return record;
    }

    /** Offset delta of the record last returned, for validation. */
    int index() {
        return index;
    }

    /** Position just after the last record read: the batch end once all are read. */
    long position() {
        return cursor.position();
    }

    private void skipBytes(int length, String field) {
        if (length < -1) {
            throw new CorruptBatchException("record " + index + " has " + field + " length " + length);
        }
        if (length > 0) {
            cursor.skip(length);
        }
    }
}
