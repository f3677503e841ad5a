package io.rivulet.storage.batch;

import io.rivulet.storage.BatchTooLargeException;
import io.rivulet.storage.CorruptBatchException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Decides whether bytes are a batch the log may keep. Pure functions over memory, no files, so
 * recovery, the append path and the network front doors share one definition of valid.
 *
 * <p>A compressed batch (codec 1 to 4 in its attributes) is never decompressed here: as a Kafka
 * broker does on its produce path, the log checks its frame (length, magic, CRC-32C) and its
 * header (a known codec, a positive record count, offset deltas 0..count-1, a non-empty payload)
 * and stores the producer's bytes as they are. The CRC then vouches that the payload is what the
 * producer wrote; a producer that compressed garbage is found out by readers, which decompress
 * (see {@link RecordIterator}) and fail with a {@link CorruptBatchException}.
 *
 * <p>The static methods allocate a little per call (a CRC state, a record iterator). A writer that
 * validates batch after batch keeps an instance instead, which reuses both; an instance is not
 * thread-safe.
 */
public final class BatchValidator {
    private final Crc32c crc = new Crc32c();
    private final RecordIterator records = new RecordIterator();

    /** A validator for one writer, reusing its CRC state and record iterator across batches. */
    public BatchValidator() {
    }

    /**
     * Checks the frame of the batch at {@code position}: that its length fits in
     * {@code available} bytes and in {@code maxBatchBytes}, that its magic is 2 and that its CRC
     * matches. This is what recovery trusts to find the end of a log.
     */
    public static BatchCheck checkFrame(BytesStore<?, ?> store, long position, long available, int maxBatchBytes) {
        if (available < RecordBatch.LOG_OVERHEAD) {
            return available <= 0 ? BatchCheck.INCOMPLETE : incompleteOrZero(store, position, available);
        }
        int batchLength = BigEndian.readInt(store, position + RecordBatch.BATCH_LENGTH);
        long size = RecordBatch.LOG_OVERHEAD + (long) batchLength;
        if (batchLength < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD || size > maxBatchBytes) {
            return BatchCheck.BAD_LENGTH;
        }
        if (size > available) {
            return BatchCheck.INCOMPLETE;
        }
        if (store.readByte(position + RecordBatch.MAGIC) != RecordBatch.MAGIC_V2) {
            return BatchCheck.BAD_MAGIC;
        }
        int stored = BigEndian.readInt(store, position + RecordBatch.CRC);
        int actual = RecordBatch.crc32c(store, position + RecordBatch.ATTRIBUTES, position + size);
        return stored == actual ? BatchCheck.VALID : BatchCheck.BAD_CRC;
    }

    /**
     * Fully validates a batch offered for append: its frame, then every record (count, offset
     * deltas 0..n-1, lengths, the max timestamp), or for a compressed batch its header only (see
     * above). Throws a typed exception that says what is wrong;
     * returns normally only for a batch the log can store and serve.
     */
    public static void validateForAppend(RecordBatch batch, int available, int maxBatchBytes) {
        new BatchValidator().validateFully(batch, available, maxBatchBytes);
    }

    /**
     * Validates a batch offered for append, as {@link #validateForAppend} does, with one exception:
     * a batch a {@link RecordBatchBuilder} of this process just built gets only its frame checked
     * (length bounds, magic, CRC), not its records one by one.
     *
     * <p>Why that is safe: the builder writes the record count, the offset deltas 0..n-1, the max
     * timestamp, uncompressed attributes and every record length from the records it encoded, so
     * what the record walk checks holds by construction. The CRC covers all of those bytes, so the
     * frame check still rejects a batch changed after it was built (a stray write into the
     * builder's buffer, a reset and re-encode without a new build). Only the flyweight the builder
     * returned carries the mark, and wrapping it anywhere else clears it, so bytes from the network
     * or another process always get the full walk.
     */
    public void validate(RecordBatch batch, int available, int maxBatchBytes) {
        checkFrameForAppend(batch, available, maxBatchBytes);
        if (!checkedAsCompressed(batch) && !batch.isBuiltInProcess()) {
            validateRecords(batch);
        }
    }

    private void validateFully(RecordBatch batch, int available, int maxBatchBytes) {
        checkFrameForAppend(batch, available, maxBatchBytes);
        if (!checkedAsCompressed(batch)) {
            validateRecords(batch);
        }
    }

    /**
     * Checks the header of a compressed batch, without decompressing it; false for an uncompressed
     * batch, which the caller walks record by record.
     *
     * @throws io.rivulet.storage.UnsupportedCompressionException for codec ids 5 to 7
     */
    private static boolean checkedAsCompressed(RecordBatch batch) {
        if (CompressionCodec.of(batch.compression()) == CompressionCodec.NONE) {
            return false;
        }
        checkCountAndDeltas(batch);
        if (batch.sizeInBytes() == RecordBatch.HEADER_SIZE) {
            throw new CorruptBatchException("compressed record batch has no payload after its header but "
                    + batch.recordCount() + " records");
        }
        long leastDecompressed = (long) batch.recordCount() * BatchDecompressor.MIN_RECORD_BYTES;
        if (leastDecompressed > RecordIterator.DEFAULT_MAX_DECOMPRESSED_BYTES) {
            // readers could never decompress it: refuse it now rather than store a batch nobody reads
            throw new CorruptBatchException("compressed record batch declares " + batch.recordCount()
                    + " records, more than fit in the " + RecordIterator.DEFAULT_MAX_DECOMPRESSED_BYTES
                    + " bytes a reader decompresses; split it into smaller batches");
        }
        return true;
    }

    private static void checkCountAndDeltas(RecordBatch batch) {
        int count = batch.recordCount();
        if (count <= 0) {
            throw new CorruptBatchException("record batch has record count " + count + "; a batch needs at least one record");
        }
        if (batch.lastOffsetDelta() != count - 1) {
            throw new CorruptBatchException("record batch has lastOffsetDelta " + batch.lastOffsetDelta()
                    + " but " + count + " records; offset deltas must run 0.." + (count - 1));
        }
    }

    private void checkFrameForAppend(RecordBatch batch, int available, int maxBatchBytes) {
        if (available < RecordBatch.HEADER_SIZE) {
            throw new CorruptBatchException("record batch of " + available + " bytes is shorter than the "
                    + RecordBatch.HEADER_SIZE + "-byte batch header");
        }
        int batchLength = batch.batchLength();
        long size = RecordBatch.LOG_OVERHEAD + (long) batchLength;
        if (batchLength < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptBatchException("record batch length " + batchLength + " is below the minimum of "
                    + (RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD));
        }
        if (size > maxBatchBytes) {
            throw new BatchTooLargeException((int) Math.min(size, Integer.MAX_VALUE), maxBatchBytes);
        }
        if (size != available) {
            throw new CorruptBatchException("record batch declares " + size + " bytes but " + available
                    + " were given");
        }
        if (batch.magic() != RecordBatch.MAGIC_V2) {
            throw new CorruptBatchException("record batch has magic " + batch.magic()
                    + "; only magic 2 (Kafka 0.11+ record batches) is supported");
        }
        int computed = crc.compute(batch.store(), batch.position() + RecordBatch.ATTRIBUTES, batch.position() + size);
        if (computed != batch.crc()) {
            throw new CorruptBatchException("record batch CRC mismatch: stored " + Integer.toUnsignedString(batch.crc())
                    + ", computed " + Integer.toUnsignedString(computed) + "; the batch was damaged");
        }
    }

    private void validateRecords(RecordBatch batch) {
        checkCountAndDeltas(batch);
        int count = batch.recordCount();
        RecordIterator records = batch.records(this.records);
        long base = batch.baseOffset();
        long maxTimestamp = Long.MIN_VALUE;
        int expected = 0;
        while (records.hasNext()) {
            BatchRecord r = records.next();
            if (r.offset() - base != expected) {
                throw new CorruptBatchException("record " + expected + " has offset delta " + (r.offset() - base)
                        + "; offset deltas must run 0.." + (count - 1) + " in order");
            }
            maxTimestamp = Math.max(maxTimestamp, r.timestamp());
            expected++;
        }
        long end = batch.position() + batch.sizeInBytes();
        if (records.position() != end) {
            throw new CorruptBatchException("record batch has " + (end - records.position())
                    + " bytes after its last record");
        }
        if (maxTimestamp != batch.maxTimestamp()) {
            throw new CorruptBatchException("record batch maxTimestamp " + batch.maxTimestamp()
                    + " differs from its largest record timestamp " + maxTimestamp);
        }
    }

    private static BatchCheck incompleteOrZero(BytesStore<?, ?> store, long position, long available) {
        for (long i = 0; i < available; i++) {
            if (store.readByte(position + i) != 0) {
                return BatchCheck.INCOMPLETE;
            }
        }
        return BatchCheck.BAD_LENGTH;
    }
}
