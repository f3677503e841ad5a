package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.OffsetOutOfRangeException;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.segment.SegmentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mapped.segments.max} bounds the mapped sealed segments without pulling memory from a reader. */
class MappedSegmentBoundTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", "8192",
            "segment.index.bytes", "4096",
            "index.interval.bytes", "512",
            "max.message.bytes", "8192",
            "mapped.segments.max", "2"));

    @TempDir
    Path dir;

    @Test
    void readingAcrossAllSegmentsKeepsAtMostTheBoundMapped() {
        try (PartitionLog log = filled(dir)) {
            assertTrue(log.segmentCount() >= 10, "segments: " + log.segmentCount());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
            assertTrue(log.mappedSealedSegments() <= 2, "mapped: " + log.mappedSealedSegments());
            for (long o = log.logEndOffset() - 1; o >= 0; o -= 97) {
                LogFixtures.verifyDerived(log, o);
                assertTrue(log.mappedSealedSegments() <= 2, "mapped: " + log.mappedSealedSegments());
            }
        }
    }

    @Test
    void lookupsByTimestampAcrossAllSegmentsKeepAtMostTheBoundMapped() {
        try (PartitionLog log = filled(dir)) {
            for (long o = 0; o < log.logEndOffset(); o += 53) {
                assertEquals(o, log.offsetForTimestamp(LogFixtures.timestampAt(o)).orElse(-1));
            }
            assertTrue(log.mappedSealedSegments() <= 2, "mapped: " + log.mappedSealedSegments());
        }
    }

    @Test
    void aSliceHeldAcrossUnmapStaysReadableUntilClosed() {
        try (PartitionLog log = filled(dir)) {
            try (LogSlice held = log.read(0, 1 << 20)) {
                LogFixtures.verifyDerived(log, 0); // maps and unmaps every other segment
                assertTrue(log.mappedSealedSegments() <= 2);
                assertSliceHoldsDerivedRecords(held, 0);
            }
        }
    }

    @Test
    void aSliceHeldAcrossRetentionDeletionStaysReadableAndTheDeletedRangeIsOutOfRange() {
        try (PartitionLog log = filled(dir)) {
            long secondSegment = log.segmentBaseOffsets().get(1);
            LogSlice held = log.read(0, 1 << 20);
            try {
                long cut = log.segmentBaseOffsets().get(5);
                log.deleteBefore(cut);
                assertFalse(Files.exists(SegmentFiles.log(dir, 0)), "segment 0 was deleted");
                assertEquals(secondSegment, held.nextOffset());
                assertSliceHoldsDerivedRecords(held, 0);
                OffsetOutOfRangeException e = assertThrows(OffsetOutOfRangeException.class, () -> log.read(0, 100));
                assertEquals(cut, e.logStartOffset());
                assertThrows(OffsetOutOfRangeException.class, () -> log.read(cut - 1, 100));
                assertEquals(log.logEndOffset() - cut, LogFixtures.verifyDerived(log, cut));
            } finally {
                held.close();
            }
        }
    }

    @Test
    void aSliceHeldAcrossCloseStaysReadable() {
        LogSlice held;
        try (PartitionLog log = filled(dir)) {
            held = log.read(log.logEndOffset() - 3, 1 << 20);
        }
        try {
            assertFalse(held.isEmpty());
            assertSliceHoldsDerivedRecords(held, held.batches().next().baseOffset());
            assertFalse(LogFixtures.mappedFilesUnder(dir).isEmpty(), "the slice keeps its segment mapped");
        } finally {
            held.close();
        }
        assertEquals(java.util.List.of(), LogFixtures.mappedFilesUnder(dir), "closing the last slice unmaps it");
    }

    @Test
    void closeUnmapsEverySegmentAndIndex() {
        try (PartitionLog log = filled(dir)) {
            LogFixtures.verifyDerived(log, 0);
            log.offsetForTimestamp(LogFixtures.timestampAt(17));
            assertFalse(LogFixtures.mappedFilesUnder(dir).isEmpty());
        }
        assertEquals(java.util.List.of(), LogFixtures.mappedFilesUnder(dir));
    }

    private static PartitionLog filled(Path dir) {
        PartitionLog log = PartitionLog.open(dir, CONFIG);
        try (RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            for (int i = 0; i < 300; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 4));
            }
        }
        return log;
    }

    private static void assertSliceHoldsDerivedRecords(LogSlice slice, long from) {
        long expected = from;
        Iterator<RecordBatch> batches = slice.batches();
        while (batches.hasNext()) {
            RecordBatch batch = batches.next();
            assertTrue(batch.isCrcValid());
            RecordIterator records = batch.records();
            while (records.hasNext()) {
                BatchRecord r = records.next();
                assertEquals(expected, r.offset());
                assertTrue(Arrays.equals(LogFixtures.valueAt(expected), r.value()), "value at " + expected);
                expected++;
            }
        }
        assertEquals(slice.nextOffset(), expected);
    }

}
