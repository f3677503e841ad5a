package io.rivulet.storage.batch;

import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * A {@link BatchWriter} over a region of memory that is the batch's final home: the tail of a segment's
 * mapping. The log {@link #begin}s it at the segment's end with a room it has already backed by disk
 * blocks, lets an encoder append records after the 61-byte header, then {@link #finish}es it: the header,
 * with the offsets and leader epoch the log assigns, and one CRC-32C over the bytes in place. Nothing is
 * copied afterwards and nothing is checked twice: the log wrote the batch itself.
 *
 * <p>Writes never go past {@code position + room}; {@link #reach} tells an aborting log how far the
 * encoder's bytes went, so it can zero them (a later batch may be shorter, and recovery must not meet
 * stale record bytes where it expects the next header).
 *
 * <p>Not thread-safe: one per log, used by its writer under the log's lock. Allocates nothing per batch.
 */
public final class InPlaceBatch implements BatchWriter {
    private final Crc32c crc = new Crc32c();
    private BytesStore<?, ?> store;
    private long start;
    private long limit;
    private long end;
    private long reach;
    private int count;
    private long baseTimestamp;
    private long maxTimestamp;
    private long producerId;
    private short producerEpoch;
    private int baseSequence;

    /** Starts an empty batch at {@code position} of {@code store}, whose records may use up to {@code room} bytes in all. */
    public InPlaceBatch begin(BytesStore<?, ?> store, long position, int room) {
        if (room < RecordBatch.HEADER_SIZE) {
            throw new IllegalArgumentException("room for a batch must be at least its " + RecordBatch.HEADER_SIZE
                    + "-byte header, was " + room);
        }
        this.store = store;
        this.start = position;
        this.limit = position + room;
        this.end = position + RecordBatch.RECORDS;
        this.reach = position;
        this.count = 0;
        this.producerId = RecordBatch.NO_PRODUCER_ID;
        this.producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
        this.baseSequence = RecordBatch.NO_SEQUENCE;
        return this;
    }

    @Override
    public boolean append(long timestamp, byte[] key, byte[] value) {
        return append(timestamp, key, value, List.of());
    }

    @Override
    public boolean append(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {
        checkBegun();
        long timestampDelta = count == 0 ? 0 : timestamp - baseTimestamp;
        byte[][] headerKeys = RecordEncoding.headerKeys(headers);
        int body = RecordEncoding.bodySize(timestampDelta, count, key, value, headers, headerKeys);
        long after = end + RecordEncoding.recordSize(body);
        if (after > limit) {
            return false;
        }
        reach = Math.max(reach, after); // before writing: an encoder that throws halfway still gets zeroed
        RecordEncoding.writeRecord(store, end, body, timestampDelta, count, key, value, headers, headerKeys);
        if (count == 0) {
            baseTimestamp = timestamp;
            maxTimestamp = timestamp;
        } else if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        end = after;
        count++;
        return true;
    }

    @Override
    public void producer(long producerId, short producerEpoch, int baseSequence) {
        checkBegun();
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
    }

    @Override
    public int recordCount() {
        return count;
    }

    @Override
    public int sizeInBytes() {
        return (int) (end - start);
    }

    @Override
    public int remaining() {
        return (int) (limit - end);
    }

    /** Largest record timestamp so far. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /**
     * Writes the header with {@code baseOffset} and {@code leaderEpoch}, then the CRC over the batch from its
     * attributes on, and detaches. Returns the batch's size in bytes. Needs at least one record.
     */
    public int finish(long baseOffset, int leaderEpoch) {
        checkBegun();
        if (count == 0) {
            throw new IllegalStateException("a record batch needs at least one record");
        }
        int size = sizeInBytes();
        RecordEncoding.writeHeader(store, start, baseOffset, size, leaderEpoch, count, baseTimestamp, maxTimestamp,
                producerId, producerEpoch, baseSequence);
        BigEndian.writeInt(store, start + RecordBatch.CRC, crc.compute(store, start + RecordBatch.ATTRIBUTES, end));
        reach = Math.max(reach, end);
        store = null;
        return size;
    }

    /** The position after the last byte any record of this batch was written to (its start if none was). */
    public long reach() {
        return reach;
    }

    /** Forgets the memory, so a writer kept past its encoder call fails instead of writing into the segment. */
    public void detach() {
        store = null;
    }

    private void checkBegun() {
        if (store == null) {
            throw new IllegalStateException("this batch writer is only valid inside the encoder call that received it");
        }
    }
}
