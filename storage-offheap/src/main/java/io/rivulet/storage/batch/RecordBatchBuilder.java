package io.rivulet.storage.batch;

import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Encodes records into one Kafka v2 record batch in an off-heap Chronicle buffer.
 *
 * <p>Each {@link #append} computes the record's size first and writes it exactly once, in place;
 * {@link #build} fills in the header and the CRC. The buffer is reused across batches
 * ({@link #reset}) and released by {@link #close}. The builder writes uncompressed, non-transactional
 * batches with base offset 0 and leader epoch -1, which the log rewrites on append, and no producer id
 * unless {@link #producer} stamps one (an idempotent producer's id, epoch and base sequence, which the CRC
 * covers, so they must be set before {@link #build}).
 *
 * <p>Not thread-safe: one builder per producing thread or partition accumulator.
 */
public final class RecordBatchBuilder implements AutoCloseable {
    private final Bytes<Void> buffer;
    private final RecordBatch view = new RecordBatch();
    private final Crc32c crc = new Crc32c();
    private long end = RecordBatch.RECORDS;
    private int count;
    private long baseTimestamp;
    private long maxTimestamp;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;

    public RecordBatchBuilder(int initialCapacity) {
        this.buffer = Bytes.allocateElasticDirect(Math.max(initialCapacity, RecordBatch.HEADER_SIZE));
        this.buffer.singleThreadedCheckDisabled(true);
    }

    /** Starts a new, empty batch; any previous batch's bytes are overwritten. */
    public RecordBatchBuilder reset() {
        view.wrap(buffer.bytesStore(), 0); // clears the built-in-process mark until the next build
        end = RecordBatch.RECORDS;
        count = 0;
        producerId = RecordBatch.NO_PRODUCER_ID;
        producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
        baseSequence = RecordBatch.NO_SEQUENCE;
        return this;
    }

    /**
     * Stamps the batch being built with an idempotent producer's identity and the sequence number of its first
     * record, until the next {@link #reset}. Pass {@link RecordBatch#NO_PRODUCER_ID}, {@link
     * RecordBatch#NO_PRODUCER_EPOCH} and {@link RecordBatch#NO_SEQUENCE} for a batch without one (the default).
     */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public int recordCount() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Size the batch would have if built now. */
    public int sizeInBytes() {
        return (int) end;
    }

    /** Encoded size of a record with these fields, its length prefix included. */
    public int recordSize(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {
        return RecordEncoding.recordSize(RecordEncoding.bodySize(count == 0 ? 0 : timestamp - baseTimestamp, count,
                key, value, headers, RecordEncoding.headerKeys(headers)));
    }

    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value) {
        return append(timestamp, key, value, List.of());
    }

    /** Appends one record; {@code key}, {@code value} and header values may be null. */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {
        if (count == 0) {
            baseTimestamp = timestamp;
            maxTimestamp = timestamp;
        }
        long timestampDelta = timestamp - baseTimestamp;
        byte[][] headerKeys = RecordEncoding.headerKeys(headers);
        int body = RecordEncoding.bodySize(timestampDelta, count, key, value, headers, headerKeys);
        buffer.ensureCapacity(end + RecordEncoding.recordSize(body));
        long p = RecordEncoding.writeRecord(buffer, end, body, timestampDelta, count, key, value, headers, headerKeys);
        end = p;
        count++;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return this;
    }

    /**
     * Completes the header and CRC and returns a view of the finished batch. The view points into
     * this builder's buffer and is valid until the next {@link #reset} or {@link #close}. The log
     * trusts the records of this view (it still checks length, magic and CRC): they were encoded
     * here, and the CRC shows they were not changed since.
     */
    public RecordBatch build() {
        if (count == 0) {
            throw new IllegalStateException("a record batch needs at least one record");
        }
        RecordEncoding.writeHeader(buffer, 0, 0L, (int) end, RecordBatch.NO_PARTITION_LEADER_EPOCH, count,
                baseTimestamp, maxTimestamp, producerId, producerEpoch, baseSequence);
        BigEndian.writeInt(buffer, RecordBatch.CRC, crc.compute(buffer.bytesStore(), RecordBatch.ATTRIBUTES, end));
        view.wrap(buffer.bytesStore(), 0).markBuiltInProcess();
        return view;
    }

    @Override
    public void close() {
        if (buffer.refCount() > 0) {
            buffer.releaseLast();
        }
    }
}
