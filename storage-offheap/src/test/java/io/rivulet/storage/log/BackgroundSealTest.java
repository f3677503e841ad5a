package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolled segments are sealed (fsync, trim) and deleted segments unlinked on the log's executor,
 * here one the test drives by hand, and a crash in between loses nothing. A crash is simulated by
 * copying the log directory while the log is open and idle: the copy holds what the page cache
 * holds, which is what a killed process leaves behind.
 */
class BackgroundSealTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", "8192",
            "segment.index.bytes", "4096",
            "index.interval.bytes", "512",
            "max.message.bytes", "8192",
            "preallocate", "0",
            "retention.ms", "-1"));

    @TempDir
    Path root;

    private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();

    @Test
    void aRollReturnsBeforeItsSegmentIsSyncedAndTheSealCompletesInTheBackground() throws IOException {
        Path dir = root.resolve("p");
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), jobs::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 2);
            long second = log.segmentBaseOffsets().get(1);
            assertEquals(CONFIG.segmentBytes(), Files.size(SegmentFiles.log(dir, 0)), "not trimmed yet");
            assertEquals(0, recoveryPoint(dir), "not sealed yet");
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0), "read through the writable mapping");

            runJobs();
            assertTrue(Files.size(SegmentFiles.log(dir, 0)) < CONFIG.segmentBytes(), "trimmed to its batches");
            assertEquals(second, recoveryPoint(dir));
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0), "read through a read-only mapping");
        }
    }

    @Test
    void recoveryValidatesAndSealsSegmentsWhoseSealHadNotRun() throws IOException {
        Path dir = root.resolve("p");
        Path image = root.resolve("crashed");
        long end;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), jobs::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 3);
            end = log.logEndOffset();
            copyDirectory(dir, image);
        }
        List<Long> bases;
        try (PartitionLog log = PartitionLog.open(image, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            assertFalse(log.recoveredCleanly());
            assertEquals(2, log.recoveryResealedSegments());
            assertEquals(0, log.recoveryTruncatedBytes());
            assertEquals(end, log.logEndOffset());
            assertEquals(end, LogFixtures.verifyDerived(log, 0));
            bases = log.segmentBaseOffsets();
            assertEquals(bases.get(2), recoveryPoint(image));
            for (long base : bases.subList(0, 2)) {
                assertTrue(Files.size(SegmentFiles.log(image, base)) < CONFIG.segmentBytes(), "sealed: " + base);
            }
            log.append(LogFixtures.derivedBatch(b, end, 4));
        }
        try (PartitionLog log = PartitionLog.open(image, CONFIG)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(bases, log.segmentBaseOffsets());
            assertEquals(end + 4, LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void recoveryCutsTheLogWhereAnUnsealedSegmentLostItsTail() throws IOException {
        Path dir = root.resolve("p");
        Path image = root.resolve("power-lost");
        long lostBatchBase;
        long second;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), jobs::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 2);
            second = log.segmentBaseOffsets().get(1);
            int lostAt;
            try (LogSlice last = log.read(second - 1, 1)) {
                lostBatchBase = last.batches().next().baseOffset();
                lostAt = last.position();
            }
            copyDirectory(dir, image);
            // Power loss took the unsynced tail of segment 0: its last batch never reached the disk.
            try (RandomAccessFile f = new RandomAccessFile(SegmentFiles.log(image, 0).toFile(), "rw")) {
                f.seek(lostAt);
                f.write(new byte[(int) (f.length() - lostAt)]);
            }
        }
        try (PartitionLog log = PartitionLog.open(image, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            assertEquals(lostBatchBase, log.logEndOffset(), "the log ends where segment 0's valid batches end");
            assertEquals(List.of(0L), log.segmentBaseOffsets(), "a log cannot have a hole: later segments go");
            assertFalse(Files.exists(SegmentFiles.log(image, second)));
            assertTrue(log.recoveryTruncatedBytes() > 0);
            assertEquals(lostBatchBase, LogFixtures.verifyDerived(log, 0));
            log.append(LogFixtures.derivedBatch(b, lostBatchBase, 5));
            assertEquals(lostBatchBase + 5, LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void aRollWaitsForPendingSealsOnlyBeyondTheBound() throws IOException {
        Path dir = root.resolve("p");
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), jobs::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 1 + RolledSegments.MAX_PENDING_SEALS);
            List<Long> bases = log.segmentBaseOffsets();
            for (long base : bases.subList(0, RolledSegments.MAX_PENDING_SEALS)) {
                assertEquals(CONFIG.segmentBytes(), Files.size(SegmentFiles.log(dir, base)), "still pending: " + base);
            }
            appendUntilSegments(log, b, 2 + RolledSegments.MAX_PENDING_SEALS);
            for (long base : bases.subList(0, RolledSegments.MAX_PENDING_SEALS)) {
                assertTrue(Files.size(SegmentFiles.log(dir, base)) < CONFIG.segmentBytes(),
                        "the roll past the bound sealed " + base + " on the writer");
            }
            long newest = bases.get(RolledSegments.MAX_PENDING_SEALS);
            assertEquals(CONFIG.segmentBytes(), Files.size(SegmentFiles.log(dir, newest)), "its own seal waits");
        }
    }

    @Test
    void closeRunsTheSealsTheExecutorNeverRan() throws IOException {
        Path dir = root.resolve("p");
        long end;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), jobs::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 2);
            end = log.logEndOffset();
        }
        assertTrue(Files.size(SegmentFiles.log(dir, 0)) < CONFIG.segmentBytes());
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(end, LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void retentionRenamesFilesAtOnceUnlinksThemInTheBackgroundAndRecoveryRemovesLeftovers() throws IOException {
        Path dir = root.resolve("p");
        Path image = root.resolve("crashed");
        LogConfig config = CONFIG.with("retention.bytes", 3 * 8192);
        long start;
        try (PartitionLog log = PartitionLog.open(dir, config, Clock.systemUTC(), jobs::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 6);
            runJobs();
            assertTrue(log.applyRetention() > 0);
            start = log.logStartOffset();
            assertFalse(Files.exists(SegmentFiles.log(dir, 0)), "renamed away at once");
            assertTrue(Files.exists(SegmentFiles.deleted(SegmentFiles.log(dir, 0))), "unlinked later");
            assertEquals(start, log.segmentBaseOffsets().get(0));
            assertEquals(log.logEndOffset() - start, LogFixtures.verifyDerived(log, start));
            copyDirectory(dir, image);
            runJobs();
            assertEquals(List.of(), markedDeleted(dir));
        }
        assertFalse(markedDeleted(image).isEmpty());
        try (PartitionLog log = PartitionLog.open(image, config)) {
            assertEquals(List.of(), markedDeleted(image), "recovery removes what the delete left");
            assertEquals(start, log.logStartOffset());
            assertEquals(log.logEndOffset() - start, LogFixtures.verifyDerived(log, start));
        }
    }

    @Test
    void aSegmentDeletedBeforeItsSealRanIsNeitherWaitedForNorSynced() throws IOException {
        Path dir = root.resolve("p");
        Path image = root.resolve("crashed");
        long second;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), jobs::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 2);
            second = log.segmentBaseOffsets().get(1);
            log.deleteBefore(second + 1); // returns with the seal of segment 0 still queued
            assertEquals(List.of(second), log.segmentBaseOffsets());
            Path renamed = SegmentFiles.deleted(SegmentFiles.log(dir, 0));
            assertTrue(Files.exists(renamed), "renamed at once");
            assertEquals(CONFIG.segmentBytes(), Files.size(renamed), "never trimmed: its seal is skipped");
            assertEquals(second + 1, OffsetCheckpoint.read(dir, OffsetCheckpoint.LOG_START, -1), "persisted at once");
            copyDirectory(dir, image);
            runJobs();
            assertEquals(List.of(), markedDeleted(dir));
            assertFalse(log.isOffline());
            assertEquals(second, recoveryPoint(dir), "the skipped seal still moves the recovery point past it");
        }
        try (PartitionLog log = PartitionLog.open(image, CONFIG)) {
            assertEquals(0, log.recoveryResealedSegments());
            assertEquals(List.of(), markedDeleted(image));
            assertEquals(second + 1, log.logStartOffset());
            assertEquals(log.logEndOffset() - second - 1, LogFixtures.verifyDerived(log, second + 1));
        }
    }

    @Test
    void segmentsWhollyBelowTheLogStartAreRemovedOnOpen() throws IOException {
        Path dir = root.resolve("p");
        List<Long> bases;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            appendUntilSegments(log, b, 4);
            bases = log.segmentBaseOffsets();
        }
        // What a deleteBefore leaves if the process dies after moving the start and before the renames.
        OffsetCheckpoint.write(dir, OffsetCheckpoint.LOG_START, bases.get(2) + 1);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(bases.subList(2, bases.size()), log.segmentBaseOffsets());
            assertFalse(Files.exists(SegmentFiles.log(dir, bases.get(1))));
            assertEquals(bases.get(2) + 1, log.logStartOffset());
        }
    }

    private void appendUntilSegments(PartitionLog log, RecordBatchBuilder b, int segments) {
        while (log.segmentCount() < segments) {
            log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 3));
        }
    }

    private void runJobs() {
        while (!jobs.isEmpty()) {
            jobs.poll().run();
        }
    }

    private static long recoveryPoint(Path dir) {
        return OffsetCheckpoint.read(dir, OffsetCheckpoint.RECOVERY_POINT, -1);
    }

    private static List<Path> markedDeleted(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(SegmentFiles::isDeleted).toList();
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
