package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.BatchTooLargeException;
import io.rivulet.storage.CorruptBatchException;
import io.rivulet.storage.OffsetOutOfRangeException;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
    static final LogConfig SMALL = LogConfig.from(java.util.Map.of(
            "segment.bytes", "65536",
            "segment.index.bytes", "4096",
            "index.interval.bytes", "512",
            "max.message.bytes", "16384"));

    @TempDir
    Path dir;

    @Test
    void appendAssignsConsecutiveOffsetsAndReadReturnsThem() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            AppendResult first = log.append(batch(b, 0, 3));
            AppendResult second = log.append(batch(b, 3, 2));
            assertEquals(0, first.firstOffset());
            assertEquals(2, first.lastOffset());
            assertEquals(3, second.firstOffset());
            assertEquals(5, log.logEndOffset());
            assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), values(log, 0));
            assertEquals(List.of("v3", "v4"), values(log, 3));
        }
    }

    @Test
    void rollsSegmentsAndReadsAcrossThem() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int i = 0; i < 400; i++) {
                log.append(batch(b, i * 10, 10));
            }
            assertTrue(log.segmentCount() > 1, "segments: " + log.segmentCount());
            List<String> all = values(log, 0);
            assertEquals(4000, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals("v" + i, all.get(i));
            }
            assertEquals(List.of("v2345", "v2346"), values(log, 2345).subList(0, 2));
        }
    }

    @Test
    void everythingIsStillThereAfterCloseAndReopen() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int i = 0; i < 300; i++) {
                log.append(batch(b, i * 5, 5));
            }
        }
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(1500, log.logEndOffset());
            log.append(batch(b, 1500, 5));
            List<String> all = values(log, 0);
            assertEquals(1505, all.size());
            assertEquals("v1504", all.get(1504));
        }
    }

    @Test
    void readBelowStartFailsWithTheRangeInTheMessage() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int i = 0; i < 400; i++) {
                log.append(batch(b, i * 10, 10));
            }
            log.deleteBefore(2000);
            assertEquals(2000, log.logStartOffset());
            OffsetOutOfRangeException e = assertThrows(OffsetOutOfRangeException.class, () -> log.read(10, 1000));
            assertTrue(e.getMessage().contains("[2000, 4000)"), e.getMessage());
            assertThrows(OffsetOutOfRangeException.class, () -> log.read(4001, 1000));
            assertTrue(log.read(4000, 1000).isEmpty());
            assertEquals("v2000", values(log, 2000).get(0));
        }
    }

    @Test
    void readHonoursMaxBytesButReturnsAtLeastOneBatch() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int i = 0; i < 10; i++) {
                log.append(batch(b, i * 10, 10));
            }
            try (LogSlice one = log.read(0, 1)) {
                assertEquals(1, one.batchCount());
                assertEquals(10, one.nextOffset());
            }
            try (LogSlice upToHw = log.read(0, 1 << 20, 30)) {
                assertEquals(3, upToHw.batchCount());
            }
            try (LogSlice mid = log.read(15, 1 << 20)) {
                assertEquals(10, mid.batches().next().baseOffset());
            }
        }
    }

    @Test
    void truncateToRemovesTheTailAndAppendsContinueFromThere() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int i = 0; i < 400; i++) {
                log.append(batch(b, i * 10, 10));
            }
            assertEquals(1230, log.truncateTo(1235));
            assertEquals(1230, log.logEndOffset());
            log.append(batch(b, 9000, 10));
            List<String> all = values(log, 1200);
            assertEquals("v1229", all.get(29));
            assertEquals("v9000", all.get(30));
            assertEquals(40, all.size());
        }
        try (PartitionLog log = PartitionLog.open(dir, SMALL)) {
            assertEquals(1240, log.logEndOffset());
        }
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfterIt() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int i = 0; i < 400; i++) {
                log.append(batch(b, i * 10, 10)); // record n has timestamp 1000 + n
            }
            assertEquals(0, log.offsetForTimestamp(0).getAsLong());
            assertEquals(2500, log.offsetForTimestamp(3500).getAsLong());
            assertEquals(3999, log.offsetForTimestamp(4999).getAsLong());
            assertFalse(log.offsetForTimestamp(5000).isPresent());
        }
    }

    @Test
    void retentionBytesDeletesOldestSealedSegments() {
        LogConfig config = SMALL.with("retention.bytes", 128 * 1024).with("retention.ms", -1);
        try (PartitionLog log = PartitionLog.open(dir, config); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            for (int i = 0; i < 2000; i++) {
                log.append(batch(b, i * 10, 10));
            }
            int before = log.segmentCount();
            int deleted = log.applyRetention();
            assertTrue(deleted > 0);
            assertEquals(before - deleted, log.segmentCount());
            assertTrue(log.sizeInBytes() >= 128 * 1024 - 64 * 1024 && log.sizeInBytes() <= 128 * 1024 + 64 * 1024);
            assertEquals(log.segmentBaseOffsets().get(0), log.logStartOffset());
            assertEquals("v" + log.logStartOffset(), values(log, log.logStartOffset()).get(0));
        }
    }

    @Test
    void invalidBatchesAreRejectedAndTheLogIsUntouched() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL); RecordBatchBuilder b = new RecordBatchBuilder(256)) {
            log.append(batch(b, 0, 2));
            b.reset().append(1, null, new byte[20_000]);
            assertThrows(BatchTooLargeException.class, () -> log.append(b.build()));
            RecordBatch bad = batch(b, 2, 2);
            bad.store().writeByte(bad.sizeInBytes() - 1, (byte) 0x7f);
            assertThrows(CorruptBatchException.class, () -> log.append(bad));
            assertEquals(2, log.logEndOffset());
            assertEquals(List.of("v0", "v1"), values(log, 0));
        }
    }

    static RecordBatch batch(RecordBatchBuilder b, int first, int count) {
        b.reset();
        for (int i = first; i < first + count; i++) {
            b.append(1000 + i, ("k" + i).getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** Values from {@code offset} to the end, reading slice after slice. */
    static List<String> values(PartitionLog log, long offset) {
        List<String> out = new ArrayList<>();
        long next = offset;
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, 4096)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordIterator records = batches.next().records();
                    while (records.hasNext()) {
                        BatchRecord r = records.next();
                        if (r.offset() >= offset) {
                            out.add(new String(r.value(), StandardCharsets.UTF_8));
                        }
                    }
                }
                next = slice.nextOffset();
            }
        }
        return out;
    }
}
