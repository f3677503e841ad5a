package io.rivulet.storage.batch;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataOutput;

/**
 * A flyweight over one Kafka record batch (magic 2) in Chronicle memory: an off-heap buffer, or a
 * mapped segment. It copies nothing; {@link #wrap} points it at a batch, and the accessors read the
 * header fields in place, big-endian as Kafka defines them.
 *
 * <pre>
 * offset size field                    notes
 * ------ ---- ------------------------ ------------------------------------------------------
 *      0    8 baseOffset               assigned by the log on append
 *      8    4 batchLength              bytes after this field: sizeInBytes - 12
 *     12    4 partitionLeaderEpoch     assigned by the log on append
 *     16    1 magic                    2
 *     17    4 crc                      CRC-32C of bytes [21, sizeInBytes)
 *     21    2 attributes               bits 0-2 compression, 3 timestamp type,
 *                                      4 transactional, 5 control
 *     23    4 lastOffsetDelta          recordCount - 1 for a batch fresh from a producer
 *     27    8 baseTimestamp            timestamp of the first record
 *     35    8 maxTimestamp             largest record timestamp
 *     43    8 producerId               -1 without idempotence
 *     51    2 producerEpoch            -1 without idempotence
 *     53    4 baseSequence             sequence number of the first record, per producer
 *                                      and partition, wrapping to 0 after 2^31-1; -1 without
 *     57    4 recordCount
 *     61    . records                  see {@link BatchRecord}
 * </pre>
 *
 * <p>The CRC starts at the attributes, so the two fields a log rewrites on append (base offset and
 * leader epoch) are outside it: a stored batch keeps the producer's CRC.
 *
 * <p>Not thread-safe: one flyweight per reader.
 */
public final class RecordBatch {
    public static final int BASE_OFFSET = 0;
    public static final int BATCH_LENGTH = 8;
    public static final int PARTITION_LEADER_EPOCH = 12;
    public static final int MAGIC = 16;
    public static final int CRC = 17;
    public static final int ATTRIBUTES = 21;
    public static final int LAST_OFFSET_DELTA = 23;
    public static final int BASE_TIMESTAMP = 27;
    public static final int MAX_TIMESTAMP = 35;
    public static final int PRODUCER_ID = 43;
    public static final int PRODUCER_EPOCH = 51;
    public static final int BASE_SEQUENCE = 53;
    public static final int RECORD_COUNT = 57;
    public static final int RECORDS = 61;

    /** Size of the header, and so of the smallest possible batch. */
    public static final int HEADER_SIZE = RECORDS;
    /** The base offset and batch length fields, which the batch length does not count. */
    public static final int LOG_OVERHEAD = 12;
    public static final byte MAGIC_V2 = 2;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;

    static final int COMPRESSION_MASK = 0x07;
    static final int TRANSACTIONAL_FLAG = 0x10;
    static final int CONTROL_FLAG = 0x20;

    private BytesStore<?, ?> store;
    private long position;
    private boolean builtInProcess;

    /** Points this flyweight at the batch starting at {@code position} of {@code store}. */
    public RecordBatch wrap(BytesStore<?, ?> store, long position) {
        this.store = store;
        this.position = position;
        this.builtInProcess = false;
        return this;
    }

    /** Set by {@link RecordBatchBuilder#build} on its own view; any {@link #wrap} clears it. */
    void markBuiltInProcess() {
        builtInProcess = true;
    }

    /**
     * True when this flyweight is a {@link RecordBatchBuilder}'s view of the batch it just built:
     * its records are well-formed by construction, so the log checks only its frame (see
     * {@link BatchValidator#validate}).
     */
    boolean isBuiltInProcess() {
        return builtInProcess;
    }

    public BytesStore<?, ?> store() {
        return store;
    }

    public long position() {
        return position;
    }

    public long baseOffset() {
        return BigEndian.readLong(store, position + BASE_OFFSET);
    }

    public int batchLength() {
        return BigEndian.readInt(store, position + BATCH_LENGTH);
    }

    /** The whole batch, header included. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    /**
     * The batch size if at least the length field is within {@code available} bytes, else 0. For
     * callers that must not read past a buffer they were handed.
     */
    public int sizeInBytesOrZero(long available) {
        if (available < LOG_OVERHEAD) {
            return 0;
        }
        long size = LOG_OVERHEAD + (long) batchLength();
        return size > Integer.MAX_VALUE || size < 0 ? 0 : (int) size;
    }

    public int partitionLeaderEpoch() {
        return BigEndian.readInt(store, position + PARTITION_LEADER_EPOCH);
    }

    public byte magic() {
        return store.readByte(position + MAGIC);
    }

    public int crc() {
        return BigEndian.readInt(store, position + CRC);
    }

    public short attributes() {
        return BigEndian.readShort(store, position + ATTRIBUTES);
    }

    /** Compression codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
    public int compression() {
        return attributes() & COMPRESSION_MASK;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_FLAG) != 0;
    }

    public int lastOffsetDelta() {
        return BigEndian.readInt(store, position + LAST_OFFSET_DELTA);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset just after this batch. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long baseTimestamp() {
        return BigEndian.readLong(store, position + BASE_TIMESTAMP);
    }

    public long maxTimestamp() {
        return BigEndian.readLong(store, position + MAX_TIMESTAMP);
    }

    public long producerId() {
        return BigEndian.readLong(store, position + PRODUCER_ID);
    }

    public short producerEpoch() {
        return BigEndian.readShort(store, position + PRODUCER_EPOCH);
    }

    public int baseSequence() {
        return BigEndian.readInt(store, position + BASE_SEQUENCE);
    }

    public int recordCount() {
        return BigEndian.readInt(store, position + RECORD_COUNT);
    }

    /** Computes the CRC-32C of this batch's bytes from the attributes to its end. */
    public int computeCrc() {
        return crc32c(store, position + ATTRIBUTES, position + sizeInBytes());
    }

    /** True when the stored CRC matches the bytes. */
    public boolean isCrcValid() {
        return crc() == computeCrc();
    }

    /**
     * The records of this batch, read in place. The iterator hands out one reused {@link BatchRecord}
     * flyweight, valid until the next call to {@code next()}.
     */
    public RecordIterator records() {
        return new RecordIterator().reset(this);
    }

    /**
     * As {@link #records()}, but reusing {@code reuse} (which stops iterating its previous batch), so
     * a reader that walks many batches allocates nothing per batch.
     */
    public RecordIterator records(RecordIterator reuse) {
        return reuse.reset(this);
    }

    /** Sets the base offset of the batch at {@code position}; outside the CRC, so it stays valid. */
    public static void writeBaseOffset(RandomDataOutput<?> out, long position, long baseOffset) {
        BigEndian.writeLong(out, position + BASE_OFFSET, baseOffset);
    }

    /** Sets the partition leader epoch of the batch at {@code position}; outside the CRC too. */
    public static void writePartitionLeaderEpoch(RandomDataOutput<?> out, long position, int epoch) {
        BigEndian.writeInt(out, position + PARTITION_LEADER_EPOCH, epoch);
    }

    /** CRC-32C of {@code [from, to)} of {@code store}, by the JDK's intrinsic over the memory in place (no copy). */
    static int crc32c(BytesStore<?, ?> store, long from, long to) {
        return Crc32c.once(store, from, to);
    }

    @Override
    public String toString() {
        return "RecordBatch[baseOffset=" + baseOffset() + ", lastOffsetDelta=" + lastOffsetDelta()
                + ", records=" + recordCount() + ", bytes=" + sizeInBytes() + "]";
    }
}
