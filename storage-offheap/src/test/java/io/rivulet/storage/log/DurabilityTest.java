package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.LogClosedException;
import io.rivulet.storage.LogIOException;
import io.rivulet.storage.LogOfflineException;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flush policies, and what a failed fsync does. An fsync cannot be observed from inside the
 * process, so these tests make it observable by removing a file the fsync opens.
 *
 * <p>The rule under test: an append that already wrote its batch never fails because of the fsync
 * that followed it (the caller would retry and duplicate the batch); the log goes offline instead,
 * and the next write says so.
 */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void aFailedFsyncAfterAnAppendKeepsThatAppendAndTakesTheLogOffline() throws IOException {
        LogConfig config = PartitionLogTest.SMALL.with("flush.messages", 1);
        PartitionLog log = PartitionLog.open(dir, config);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            for (int i = 0; i < 500; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 3)); // rolls several times
            }
            assertEquals(1500, LogFixtures.verifyDerived(log, 0));
            assertFalse(log.isOffline());
            removeActiveTimeIndexFile(log);

            AppendResult written = assertDoesNotThrow(() -> log.append(LogFixtures.derivedBatch(b, 1500, 2)),
                    "the batch is in the log: failing now would make the caller append it twice");
            assertEquals(1500, written.firstOffset());
            assertEquals(1502, log.logEndOffset());
            assertTrue(log.isOffline());
            assertInstanceOf(LogIOException.class, log.offlineCause());

            LogOfflineException next = assertThrows(LogOfflineException.class,
                    () -> log.append(LogFixtures.derivedBatch(b, 1502, 1)));
            assertSame(log.offlineCause(), next.failure());
            assertTrue(next.getMessage().contains(dir.getFileName().toString()) && next.getMessage().contains("reopen"),
                    next.getMessage());
            assertEquals(1502, log.logEndOffset(), "nothing appended after the failure");
            assertThrows(LogOfflineException.class, log::flush);
            assertThrows(LogOfflineException.class, log::roll);
            assertThrows(LogOfflineException.class, () -> log.truncateTo(10));
            assertEquals(1502, LogFixtures.verifyDerived(log, 0), "reads keep working");
        }
        closeOfflineLog(log);
        try (PartitionLog reopened = PartitionLog.open(dir, config); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            assertFalse(reopened.recoveredCleanly(), "an offline log is re-validated on open");
            assertEquals(1502, LogFixtures.verifyDerived(reopened, 0));
            reopened.append(LogFixtures.derivedBatch(b, 1502, 3));
            assertEquals(1505, LogFixtures.verifyDerived(reopened, 0));
        }
    }

    @Test
    void flushMsFsyncsInsideTheFirstAppendAfterTheIntervalAndAFailureThereIsReportedNext() throws IOException {
        LogFixtures.MutableClock clock = new LogFixtures.MutableClock(1_000);
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL.with("flush.ms", 5_000), clock, null);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
            removeActiveTimeIndexFile(log);
            clock.advance(4_999);
            log.append(LogFixtures.derivedBatch(b, 3, 3));
            assertFalse(log.isOffline(), "not due yet: no fsync");
            clock.advance(1);
            log.append(LogFixtures.derivedBatch(b, 6, 3));
            assertTrue(log.isOffline(), "due: the append fsynced, and it failed");
            assertEquals(9, LogFixtures.verifyDerived(log, 0));
            assertThrows(LogOfflineException.class, () -> log.append(LogFixtures.derivedBatch(b, 9, 3)));
        }
        closeOfflineLog(log);
    }

    @Test
    void theEnginesFlusherReportsAFailedFsyncItself() throws IOException {
        LogFixtures.MutableClock clock = new LogFixtures.MutableClock(1_000);
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL.with("flush.ms", 5_000), clock, null);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
            removeActiveTimeIndexFile(log);
            clock.advance(4_999);
            log.flushIfDue();
            assertFalse(log.isOffline());
            clock.advance(1);
            LogIOException e = assertThrows(LogIOException.class, log::flushIfDue, "it wrote nothing: it may throw");
            assertFalse(e instanceof LogOfflineException, "the first report is the I/O error itself");
            assertTrue(log.isOffline());
        }
        closeOfflineLog(log);
    }

    @Test
    void flushMessagesFsyncsOnlyOnceThatManyRecordsAreUnflushed() throws IOException {
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL.with("flush.messages", 10));
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
            removeActiveTimeIndexFile(log); // from now on an fsync fails, and so shows
            log.append(LogFixtures.derivedBatch(b, 3, 3));
            log.append(LogFixtures.derivedBatch(b, 6, 3));
            assertFalse(log.isOffline(), "9 unflushed records: no fsync yet");
            AppendResult tenth = assertDoesNotThrow(() -> log.append(LogFixtures.derivedBatch(b, 9, 1)));
            assertEquals(9, tenth.firstOffset());
            assertTrue(log.isOffline(), "the 10th record's append fsynced");
            assertEquals(10, LogFixtures.verifyDerived(log, 0));
        }
        closeOfflineLog(log);
    }

    @Test
    void theDefaultPolicyDoesNotFsyncOnAppendButAnExplicitFlushDoes() throws IOException {
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
            removeActiveTimeIndexFile(log);
            log.append(LogFixtures.derivedBatch(b, 3, 3));
            assertFalse(log.isOffline());
            assertEquals(6, LogFixtures.verifyDerived(log, 0));
            LogIOException e = assertThrows(LogIOException.class, log::flush);
            assertFalse(e instanceof LogOfflineException);
            assertSame(e, log.offlineCause());
            assertThrows(LogOfflineException.class, () -> log.append(LogFixtures.derivedBatch(b, 6, 3)));
        }
        closeOfflineLog(log);
    }

    @Test
    void aFailedBackgroundSealTakesTheLogOfflineWithoutFailingAnyAppend() throws IOException {
        ArrayDeque<Runnable> background = new ArrayDeque<>();
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL.with("preallocate", 0), Clock.systemUTC(),
                background::add);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 5));
            Files.delete(SegmentFiles.log(dir, 0)); // the seal's fsync of segment 0 will fail
            log.roll();
            log.append(LogFixtures.derivedBatch(b, 5, 5));
            assertFalse(log.isOffline(), "the seal has not run yet");
            background.poll().run();
            assertTrue(log.isOffline());
            assertTrue(log.offlineCause().getMessage().contains("seal segment 0"), log.offlineCause().getMessage());
            assertThrows(LogOfflineException.class, () -> log.append(LogFixtures.derivedBatch(b, 10, 5)));
            assertEquals(10, LogFixtures.verifyDerived(log, 0), "the mapping outlives the unlinked file");
        }
        closeOfflineLog(log);
    }

    @Test
    void aCloseWhoseFsyncFailsThrowsOnceLeavesNoMarkerAndUnmapsEverything() throws IOException {
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
        }
        removeActiveTimeIndexFile(log);
        assertThrows(LogIOException.class, log::close, "the first report of the failure");
        assertFalse(Files.exists(dir.resolve(LogRecovery.CLEAN_SHUTDOWN)));
        assertDoesNotThrow(log::close, "idempotent");
        assertEquals(List.of(), LogFixtures.mappedFilesUnder(dir), "nothing left mapped");
    }

    @Test
    void flushOnAnInterruptedThreadStillSyncsAndKeepsTheInterrupt() {
        try (PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
            Thread.currentThread().interrupt();
            try {
                assertDoesNotThrow(log::flush, "an interrupt is not a disk error");
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
            } finally {
                Thread.interrupted();
            }
            assertFalse(log.isOffline());
            assertNull(log.offlineCause());
        }
    }

    @Test
    void flushAfterCloseIsRefused() {
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
        log.close();
        assertThrows(LogClosedException.class, log::flush);
    }

    /** An offline log closes quietly (its failure was reported), writes no marker, and unmaps everything. */
    private void closeOfflineLog(PartitionLog log) {
        assertDoesNotThrow(log::close);
        assertFalse(Files.exists(dir.resolve(LogRecovery.CLEAN_SHUTDOWN)));
        assertEquals(List.of(), LogFixtures.mappedFilesUnder(dir), "nothing left mapped");
    }

    /** Unlinks the active segment's time index (the mapping stays valid), so the next fsync fails. */
    private void removeActiveTimeIndexFile(PartitionLog log) throws IOException {
        List<Long> bases = log.segmentBaseOffsets();
        Files.delete(SegmentFiles.timeIndex(dir, bases.get(bases.size() - 1)));
    }
}
