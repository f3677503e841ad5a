package io.rivulet.storage.batch;

import java.nio.charset.StandardCharsets;
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
    private static final byte[][] NO_HEADER_KEYS = new byte[0][];

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
        int body = bodySize(count == 0 ? 0 : timestamp - baseTimestamp, count, key, value, headers, null);
        return Varint.sizeOfInt(body) + body;
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
        byte[][] headerKeys = headers.isEmpty() ? NO_HEADER_KEYS : new byte[headers.size()][];
        int body = bodySize(timestampDelta, count, key, value, headers, headerKeys);
        long p = end;
        buffer.ensureCapacity(p + Varint.sizeOfInt(body) + body);
        p = Varint.writeInt(buffer, p, body);
        buffer.writeByte(p++, (byte) 0);
        p = Varint.writeLong(buffer, p, timestampDelta);
        p = Varint.writeInt(buffer, p, count);
        p = writeBytes(p, key);
        p = writeBytes(p, value);
        p = Varint.writeInt(buffer, p, headers.size());
        for (int i = 0; i < headerKeys.length; i++) {
            p = writeBytes(p, headerKeys[i]);
            p = writeBytes(p, headers.get(i).value());
        }
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
        BigEndian.writeLong(buffer, RecordBatch.BASE_OFFSET, 0L);
        BigEndian.writeInt(buffer, RecordBatch.BATCH_LENGTH, (int) (end - RecordBatch.LOG_OVERHEAD));
        BigEndian.writeInt(buffer, RecordBatch.PARTITION_LEADER_EPOCH, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        buffer.writeByte(RecordBatch.MAGIC, RecordBatch.MAGIC_V2);
        BigEndian.writeShort(buffer, RecordBatch.ATTRIBUTES, (short) 0);
        BigEndian.writeInt(buffer, RecordBatch.LAST_OFFSET_DELTA, count - 1);
        BigEndian.writeLong(buffer, RecordBatch.BASE_TIMESTAMP, baseTimestamp);
        BigEndian.writeLong(buffer, RecordBatch.MAX_TIMESTAMP, maxTimestamp);
        BigEndian.writeLong(buffer, RecordBatch.PRODUCER_ID, producerId);
        BigEndian.writeShort(buffer, RecordBatch.PRODUCER_EPOCH, producerEpoch);
        BigEndian.writeInt(buffer, RecordBatch.BASE_SEQUENCE, baseSequence);
        BigEndian.writeInt(buffer, RecordBatch.RECORD_COUNT, count);
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

    private long writeBytes(long p, byte[] bytes) {
        if (bytes == null) {
            return Varint.writeInt(buffer, p, -1);
        }
        p = Varint.writeInt(buffer, p, bytes.length);
        buffer.write(p, bytes, 0, bytes.length);
        return p + bytes.length;
    }

    private static int bodySize(long timestampDelta, int offsetDelta, byte[] key, byte[] value,
                                List<RecordHeader> headers, byte[][] headerKeys) {
        int size = 1 + Varint.sizeOfLong(timestampDelta) + Varint.sizeOfInt(offsetDelta)
                + sizeOfBytes(key) + sizeOfBytes(value) + Varint.sizeOfInt(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            RecordHeader h = headers.get(i);
            byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
            if (headerKeys != null) {
                headerKeys[i] = k;
            }
            size += sizeOfBytes(k) + sizeOfBytes(h.value());
        }
        return size;
    }

    private static int sizeOfBytes(byte[] bytes) {
        return bytes == null ? Varint.sizeOfInt(-1) : Varint.sizeOfInt(bytes.length) + bytes.length;
    }
}
