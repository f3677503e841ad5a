package io.rivulet.storage.batch;

import io.rivulet.storage.CorruptBatchException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads the records of one batch, checking every length against the batch's bounds. Hands out one
 * reused {@link BatchRecord}; allocates nothing per record.
 *
 * <p>An uncompressed batch is read in place, allocating nothing per batch when the iterator is
 * reused through {@link RecordBatch#records(RecordIterator)}. A compressed one (gzip, snappy, lz4,
 * zstd: see {@link CompressionCodec}) has its records section decompressed first, whole, into a heap
 * buffer this iterator keeps and reuses (see {@code DecompressionBuffer}); its records are then
 * parsed alike, and each {@link BatchRecord} points into that buffer until the next batch. A
 * payload that does not decompress, or decompresses to more than this iterator's limit, fails
 * with a {@link CorruptBatchException} when the iterator is pointed at the batch.
 *
 * <p>Not thread-safe: one per reader.
 */
public final class RecordIterator implements Iterator<BatchRecord> {
    /**
     * The default bound on one batch's decompressed records: 64 MiB. A Kafka producer sizes a
     * batch by its {@code batch.size} (16 KiB by default) and a single record by its
     * {@code max.request.size} (1 MiB), so its batches stay far below this; a payload that expands
     * past it is treated as a decompression bomb, not buffered.
     */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 << 20;

    private final ByteCursor cursor = new ByteCursor();
    private final BatchRecord record = new BatchRecord();
    private final int maxDecompressedBytes;
    private BatchDecompressor decompressor; // made on the first compressed batch
    private boolean compressed;
    private long baseOffset;
    private long baseTimestamp;
    private long batchEnd;
    private int count;
    private int index;

    /** An iterator over no batch yet; point it at one with {@link RecordBatch#records(RecordIterator)}. */
    public RecordIterator() {
        this(DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /**
     * As {@link #RecordIterator()}, bounding a compressed batch's decompressed records at
     * {@code maxDecompressedBytes} (at least 4096).
     */
    public RecordIterator(int maxDecompressedBytes) {
        if (maxDecompressedBytes < 4096) {
            throw new IllegalArgumentException("maxDecompressedBytes is " + maxDecompressedBytes
                    + "; it must be at least 4096");
        }
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /** Starts iterating {@code batch} from its first record. */
    RecordIterator reset(RecordBatch batch) {
        count = 0; // a rejected batch leaves an empty iterator, not the previous batch's tail
        CompressionCodec codec = CompressionCodec.of(batch.compression());
        compressed = codec != CompressionCodec.NONE;
        if (compressed) {
            if (decompressor == null) {
                decompressor = new BatchDecompressor(maxDecompressedBytes);
            }
            var records = decompressor.decompress(batch, codec);
            this.batchEnd = decompressor.length();
            cursor.reset(records, 0, batchEnd);
        } else {
            this.batchEnd = batch.position() + batch.sizeInBytes();
            cursor.reset(batch.store(), batch.position() + RecordBatch.RECORDS, batchEnd);
        }
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.count = batch.recordCount();
        this.index = 0;
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
        if (compressed && index == count - 1 && end != batchEnd) {
            // the append path never walked these records, so this is the first place to notice
            throw new CorruptBatchException("batch at offset " + baseOffset + " decompresses to "
                    + (batchEnd - end) + " bytes after its last record");
        }
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
