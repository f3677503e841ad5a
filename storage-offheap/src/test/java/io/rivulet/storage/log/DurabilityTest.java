package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rivulet.storage.LogClosedException;
import io.rivulet.storage.LogIOException;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flush policies. An fsync cannot be observed from inside the process, so these tests make it
 * observable by removing a file the fsync opens: the append that is due to flush then reports the
 * I/O error, and an append that is not due does not.
 */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void flushMessagesOneFsyncsOnEveryAppend() throws IOException {
        LogConfig config = PartitionLogTest.SMALL.with("flush.messages", 1);
        PartitionLog log = PartitionLog.open(dir, config);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            for (int i = 0; i < 500; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 3)); // rolls several times
            }
            assertEquals(1500, LogFixtures.verifyDerived(log, 0));
            removeActiveTimeIndexFile(log);
            assertThrows(LogIOException.class, () -> log.append(LogFixtures.derivedBatch(b, 1500, 1)));
            assertThrows(LogIOException.class, log::flush);
        } finally {
            closeWithoutMarker(log);
        }
    }

    @Test
    void theDefaultPolicyDoesNotFsyncOnAppend() throws IOException {
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
            removeActiveTimeIndexFile(log);
            log.append(LogFixtures.derivedBatch(b, 3, 3));
            assertEquals(6, LogFixtures.verifyDerived(log, 0));
            assertThrows(LogIOException.class, log::flush, "an explicit flush still fsyncs");
        } finally {
            closeWithoutMarker(log);
        }
    }

    @Test
    void flushMsFsyncsOnTheFirstAppendAfterTheIntervalByTheLogsClock() throws IOException {
        LogFixtures.MutableClock clock = new LogFixtures.MutableClock(1_000);
        LogConfig config = PartitionLogTest.SMALL.with("flush.ms", 5_000);
        PartitionLog log = PartitionLog.open(dir, config, clock, null);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 3));
            removeActiveTimeIndexFile(log);
            clock.advance(4_999);
            log.append(LogFixtures.derivedBatch(b, 3, 3));
            log.flushIfDue();
            clock.advance(1);
            assertThrows(LogIOException.class, log::flushIfDue);
        } finally {
            closeWithoutMarker(log);
        }
    }

    @Test
    void flushAfterCloseIsRefused() {
        PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
        log.close();
        assertThrows(LogClosedException.class, log::flush);
    }

    /** Close fsyncs too, so it fails the same way: it must still unmap everything and write no marker. */
    private void closeWithoutMarker(PartitionLog log) {
        assertThrows(LogIOException.class, log::close);
        assertFalse(Files.exists(dir.resolve(LogRecovery.CLEAN_SHUTDOWN)));
        log.close(); // idempotent
        assertEquals(List.of(), LogFixtures.mappedFilesUnder(dir), "nothing left mapped");
    }

    /** Unlinks the active segment's time index (the mapping stays valid), so the next fsync fails. */
    private void removeActiveTimeIndexFile(PartitionLog log) throws IOException {
        List<Long> bases = log.segmentBaseOffsets();
        Files.delete(SegmentFiles.timeIndex(dir, bases.get(bases.size() - 1)));
    }
}
