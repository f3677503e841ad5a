package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordHeader;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.batch.TestRecord;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PartitionLog#appendInPlace}: what it writes, when it rolls, and what an encoder that fails leaves behind. */
class InPlaceAppendTest {
    static final int MAX_BATCH = 64 * 1024;
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(1 << 20),
            "segment.index.bytes", "65536",
            "index.interval.bytes", "4096",
            "max.message.bytes", String.valueOf(MAX_BATCH)));

    @TempDir
    Path dir;

    /** Encodes records from a list, from {@code next} on, as many as fit. */
    static final class ListEncoder implements BatchEncoder {
        private final List<TestRecord> records;
        int next;

        ListEncoder(List<TestRecord> records) {
            this.records = records;
        }

        @Override
        public void encode(io.rivulet.storage.batch.BatchWriter batch) {
            while (next < records.size()) {
                TestRecord r = records.get(next);
                if (!batch.append(r.timestamp(), r.key(), r.value(), r.headers())) {
                    return;
                }
                next++;
            }
        }
    }

    @Test
    void randomRecordsRoundTripThroughTheLogReadersAndKafkaClients() {
        long seed = Long.getLong("inplace.seed", System.nanoTime());
        Random random = new Random(seed);
        List<TestRecord> records = randomRecords(random, 400);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            ListEncoder encoder = new ListEncoder(records);
            while (encoder.next < records.size()) {
                int before = encoder.next;
                long end = log.logEndOffset();
                long base = log.appendInPlace(MAX_BATCH, encoder);
                assertTrue(encoder.next > before, "record " + before + " fits in no batch (seed " + seed + ")");
                assertEquals(end, base);
                assertEquals(end + encoder.next - before, log.logEndOffset());
            }
            assertTrue(log.segmentCount() > 1, "enough data to roll at least once (seed " + seed + ")");

            assertEquals(records, readWithOurReaders(log), "seed " + seed);
            assertEquals(records, readWithKafkaClients(log), "seed " + seed);
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(records, readWithOurReaders(log), "after a restart (seed " + seed + ")");
        }
    }

    @Test
    void aBatchThatDoesNotFitInTheActiveSegmentRollsFirst() {
        LogConfig small = CONFIG.with("segment.bytes", 64 * 1024).with("max.message.bytes", 16 * 1024);
        DerivedEncoder encoder = new DerivedEncoder();
        try (PartitionLog log = PartitionLog.open(dir, small)) {
            while (log.segmentCount() < 4) {
                long end = log.logEndOffset();
                log.appendInPlace(8 * 1024, encoder.of(end, 1_000));
                assertTrue(encoder.taken() > 0);
            }
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
            {
                List<Long> bases = log.segmentBaseOffsets();
                for (int i = 0; i + 1 < bases.size(); i++) {
                    long size = SegmentFiles.log(dir, bases.get(i)).toFile().length();
                    assertTrue(size + 8 * 1024 > 64 * 1024, "segment " + bases.get(i) + " rolled with "
                            + (64 * 1024 - size) + " bytes left, more than the 8 KiB asked for");
                    assertTrue(size <= 64 * 1024);
                }
            }
        }
    }

    @Test
    void theRoomAskedForIsCappedAtMaxMessageBytes() {
        DerivedEncoder encoder = new DerivedEncoder();
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            log.appendInPlace(Integer.MAX_VALUE, encoder.of(0, 100_000));
            try (LogSlice slice = log.read(0, 1 << 20)) {
                RecordBatch batch = slice.batches().next();
                assertTrue(batch.sizeInBytes() <= MAX_BATCH, "batch of " + batch.sizeInBytes() + " bytes");
                assertTrue(batch.sizeInBytes() > MAX_BATCH - 200, "the batch filled the room");
            }
            assertThrows(IllegalArgumentException.class, () -> log.appendInPlace(RecordBatch.HEADER_SIZE, encoder.of(0, 1)));
        }
    }

    @Test
    void anEncoderThatThrowsLeavesTheLogUnchangedAndUsable() throws IOException {
        DerivedEncoder encoder = new DerivedEncoder();
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            for (int i = 0; i < 5; i++) {
                log.appendInPlace(16 * 1024, encoder.of(log.logEndOffset(), 20));
            }
            long end = log.logEndOffset();
            long size = log.sizeInBytes();
            RuntimeException boom = new IllegalStateException("serializer failed");
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> log.appendInPlace(16 * 1024, batch -> {
                for (long o = end; o < end + 10; o++) {
                    batch.append(LogFixtures.timestampAt(o), LogFixtures.keyAt(o), LogFixtures.valueAt(o));
                }
                throw boom;
            }));
            assertSame(boom, thrown, "the encoder's own exception reaches the caller");
            assertEquals(end, log.logEndOffset());
            assertEquals(size, log.sizeInBytes());
            try (LogSlice slice = log.read(end, 1 << 20)) {
                assertTrue(slice.isEmpty());
            }
            assertTrue(allZero(SegmentFiles.log(dir, 0), size, 4096), "the aborted batch's bytes were zeroed");

            long base = log.appendInPlace(16 * 1024, encoder.of(end, 7));
            assertEquals(end, base, "the next batch takes the aborted one's offsets");
            try (LogSlice slice = log.read(end, 1 << 20)) {
                assertEquals(size + slice.batches().next().sizeInBytes(), log.sizeInBytes(),
                        "and its place in the segment");
            }
            assertEquals(end + 7, LogFixtures.verifyDerived(log, 0));
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void anEncodersOwnIoErrorReachesTheCallerAsItIs() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            java.io.UncheckedIOException io = new java.io.UncheckedIOException(new IOException("serializer's file"));
            assertSame(io, assertThrows(RuntimeException.class, () -> log.appendInPlace(4096, batch -> {
                throw io;
            })), "not reported as the log's own I/O failure");
            assertFalse(log.isOffline());
            assertEquals(0, log.logEndOffset());
        }
    }

    @Test
    void anEncoderThatAppendsNothingAppendsNothing() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            log.appendInPlace(4096, new DerivedEncoder().of(0, 3));
            long size = log.sizeInBytes();
            assertEquals(-1, log.appendInPlace(4096, batch -> { }));
            assertEquals(-1, log.appendInPlace(100, batch -> assertFalse(batch.append(1L, null, new byte[100]))));
            assertEquals(3, log.logEndOffset());
            assertEquals(size, log.sizeInBytes());
        }
    }

    @Test
    void writingToTheLogFromInsideAnEncoderIsRefused() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            RecordBatch other = LogFixtures.derivedBatch(b, 0, 2);
            assertThrows(IllegalStateException.class, () -> log.appendInPlace(4096, batch -> {
                batch.append(LogFixtures.timestampAt(0), LogFixtures.keyAt(0), LogFixtures.valueAt(0));
                log.appendFast(other);
            }));
            assertThrows(IllegalStateException.class, () -> log.appendInPlace(4096, batch -> log.close()));
            assertEquals(0, log.logEndOffset());
            log.appendFast(LogFixtures.derivedBatch(b, 0, 2));
            log.appendInPlace(4096, new DerivedEncoder().of(2, 3));
            assertEquals(5, LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void aNewLeaderEpochIsRecordedAndForgottenWhenTheEncoderFails() {
        DerivedEncoder encoder = new DerivedEncoder();
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            log.appendInPlace(4096, 3, encoder.of(0, 5));
            assertEquals(3, log.latestEpoch());
            try (LogSlice slice = log.read(0, 4096)) {
                assertEquals(3, slice.batches().next().partitionLeaderEpoch());
            }
            assertThrows(IllegalStateException.class, () -> log.appendInPlace(4096, 5, batch -> {
                throw new IllegalStateException("no");
            }));
            assertEquals(3, log.latestEpoch(), "no batch carries epoch 5");
            assertEquals(-1, log.appendInPlace(4096, 6, batch -> { }));
            assertEquals(3, log.latestEpoch());
            log.appendInPlace(4096, 7, encoder.of(5, 5));
            assertEquals(7, log.latestEpoch());
            assertEquals(new EpochEnd(3, 5), log.endOffsetForEpoch(3));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Random records: null and empty keys and values, headers, values from a few bytes up to nearly a whole batch. */
    static List<TestRecord> randomRecords(Random random, int n) {
        List<TestRecord> out = new ArrayList<>();
        long ts = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            byte[] key = random.nextInt(7) == 0 ? null : bytes(random, random.nextInt(40));
            int valueSize = switch (random.nextInt(10)) {
                case 0 -> -1;
                case 1 -> MAX_BATCH - RecordBatch.HEADER_SIZE - 200 - random.nextInt(1000); // near the limit
                case 2, 3 -> random.nextInt(16 * 1024);
                default -> random.nextInt(300);
            };
            byte[] value = valueSize < 0 ? null : bytes(random, valueSize);
            List<RecordHeader> headers = new ArrayList<>();
            for (int h = random.nextInt(3); h > 0; h--) {
                headers.add(new RecordHeader("h" + random.nextInt(100), random.nextBoolean() ? null : bytes(random, 8)));
            }
            ts += random.nextInt(2_000) - 500; // out of order too: the max timestamp is not the last one
            out.add(new TestRecord(ts, key, value, headers));
        }
        return out;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static List<TestRecord> readWithOurReaders(PartitionLog log) {
        List<TestRecord> out = new ArrayList<>();
        RecordIterator reuse = new RecordIterator();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, 1 << 20)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordBatch batch = batches.next();
                    assertTrue(batch.isCrcValid(), "batch at " + batch.baseOffset());
                    long max = Long.MIN_VALUE;
                    long offset = batch.baseOffset();
                    for (RecordIterator it = batch.records(reuse); it.hasNext(); ) {
                        BatchRecord r = it.next();
                        assertEquals(offset++, r.offset());
                        max = Math.max(max, r.timestamp());
                        out.add(TestRecord.of(r));
                    }
                    assertEquals(max, batch.maxTimestamp());
                    assertEquals(offset, batch.nextOffset());
                }
                next = slice.nextOffset();
            }
        }
        return out;
    }

    private static List<TestRecord> readWithKafkaClients(PartitionLog log) {
        List<TestRecord> out = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, 1 << 20)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordBatch ours = batches.next();
                    byte[] raw = new byte[ours.sizeInBytes()];
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = ours.store().readByte(ours.position() + i);
                    }
                    MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(raw));
                    Iterator<MutableRecordBatch> kafkaBatches = records.batches().iterator();
                    MutableRecordBatch batch = kafkaBatches.next();
                    batch.ensureValid();
                    assertFalse(kafkaBatches.hasNext());
                    assertEquals(ours.baseOffset(), batch.baseOffset());
                    long offset = batch.baseOffset();
                    for (Record r : batch) {
                        assertEquals(offset++, r.offset());
                        List<RecordHeader> headers = new ArrayList<>();
                        for (Header h : r.headers()) {
                            headers.add(new RecordHeader(h.key(), h.value()));
                        }
                        out.add(new TestRecord(r.timestamp(), bytesOf(r.key()), bytesOf(r.value()), headers));
                    }
                    assertEquals(offset - 1, batch.lastOffset());
                }
                next = slice.nextOffset();
            }
        }
        return out;
    }

    private static byte[] bytesOf(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static boolean allZero(Path file, long from, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            ch.read(buf, from);
            buf.flip();
            while (buf.hasRemaining()) {
                if (buf.get() != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void nullKeysAndValuesStayNull() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            log.appendInPlace(4096, batch -> {
                batch.append(5L, null, null);
                batch.append(6L, new byte[0], null, List.of(new RecordHeader("k", null)));
            });
            try (LogSlice slice = log.read(0, 4096)) {
                RecordIterator it = slice.batches().next().records();
                BatchRecord first = it.next();
                assertNull(first.key());
                assertNull(first.value());
                BatchRecord second = it.next();
                assertArrayEquals(new byte[0], second.key());
                assertEquals(List.of(new RecordHeader("k", null)), second.headers());
            }
        }
    }
}
