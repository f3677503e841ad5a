package io.rivulet.storage.batch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.openhft.chronicle.bytes.RandomDataOutput;

/**
 * How one record and one batch header are written, shared by the two encoders: {@link RecordBatchBuilder}
 * (into its own off-heap buffer) and {@link InPlaceBatch} (straight into a segment's mapping). The record
 * layout is {@link BatchRecord}'s, the header layout {@link RecordBatch}'s; a record's size is computed
 * first so that its bytes are written exactly once, at their final place.
 */
final class RecordEncoding {
    static final byte[][] NO_HEADER_KEYS = new byte[0][];

    private RecordEncoding() {
    }

    /** The UTF-8 keys of {@code headers}, encoded once for both the size and the write. */
    static byte[][] headerKeys(List<RecordHeader> headers) {
        if (headers.isEmpty()) {
            return NO_HEADER_KEYS;
        }
        byte[][] keys = new byte[headers.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = headers.get(i).key().getBytes(StandardCharsets.UTF_8);
        }
        return keys;
    }

    /** Bytes of a record's body (everything after its length prefix). */
    static int bodySize(long timestampDelta, int offsetDelta, byte[] key, byte[] value,
                        List<RecordHeader> headers, byte[][] headerKeys) {
        int size = 1 + Varint.sizeOfLong(timestampDelta) + Varint.sizeOfInt(offsetDelta)
                + sizeOfBytes(key) + sizeOfBytes(value) + Varint.sizeOfInt(headers.size());
        for (int i = 0; i < headerKeys.length; i++) {
            size += sizeOfBytes(headerKeys[i]) + sizeOfBytes(headers.get(i).value());
        }
        return size;
    }

    /** A record's whole size: its body and the varint length before it. */
    static int recordSize(int body) {
        return Varint.sizeOfInt(body) + body;
    }

    /** Writes one record of {@code body} bytes (see {@link #bodySize}) at {@code p}; returns the position after it. */
    static long writeRecord(RandomDataOutput<?> out, long p, int body, long timestampDelta, int offsetDelta,
                            byte[] key, byte[] value, List<RecordHeader> headers, byte[][] headerKeys) {
        p = Varint.writeInt(out, p, body);
        out.writeByte(p++, (byte) 0); // record attributes: none are defined
        p = Varint.writeLong(out, p, timestampDelta);
        p = Varint.writeInt(out, p, offsetDelta);
        p = writeBytes(out, p, key);
        p = writeBytes(out, p, value);
        p = Varint.writeInt(out, p, headers.size());
        for (int i = 0; i < headerKeys.length; i++) {
            p = writeBytes(out, p, headerKeys[i]);
            p = writeBytes(out, p, headers.get(i).value());
        }
        return p;
    }

    /**
     * Writes the header of an uncompressed, non-transactional batch of {@code sizeInBytes} starting at
     * {@code at}, every field but the CRC, which covers the header from the attributes on and so comes last.
     */
    static void writeHeader(RandomDataOutput<?> out, long at, long baseOffset, int sizeInBytes, int leaderEpoch,
                            int count, long baseTimestamp, long maxTimestamp,
                            long producerId, short producerEpoch, int baseSequence) {
        BigEndian.writeLong(out, at + RecordBatch.BASE_OFFSET, baseOffset);
        BigEndian.writeInt(out, at + RecordBatch.BATCH_LENGTH, sizeInBytes - RecordBatch.LOG_OVERHEAD);
        BigEndian.writeInt(out, at + RecordBatch.PARTITION_LEADER_EPOCH, leaderEpoch);
        out.writeByte(at + RecordBatch.MAGIC, RecordBatch.MAGIC_V2);
        BigEndian.writeShort(out, at + RecordBatch.ATTRIBUTES, (short) 0);
        BigEndian.writeInt(out, at + RecordBatch.LAST_OFFSET_DELTA, count - 1);
        BigEndian.writeLong(out, at + RecordBatch.BASE_TIMESTAMP, baseTimestamp);
        BigEndian.writeLong(out, at + RecordBatch.MAX_TIMESTAMP, maxTimestamp);
        BigEndian.writeLong(out, at + RecordBatch.PRODUCER_ID, producerId);
        BigEndian.writeShort(out, at + RecordBatch.PRODUCER_EPOCH, producerEpoch);
        BigEndian.writeInt(out, at + RecordBatch.BASE_SEQUENCE, baseSequence);
        BigEndian.writeInt(out, at + RecordBatch.RECORD_COUNT, count);
    }

    private static long writeBytes(RandomDataOutput<?> out, long p, byte[] bytes) {
        if (bytes == null) {
            return Varint.writeInt(out, p, -1);
        }
        p = Varint.writeInt(out, p, bytes.length);
        out.write(p, bytes, 0, bytes.length);
        return p + bytes.length;
    }

    private static int sizeOfBytes(byte[] bytes) {
        return bytes == null ? Varint.sizeOfInt(-1) : Varint.sizeOfInt(bytes.length) + bytes.length;
    }
}
