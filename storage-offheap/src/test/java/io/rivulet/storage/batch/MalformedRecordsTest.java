package io.rivulet.storage.batch;

import static io.rivulet.storage.batch.HandWrittenBatch.BASE_TIMESTAMP;
import static io.rivulet.storage.batch.HandWrittenBatch.batch;
import static io.rivulet.storage.batch.HandWrittenBatch.body;
import static io.rivulet.storage.batch.HandWrittenBatch.concat;
import static io.rivulet.storage.batch.HandWrittenBatch.overlongVarint;
import static io.rivulet.storage.batch.HandWrittenBatch.record;
import static io.rivulet.storage.batch.HandWrittenBatch.varint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.CorruptBatchException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Uncompressed batches whose frame is sound (length, magic, CRC-32C all match) but whose records are
 * malformed: only the record walk of {@link BatchValidator} can refuse them, each with a message that
 * says what is wrong.
 */
class MalformedRecordsTest {
    private static final int MAX = 1 << 20;

    @Test
    void aHandWrittenBatchOfWellFormedRecordsIsValidAndReadsBack() {
        // The control for every test below: the same bytes with one field broken are what fail.
        RecordBatch batch = wrap(batch(BASE_TIMESTAMP + 7,
                record(0, 0, "a"), record(7, 1, "b"), record(3, 2, "c")));
        assertEquals(BatchCheck.VALID, frame(batch));
        BatchValidator.validateForAppend(batch, batch.sizeInBytes(), MAX);
        List<TestRecord> read = KafkaBatches.read(batch, new RecordIterator());
        assertEquals(List.of(BASE_TIMESTAMP, BASE_TIMESTAMP + 7, BASE_TIMESTAMP + 3),
                read.stream().map(TestRecord::timestamp).toList());
        assertEquals("c", new String(read.get(2).value(), StandardCharsets.UTF_8));
    }

    @Test
    void offsetDeltasOutOfOrderAreRefusedThoughCountAndLastOffsetDeltaAgree() {
        RecordBatch swapped = wrap(batch(BASE_TIMESTAMP, record(0, 0, "a"), record(0, 2, "b"), record(0, 1, "c")));
        assertEquals(2, swapped.lastOffsetDelta());
        assertEquals(3, swapped.recordCount());
        assertEquals(BatchCheck.VALID, frame(swapped));
        assertRefused(swapped, "record 1 has offset delta 2");

        RecordBatch repeated = wrap(batch(BASE_TIMESTAMP, record(0, 0, "a"), record(0, 0, "b")));
        assertEquals(1, repeated.lastOffsetDelta());
        assertEquals(BatchCheck.VALID, frame(repeated));
        assertRefused(repeated, "record 1 has offset delta 0");
    }

    @Test
    void aVarintLongerThanFiveBytesIsRefusedButAFiveByteOneIsRead() {
        byte[] fiveByteDelta = concat(new byte[] {0}, varint(0), overlongVarint(0, 5), varint(-1), varint(1),
                bytes("v"), varint(0));
        RecordBatch accepted = wrap(batch(BASE_TIMESTAMP, record(fiveByteDelta)));
        BatchValidator.validateForAppend(accepted, accepted.sizeInBytes(), MAX); // non-minimal, as Kafka allows

        byte[] sixByteDelta = concat(new byte[] {0}, varint(0), overlongVarint(0, 6), varint(-1), varint(1),
                bytes("v"), varint(0));
        assertRefused(wrap(batch(BASE_TIMESTAMP, record(sixByteDelta))), "varint longer than 5 bytes");
    }

    @Test
    void aVarlongLongerThanTenBytesIsRefusedButATenByteOneIsRead() {
        byte[] tenByteTimestamp = concat(new byte[] {0}, overlongVarint(0, 10), varint(0), varint(-1), varint(1),
                bytes("v"), varint(0));
        RecordBatch accepted = wrap(batch(BASE_TIMESTAMP, record(tenByteTimestamp)));
        BatchValidator.validateForAppend(accepted, accepted.sizeInBytes(), MAX);

        byte[] elevenByteTimestamp = concat(new byte[] {0}, overlongVarint(0, 11), varint(0), varint(-1), varint(1),
                bytes("v"), varint(0));
        assertRefused(wrap(batch(BASE_TIMESTAMP, record(elevenByteTimestamp))), "varlong longer than 10 bytes");
    }

    @Test
    void aRecordLengthRunningPastTheBatchEndIsRefused() {
        byte[] second = body(0, 1, "b");
        byte[] tooLong = concat(varint(second.length + 1), second); // one byte more than the batch holds
        assertRefused(wrap(batch(BASE_TIMESTAMP, record(0, 0, "a"), tooLong)),
                "record 1 has length " + (second.length + 1) + " which runs past the end of its batch");
    }

    @Test
    void aNegativeRecordLengthIsRefused() {
        byte[] negative = concat(varint(-2), body(0, 0, "a"));
        assertRefused(wrap(batch(BASE_TIMESTAMP, negative)), "record 0 has length -2 which runs past");
    }

    @Test
    void aNegativeRecordHeaderCountIsRefused() {
        byte[] negativeHeaders = concat(new byte[] {0}, varint(0), varint(0), varint(-1), varint(1), bytes("v"),
                varint(-1));
        assertRefused(wrap(batch(BASE_TIMESTAMP, record(negativeHeaders))), "record 0 has a negative header count");
    }

    @Test
    void aNegativeRecordCountInTheBatchHeaderIsRefused() {
        RecordBatch batch = wrap(batch(-1, 0, BASE_TIMESTAMP, record(0, 0, "a")));
        assertEquals(BatchCheck.VALID, frame(batch));
        assertRefused(batch, "record count -1");
    }

    @Test
    void aMaxTimestampThatDisagreesWithTheRecordsIsRefused() {
        byte[][] records = {record(0, 0, "a"), record(5, 1, "b")};
        RecordBatch below = wrap(batch(BASE_TIMESTAMP + 4, records));
        assertRefused(below, "maxTimestamp " + (BASE_TIMESTAMP + 4) + " differs from its largest record timestamp "
                + (BASE_TIMESTAMP + 5));
        RecordBatch above = wrap(batch(BASE_TIMESTAMP + 6, records));
        assertRefused(above, "maxTimestamp " + (BASE_TIMESTAMP + 6) + " differs");
    }

    /** Refused by the full validation and by a writer's validator (the bytes are foreign), with {@code fragment}. */
    private static void assertRefused(RecordBatch batch, String fragment) {
        CorruptBatchException e = assertThrows(CorruptBatchException.class,
                () -> BatchValidator.validateForAppend(batch, batch.sizeInBytes(), MAX));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        CorruptBatchException again = assertThrows(CorruptBatchException.class,
                () -> new BatchValidator().validate(batch, batch.sizeInBytes(), MAX));
        assertEquals(e.getMessage(), again.getMessage());
    }

    private static BatchCheck frame(RecordBatch batch) {
        return BatchValidator.checkFrame(batch.store(), batch.position(), batch.sizeInBytes(), MAX);
    }

    private static RecordBatch wrap(byte[] raw) {
        return KafkaBatches.wrap(raw);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
