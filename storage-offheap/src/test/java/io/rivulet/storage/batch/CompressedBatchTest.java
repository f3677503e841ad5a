package io.rivulet.storage.batch;

import static io.rivulet.storage.batch.KafkaFormatCompatibilityTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.CorruptBatchException;
import io.rivulet.storage.UnsupportedCompressionException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Compressed batches written by kafka-clients: validated without decompressing, read by decompressing. */
class CompressedBatchTest {
    static final List<TestRecord> RECORDS = List.of(
            new TestRecord(1_700_000_000_000L, utf8("k1"), utf8("v1"), List.of()),
            new TestRecord(1_700_000_000_007L, null, utf8("null key"), List.of()),
            new TestRecord(1_700_000_000_003L, utf8("tombstone"), null, List.of()),
            new TestRecord(1_700_000_000_004L, new byte[0], new byte[0],
                    List.of(new RecordHeader("trace", utf8("t-1")), new RecordHeader("empty", null))),
            new TestRecord(1_699_999_999_000L, utf8("k5"), utf8("x".repeat(5000)), List.of()));

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decodesWhatKafkaCompressed(CompressionCodec codec) {
        byte[] raw = KafkaBatches.encode(codec, RECORDS);
        RecordBatch batch = KafkaBatches.wrap(raw);
        assertEquals(codec, CompressionCodec.of(batch.compression()));
        BatchValidator.validateForAppend(batch, raw.length, 1 << 20);

        assertEquals(RECORDS, KafkaBatches.read(batch, new RecordIterator()));
        long expectedOffset = batch.baseOffset();
        for (RecordIterator it = batch.records(); it.hasNext(); ) {
            assertEquals(expectedOffset++, it.next().offset());
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void oneIteratorReadsCompressedAndPlainBatchesInTurn(CompressionCodec codec) {
        RecordBatch compressed = KafkaBatches.wrap(KafkaBatches.encode(codec, RECORDS));
        RecordBatch plain = KafkaBatches.wrap(KafkaBatches.encode(CompressionCodec.NONE, RECORDS.subList(0, 2)));
        RecordIterator reused = new RecordIterator();
        for (int round = 0; round < 3; round++) {
            assertEquals(RECORDS, KafkaBatches.read(compressed, reused));
            assertEquals(RECORDS.subList(0, 2), KafkaBatches.read(plain, reused));
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void appendChecksHeaderButNeverDecompresses(CompressionCodec codec) {
        byte[] raw = KafkaBatches.encode(codec, RECORDS);
        new Random(7).ints(RecordBatch.RECORDS, raw.length).limit(raw.length)
                .forEach(i -> raw[i] = (byte) (raw[i] * 31 + 17)); // a payload no codec can read
        RecordBatch batch = KafkaBatches.wrap(KafkaBatches.withFixedCrc(raw));

        BatchValidator.validateForAppend(batch, raw.length, 1 << 20); // frame and header are fine

        CorruptBatchException e = assertThrows(CorruptBatchException.class, batch::records);
        assertTrue(e.getMessage().contains(codec.label() + "-compressed"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void truncatedPayloadIsCorrupt(CompressionCodec codec) {
        byte[] raw = KafkaBatches.truncatedPayload(KafkaBatches.encode(codec, RECORDS), 9);
        RecordBatch batch = KafkaBatches.wrap(raw);
        BatchValidator.validateForAppend(batch, raw.length, 1 << 20);
        RecordIterator it = new RecordIterator();
        assertThrows(CorruptBatchException.class, () -> batch.records(it));
        assertFalse(it.hasNext(), "a rejected batch leaves an empty iterator");
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7})
    void undefinedCodecIsRejectedNamingTheSupportedOnes(int codecId) {
        byte[] raw = KafkaBatches.withCodecId(KafkaBatches.encode(CompressionCodec.GZIP, RECORDS), codecId);
        RecordBatch batch = KafkaBatches.wrap(raw);
        UnsupportedCompressionException e = assertThrows(UnsupportedCompressionException.class,
                () -> new BatchValidator().validate(batch, raw.length, 1 << 20));
        assertEquals(codecId, e.codec());
        assertTrue(e.getMessage().contains("1 (gzip), 2 (snappy), 3 (lz4) and 4 (zstd)"), e.getMessage());
        assertThrows(UnsupportedCompressionException.class, batch::records);
    }

    @Test
    void compressedBatchWithWrongOffsetDeltasIsRejectedOnAppend() {
        byte[] raw = KafkaBatches.encode(CompressionCodec.LZ4, RECORDS);
        ByteBuffer.wrap(raw).putInt(RecordBatch.LAST_OFFSET_DELTA, 9);
        RecordBatch batch = KafkaBatches.wrap(KafkaBatches.withFixedCrc(raw));
        CorruptBatchException e = assertThrows(CorruptBatchException.class,
                () -> BatchValidator.validateForAppend(batch, raw.length, 1 << 20));
        assertTrue(e.getMessage().contains("lastOffsetDelta 9 but 5 records"), e.getMessage());
    }

    @Test
    void compressedBatchWithNoRecordsIsRejectedOnAppend() {
        byte[] raw = KafkaBatches.encode(CompressionCodec.ZSTD, RECORDS);
        ByteBuffer.wrap(raw).putInt(RecordBatch.RECORD_COUNT, 0).putInt(RecordBatch.LAST_OFFSET_DELTA, -1);
        RecordBatch batch = KafkaBatches.wrap(KafkaBatches.withFixedCrc(raw));
        assertThrows(CorruptBatchException.class, () -> BatchValidator.validateForAppend(batch, raw.length, 1 << 20));
    }

    @Test
    void compressedBatchWithBadCrcIsRejectedOnAppend() {
        byte[] raw = KafkaBatches.encode(CompressionCodec.SNAPPY, RECORDS);
        raw[raw.length - 3] ^= 0x40;
        RecordBatch batch = KafkaBatches.wrap(raw);
        CorruptBatchException e = assertThrows(CorruptBatchException.class,
                () -> BatchValidator.validateForAppend(batch, raw.length, 1 << 20));
        assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decompressionPastTheLimitIsCorruptNotBuffered(CompressionCodec codec) {
        List<TestRecord> zeros = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            zeros.add(new TestRecord(i, null, new byte[64 * 1024], List.of())); // 512 KiB that compresses to little
        }
        byte[] raw = KafkaBatches.encode(codec, zeros);
        assertTrue(raw.length < 64 * 1024, "compressed to " + raw.length);
        RecordBatch batch = KafkaBatches.wrap(raw);

        CorruptBatchException e = assertThrows(CorruptBatchException.class,
                () -> batch.records(new RecordIterator(256 * 1024)));
        assertTrue(e.getMessage().contains("more than 262144 bytes"), e.getMessage());
        assertEquals(zeros, KafkaBatches.read(batch, new RecordIterator())); // the default limit reads it
    }

    @Test
    void bytesAfterTheLastDecompressedRecordAreCorrupt() throws Exception {
        byte[] raw = regzipped(KafkaBatches.encode(CompressionCodec.NONE, RECORDS), new byte[] {1, 2, 3});
        RecordBatch batch = KafkaBatches.wrap(raw);
        BatchValidator.validateForAppend(batch, raw.length, 1 << 20);
        RecordIterator it = batch.records();
        for (int i = 0; i < RECORDS.size() - 1; i++) {
            it.next();
        }
        CorruptBatchException e = assertThrows(CorruptBatchException.class, it::next);
        assertTrue(e.getMessage().contains("3 bytes after its last record"), e.getMessage());
    }

    @Test
    void aRecordCountTheDecompressedBytesCannotHoldIsCorrupt() throws Exception {
        byte[] raw = regzipped(KafkaBatches.encode(CompressionCodec.NONE, RECORDS.subList(0, 1)), new byte[0]);
        ByteBuffer.wrap(raw).putInt(RecordBatch.RECORD_COUNT, 1000).putInt(RecordBatch.LAST_OFFSET_DELTA, 999);
        RecordBatch batch = KafkaBatches.wrap(KafkaBatches.withFixedCrc(raw));
        CorruptBatchException e = assertThrows(CorruptBatchException.class, batch::records);
        assertTrue(e.getMessage().contains("too few for 1000 records"), e.getMessage());
    }

    /** An uncompressed batch turned into a gzip one by hand, its records followed by {@code extra} bytes. */
    private static byte[] regzipped(byte[] plain, byte[] extra) throws java.io.IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(plain, RecordBatch.RECORDS, plain.length - RecordBatch.RECORDS);
            out.write(extra);
        }
        byte[] raw = java.util.Arrays.copyOf(plain, RecordBatch.RECORDS + gz.size());
        System.arraycopy(gz.toByteArray(), 0, raw, RecordBatch.RECORDS, gz.size());
        ByteBuffer.wrap(raw).putInt(RecordBatch.BATCH_LENGTH, raw.length - RecordBatch.LOG_OVERHEAD);
        return KafkaBatches.withCodecId(raw, CompressionCodec.GZIP.id());
    }

    @Test
    void codecIdsMatchKafka() {
        for (CompressionCodec codec : CompressionCodec.values()) {
            assertEquals(codec.id(), KafkaBatches.compression(codec).type().id);
            assertEquals(codec.label(), KafkaBatches.compression(codec).type().name);
        }
    }
}
