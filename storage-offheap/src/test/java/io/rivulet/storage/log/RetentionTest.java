package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.OffsetOutOfRangeException;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.Retention.SegmentStats;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which segments retention deletes, as a pure decision and on a real log with a test clock. */
class RetentionTest {
    private static final long NOW = 1_000_000;

    /** Sealed segments of 100 bytes each whose newest records are 900, 500, 300 and 100 ms old. */
    private static final List<SegmentStats> SEALED = List.of(
            new SegmentStats(0, 100, NOW - 900),
            new SegmentStats(10, 100, NOW - 500),
            new SegmentStats(20, 100, NOW - 300),
            new SegmentStats(30, 100, NOW - 100));

    @Test
    void timeRetentionDeletesTheOldestSegmentsPastRetentionMs() {
        assertEquals(2, Retention.segmentsToDelete(SEALED, 500, NOW, 400, -1));
        assertEquals(0, Retention.segmentsToDelete(SEALED, 500, NOW, 900, -1));
        assertEquals(1, Retention.segmentsToDelete(SEALED, 500, NOW, 899, -1));
    }

    @Test
    void timeRetentionStopsAtTheFirstSegmentThatIsStillYoung() {
        List<SegmentStats> outOfOrder = List.of(
                new SegmentStats(0, 100, NOW - 900),
                new SegmentStats(10, 100, NOW - 10), // a late record made this one young
                new SegmentStats(20, 100, NOW - 900));
        assertEquals(1, Retention.segmentsToDelete(outOfOrder, 400, NOW, 400, -1));
    }

    @Test
    void sizeRetentionDeletesOldestSegmentsWhileTheLogIsOverRetentionBytes() {
        // 500 bytes in all (100 active): delete whole segments while the rest stays at least retention.bytes.
        assertEquals(2, Retention.segmentsToDelete(SEALED, 500, NOW, -1, 250));
        assertEquals(1, Retention.segmentsToDelete(SEALED, 500, NOW, -1, 400));
        assertEquals(0, Retention.segmentsToDelete(SEALED, 500, NOW, -1, 401));
        assertEquals(0, Retention.segmentsToDelete(SEALED, 500, NOW, -1, 500));
    }

    @Test
    void withBothLimitsTheStricterOneWins() {
        assertEquals(3, Retention.segmentsToDelete(SEALED, 500, NOW, 200, 450));
        assertEquals(3, Retention.segmentsToDelete(SEALED, 500, NOW, 800, 200));
    }

    @Test
    void neverDeletesBeyondTheSealedSegments() {
        assertEquals(4, Retention.segmentsToDelete(SEALED, 500, NOW, 0, 0));
        assertEquals(4, Retention.segmentsToDelete(SEALED, 10_000, NOW + 1_000_000, 1, 0));
        assertEquals(0, Retention.segmentsToDelete(List.of(), 10_000, NOW, 0, 0));
    }

    @Test
    void minusOneDisablesBothLimits() {
        assertEquals(0, Retention.segmentsToDelete(SEALED, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, -1, -1));
    }

    // ------------------------------------------------------------------ on a real log

    @TempDir
    Path dir;

    @Test
    void retentionMsDeletesSegmentsWhoseNewestRecordIsOlderThanItByTheLogsClock() {
        LogFixtures.MutableClock clock = new LogFixtures.MutableClock(LogFixtures.timestampAt(0));
        LogConfig config = PartitionLogTest.SMALL.with("retention.ms", 60_000).with("retention.bytes", -1);
        try (PartitionLog log = PartitionLog.open(dir, config, clock, null);
             RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            for (int i = 0; i < 300; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 10)); // timestamps 1_000_000 + offset
            }
            List<Long> segments = log.segmentBaseOffsets();
            assertTrue(segments.size() >= 4, "segments " + segments);
            long newestInSecond = segments.get(2) - 1;

            // The first segment's newest record is exactly retention.ms old: not past it yet.
            clock.advance(LogFixtures.timestampAt(segments.get(1) - 1) + 60_000 - clock.millis());
            assertEquals(0, log.applyRetention());
            clock.advance(1);
            assertEquals(1, log.applyRetention());

            // Move the clock so the first two segments' newest records are just past retention.
            long now = LogFixtures.timestampAt(newestInSecond) + 60_001;
            clock.advance(now - clock.millis());
            assertEquals(1, log.applyRetention());
            assertEquals(segments.get(2), log.logStartOffset());
            assertEquals(segments.subList(2, segments.size()), log.segmentBaseOffsets());
            assertThrows(OffsetOutOfRangeException.class, () -> log.read(0, 100));
            assertEquals(log.logEndOffset() - segments.get(2), LogFixtures.verifyDerived(log, segments.get(2)));

            clock.advance(365L * 24 * 3600 * 1000);
            assertEquals(segments.size() - 3, log.applyRetention());
            assertEquals(1, log.segmentCount(), "the active segment is never deleted");
            assertEquals(log.segmentBaseOffsets().get(0), log.logStartOffset());
        }
        try (PartitionLog log = PartitionLog.open(dir, config, clock, null)) {
            assertEquals(log.segmentBaseOffsets().get(0), log.logStartOffset(), "the start survives a restart");
        }
    }

    @Test
    void segmentMsRollsTheActiveSegmentByTheLogsClockSoRetentionCanDeleteIt() {
        LogFixtures.MutableClock clock = new LogFixtures.MutableClock(5_000_000);
        LogConfig config = PartitionLogTest.SMALL.with("segment.ms", 10_000).with("retention.ms", 1).with("retention.bytes", -1);
        try (PartitionLog log = PartitionLog.open(dir, config, clock, null);
             RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            log.append(LogFixtures.derivedBatch(b, 0, 10));
            clock.advance(9_999);
            log.append(LogFixtures.derivedBatch(b, 10, 10));
            assertEquals(1, log.segmentCount());
            clock.advance(1);
            log.append(LogFixtures.derivedBatch(b, 20, 10));
            assertEquals(List.of(0L, 20L), log.segmentBaseOffsets());
            assertEquals(1, log.applyRetention());
            assertEquals(20, log.logStartOffset());
        }
    }

    @Test
    void retentionBytesKeepsAtLeastTheLimitAndLessThanOneSegmentMoreAsKafkaDoes() {
        LogConfig config = PartitionLogTest.SMALL.with("retention.ms", -1).with("retention.bytes", 200_000);
        try (PartitionLog log = PartitionLog.open(dir, config, new LogFixtures.MutableClock(0), null);
             RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            for (int i = 0; i < 3000; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 10));
            }
            long before = log.sizeInBytes();
            assertTrue(before > 400_000);
            assertTrue(log.applyRetention() > 0);
            assertTrue(log.sizeInBytes() >= 200_000, "size " + log.sizeInBytes());
            assertTrue(log.sizeInBytes() < 200_000 + config.segmentBytes(), "size " + log.sizeInBytes());
            assertEquals(0, log.applyRetention(), "a second pass finds nothing more");
        }
    }

}
