package io.rivulet.storage.batch;

import java.nio.ByteBuffer;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Batches encoded by kafka-clients itself, compressed as its producer would, to check that what
 * Rivulet decodes is what Kafka encoded; and ways to damage them that keep the CRC valid, so the
 * damage reaches the decompressor instead of stopping at the frame check.
 */
public final class KafkaBatches {
    private KafkaBatches() {
    }

    /** Kafka's compression for our codec id. */
    public static Compression compression(CompressionCodec codec) {
        return switch (codec) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }

    /** One batch of {@code records}, compressed with {@code codec}, as kafka-clients writes it. */
    public static byte[] encode(CompressionCodec codec, List<TestRecord> records) {
        SimpleRecord[] simple = new SimpleRecord[records.size()];
        for (int i = 0; i < simple.length; i++) {
            TestRecord r = records.get(i);
            Header[] headers = r.headers().stream()
                    .map(h -> new org.apache.kafka.common.header.internals.RecordHeader(h.key(), h.value()))
                    .toArray(Header[]::new);
            simple[i] = new SimpleRecord(r.timestamp(), r.key(), r.value(), headers);
        }
        ByteBuffer buffer = MemoryRecords.withRecords(compression(codec), simple).buffer();
        byte[] raw = new byte[buffer.remaining()];
        buffer.get(raw);
        return raw;
    }

    /** A flyweight over {@code raw} as a batch at position 0. */
    public static RecordBatch wrap(byte[] raw) {
        return new RecordBatch().wrap(Bytes.wrapForRead(raw).bytesStore(), 0);
    }

    /** All records of {@code batch}, read with {@code iterator}. */
    public static List<TestRecord> read(RecordBatch batch, RecordIterator iterator) {
        List<TestRecord> out = new java.util.ArrayList<>();
        for (RecordIterator it = batch.records(iterator); it.hasNext(); ) {
            out.add(TestRecord.of(it.next()));
        }
        return out;
    }

    /** {@code raw} with the CRC recomputed after a change to the bytes it covers. */
    public static byte[] withFixedCrc(byte[] raw) {
        int crc = wrap(raw).computeCrc();
        ByteBuffer.wrap(raw).putInt(RecordBatch.CRC, crc);
        return raw;
    }

    /** A copy of {@code raw} whose payload lost its last {@code n} bytes, length and CRC fixed. */
    public static byte[] truncatedPayload(byte[] raw, int n) {
        byte[] out = java.util.Arrays.copyOf(raw, raw.length - n);
        ByteBuffer.wrap(out).putInt(RecordBatch.BATCH_LENGTH, out.length - RecordBatch.LOG_OVERHEAD);
        return withFixedCrc(out);
    }

    /** A copy of {@code raw} with the attributes' codec bits set to {@code codecId}, CRC fixed. */
    public static byte[] withCodecId(byte[] raw, int codecId) {
        byte[] out = raw.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        short attributes = b.getShort(RecordBatch.ATTRIBUTES);
        b.putShort(RecordBatch.ATTRIBUTES, (short) ((attributes & ~RecordBatch.COMPRESSION_MASK) | codecId));
        return withFixedCrc(out);
    }
}
