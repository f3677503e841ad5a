package io.rivulet.storage.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.BatchTooLargeException;
import io.rivulet.storage.CorruptBatchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RecordBatchRoundTripTest {

    @Property(tries = 200)
    void recordsComeBackAsTheyWentIn(@ForAll("records") @Size(min = 1, max = 40) List<TestRecord> records) {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            for (TestRecord r : records) {
                builder.append(r.timestamp(), r.key(), r.value(), r.headers());
            }
            RecordBatch batch = builder.build();
            BatchValidator.validateForAppend(batch, builder.sizeInBytes(), Integer.MAX_VALUE);
            assertEquals(records.size(), batch.recordCount());
            assertEquals(records.size() - 1, batch.lastOffsetDelta());
            assertEquals(records.stream().mapToLong(TestRecord::timestamp).max().getAsLong(), batch.maxTimestamp());
            List<TestRecord> read = new ArrayList<>();
            RecordIterator it = batch.records();
            long expectedOffset = 0;
            while (it.hasNext()) {
                BatchRecord r = it.next();
                assertEquals(expectedOffset++, r.offset());
                read.add(TestRecord.of(r));
            }
            assertEquals(records, read);
        }
    }

    @Provide
    Arbitrary<List<TestRecord>> records() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).injectNull(0.15);
        Arbitrary<RecordHeader> header = Combinators.combine(
                Arbitraries.strings().ofMaxLength(12), bytes).as(RecordHeader::new);
        Arbitrary<Long> timestamps = Arbitraries.longs().between(0, 4_000_000_000_000L);
        return Combinators.combine(timestamps, bytes, bytes, header.list().ofMaxSize(3))
                .as(TestRecord::new).list();
    }

    @Test
    void nullAndEmptyKeysAndValuesAreDistinct() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            builder.append(1, null, new byte[0]).append(2, new byte[0], null);
            RecordIterator it = builder.build().records();
            BatchRecord first = it.next();
            assertNull(first.key());
            assertEquals(-1, first.keyLength());
            assertArrayEquals(new byte[0], first.value());
            BatchRecord second = it.next();
            assertArrayEquals(new byte[0], second.key());
            assertNull(second.value());
        }
    }

    @Test
    void builderIsReusableAfterReset() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(16)) {
            builder.append(5, bytes("a"), bytes("first"));
            builder.build();
            builder.reset().append(7, bytes("b"), bytes("second"));
            RecordBatch batch = builder.build();
            assertEquals(1, batch.recordCount());
            assertEquals(7, batch.baseTimestamp());
            assertArrayEquals(bytes("second"), batch.records().next().value());
            assertTrue(batch.isCrcValid());
        }
    }

    @Test
    void producerIdEpochAndSequenceAreStampedUnderTheCrc() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            builder.append(1L, null, "a".getBytes(StandardCharsets.UTF_8));
            RecordBatch plain = builder.build();
            assertEquals(RecordBatch.NO_PRODUCER_ID, plain.producerId());
            assertEquals(RecordBatch.NO_PRODUCER_EPOCH, plain.producerEpoch());
            assertEquals(RecordBatch.NO_SEQUENCE, plain.baseSequence());
            int plainCrc = plain.crc();

            builder.producer(0x1234_5678_9abcL, (short) 7, Integer.MAX_VALUE - 1);
            RecordBatch stamped = builder.build();
            assertEquals(0x1234_5678_9abcL, stamped.producerId());
            assertEquals((short) 7, stamped.producerEpoch());
            assertEquals(Integer.MAX_VALUE - 1, stamped.baseSequence());
            assertTrue(stamped.isCrcValid());
            assertTrue(stamped.crc() != plainCrc, "the CRC covers the producer fields");

            builder.reset().append(2L, null, "b".getBytes(StandardCharsets.UTF_8));
            assertEquals(RecordBatch.NO_PRODUCER_ID, builder.build().producerId(), "reset forgets the producer");
        }
    }

    @Test
    void flippedByteFailsTheCrc() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch batch = builder.append(1, bytes("k"), bytes("value")).build();
            long p = batch.position() + batch.sizeInBytes() - 2;
            batch.store().writeByte(p, (byte) (batch.store().readByte(p) ^ 0x40));
            CorruptBatchException e = assertThrows(CorruptBatchException.class,
                    () -> BatchValidator.validateForAppend(batch, batch.sizeInBytes(), Integer.MAX_VALUE));
            assertTrue(e.getMessage().contains("CRC"), e.getMessage());
            assertEquals(BatchCheck.BAD_CRC, BatchValidator.checkFrame(batch.store(), 0, batch.sizeInBytes(), 1 << 20));
        }
    }

    @Test
    void rewritingBaseOffsetAndEpochKeepsTheCrcValid() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch batch = builder.append(1, bytes("k"), bytes("value")).build();
            RecordBatch.writeBaseOffset(batch.store(), 0, 1234);
            RecordBatch.writePartitionLeaderEpoch(batch.store(), 0, 7);
            assertTrue(batch.isCrcValid());
            assertEquals(1234, batch.baseOffset());
            assertEquals(1234, batch.records().next().offset());
        }
    }

    @Test
    void oversizedBatchIsRejectedWithTheLimitInTheMessage() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch batch = builder.append(1, null, new byte[2000]).build();
            BatchTooLargeException e = assertThrows(BatchTooLargeException.class,
                    () -> BatchValidator.validateForAppend(batch, batch.sizeInBytes(), 1024));
            assertTrue(e.getMessage().contains("max.message.bytes=1024"), e.getMessage());
        }
    }

    @Test
    void wrongMagicAndShortLengthsAreRejected() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch batch = builder.append(1, null, bytes("v")).build();
            int size = batch.sizeInBytes();
            assertThrows(CorruptBatchException.class, () -> BatchValidator.validateForAppend(batch, size - 1, 1 << 20));
            assertThrows(CorruptBatchException.class, () -> BatchValidator.validateForAppend(batch, 10, 1 << 20));
            batch.store().writeByte(RecordBatch.MAGIC, (byte) 1);
            CorruptBatchException e = assertThrows(CorruptBatchException.class,
                    () -> BatchValidator.validateForAppend(batch, size, 1 << 20));
            assertTrue(e.getMessage().contains("magic"), e.getMessage());
        }
    }

    @Test
    void negativeLengthIsABadFrameNotACrash() {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(64)) {
            RecordBatch batch = builder.append(1, null, bytes("v")).build();
            BigEndian.writeInt(batch.store(), RecordBatch.BATCH_LENGTH, -5);
            assertEquals(BatchCheck.BAD_LENGTH, BatchValidator.checkFrame(batch.store(), 0, 100, 1 << 20));
            assertThrows(CorruptBatchException.class, () -> BatchValidator.validateForAppend(batch, 100, 1 << 20));
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
