package io.rivulet.storage.batch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Uncompressed record batches written byte by byte, independently of {@link RecordBatchBuilder}, for input
 * no builder would write (out-of-order offset deltas, overlong varints, lengths past the end) under a CRC
 * that matches, so that only the record-level check under test can refuse it.
 */
public final class HandWrittenBatch {
    /** The base timestamp every hand-written batch has; record timestamps are this plus their delta. */
    public static final long BASE_TIMESTAMP = 1_000_000L;

    private HandWrittenBatch() {
    }

    /** Zig-zag varint of {@code value} in its shortest form, as Kafka writes it (ints and longs alike). */
    public static byte[] varint(long value) {
        return overlongVarint(value, 1);
    }

    /** Zig-zag varint of {@code value} padded with continuation bytes to at least {@code bytes} bytes. */
    public static byte[] overlongVarint(long value, int bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = (value << 1) ^ (value >> 63);
        int written = 0;
        while ((v & ~0x7fL) != 0 || written < bytes - 1) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
            written++;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    /** A record's body (after its length): no attributes, the deltas, a null key, {@code value}, no headers. */
    public static byte[] body(long timestampDelta, int offsetDelta, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {0}, varint(timestampDelta), varint(offsetDelta), varint(-1),
                varint(v.length), v, varint(0));
    }

    /** {@code body} prefixed with its length: a whole record. */
    public static byte[] record(byte[] body) {
        return concat(varint(body.length), body);
    }

    /** A well-formed record with the given deltas. */
    public static byte[] record(long timestampDelta, int offsetDelta, String value) {
        return record(body(timestampDelta, offsetDelta, value));
    }

    /**
     * A batch at base offset 0 of {@code records}, with record count and last offset delta consistent with
     * their number and the given {@code maxTimestamp}.
     */
    public static byte[] batch(long maxTimestamp, byte[]... records) {
        return batch(records.length, records.length - 1, maxTimestamp, records);
    }

    /** A batch at base offset 0 with the header fields as given, whatever the records say; its CRC matches. */
    public static byte[] batch(int recordCount, int lastOffsetDelta, long maxTimestamp, byte[]... records) {
        byte[] recordBytes = concat(records);
        ByteBuffer b = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + recordBytes.length);
        b.putLong(RecordBatch.BASE_OFFSET, 0);
        b.putInt(RecordBatch.BATCH_LENGTH, b.capacity() - RecordBatch.LOG_OVERHEAD);
        b.putInt(RecordBatch.PARTITION_LEADER_EPOCH, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        b.put(RecordBatch.MAGIC, RecordBatch.MAGIC_V2);
        b.putShort(RecordBatch.ATTRIBUTES, (short) 0);
        b.putInt(RecordBatch.LAST_OFFSET_DELTA, lastOffsetDelta);
        b.putLong(RecordBatch.BASE_TIMESTAMP, BASE_TIMESTAMP);
        b.putLong(RecordBatch.MAX_TIMESTAMP, maxTimestamp);
        b.putLong(RecordBatch.PRODUCER_ID, RecordBatch.NO_PRODUCER_ID);
        b.putShort(RecordBatch.PRODUCER_EPOCH, RecordBatch.NO_PRODUCER_EPOCH);
        b.putInt(RecordBatch.BASE_SEQUENCE, RecordBatch.NO_SEQUENCE);
        b.putInt(RecordBatch.RECORD_COUNT, recordCount);
        b.put(RecordBatch.RECORDS, recordBytes);
        byte[] raw = b.array();
        CRC32C crc = new CRC32C(); // the JDK's, not the code under test
        crc.update(raw, RecordBatch.ATTRIBUTES, raw.length - RecordBatch.ATTRIBUTES);
        b.putInt(RecordBatch.CRC, (int) crc.getValue());
        return raw;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
