package io.rivulet.storage.batch;

import java.util.List;

/**
 * The records of one Kafka v2 batch being encoded where it will stay: what an in-place append hands its
 * encoder (see {@code PartitionLog.appendInPlace}). Each {@link #append} writes a record once, at its final
 * position; the log writes the header and the CRC when the encoder returns.
 *
 * <p>The batch has a fixed room, chosen by the caller of the append and bounded by {@code max.message.bytes}.
 * A record that does not fit in what is left of it is refused ({@code append} returns false and writes
 * nothing); the encoder then stops, and the record goes into the next batch.
 *
 * <p>Valid only inside the encoder call that received it, on that thread.
 */
public interface BatchWriter {

    /** Appends a record without headers; see {@link #append(long, byte[], byte[], List)}. */
    boolean append(long timestamp, byte[] key, byte[] value);

    /**
     * Appends one record; {@code key}, {@code value} and header values may be null. Returns false, writing
     * nothing, if the record does not fit in the bytes left.
     */
    boolean append(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers);

    /**
     * Stamps the batch with an idempotent producer's id, epoch and the sequence number of its first record;
     * by default it has none ({@link RecordBatch#NO_PRODUCER_ID} and friends).
     */
    void producer(long producerId, short producerEpoch, int baseSequence);

    int recordCount();

    /** Size of the batch so far, its header included. */
    int sizeInBytes();

    /** Bytes still free for records. */
    int remaining();
}
