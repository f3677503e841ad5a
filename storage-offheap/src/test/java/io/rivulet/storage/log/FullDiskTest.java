package io.rivulet.storage.log;

import io.rivulet.storage.StorageFullException;
import io.rivulet.storage.TmpfsMount;
import io.rivulet.storage.batch.RecordBatchBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full disk refuses appends with StorageFullException before writing anything, keeps reads, and recovers. */
class FullDiskTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(1 << 20),
            "segment.index.bytes", String.valueOf(64 * 1024),
            "max.message.bytes", String.valueOf(64 * 1024)));

    @TempDir
    Path tmp;

    @Test
    void aFullDiskRefusesAppendsCleanlyKeepsReadsAndRecoversWhenSpaceReturns() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (TmpfsMount fs = TmpfsMount.of(tmp.resolve("fs"), 8 << 20)) {
            Path filler = fs.fill("filler", 4 << 20);
            Path dir = fs.dir().resolve("log");
            long appended;
            try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), executor);
                 RecordBatchBuilder b = new RecordBatchBuilder(16 * 1024)) {
                StorageFullException full = null;
                for (int i = 0; i < 100_000 && full == null; i++) {
                    long end = log.logEndOffset();
                    try {
                        log.append(LogFixtures.derivedBatch(b, end, 20));
                    } catch (StorageFullException e) {
                        full = e;
                        assertEquals(end, log.logEndOffset(), "a refused append changes nothing");
                    }
                }
                assertTrue(full != null, "the 8 MiB file system filled up");
                assertFalse(log.isOffline(), "a refused append does not take the log offline: " + log.offlineCause());
                appended = log.logEndOffset();
                assertTrue(appended > 0);
                assertEquals(appended, LogFixtures.verifyDerived(log, 0), "everything appended reads back");
                assertThrows(StorageFullException.class, () -> log.append(LogFixtures.derivedBatch(b, appended, 20)));

                Files.delete(filler); // space returns
                for (int i = 0; i < 50; i++) {
                    log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 20));
                }
                assertEquals(appended + 50 * 20, LogFixtures.verifyDerived(log, 0));
            }
            try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
                assertEquals(appended + 50 * 20, LogFixtures.verifyDerived(log, 0), "and all of it survives a restart");
            }
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskRefusesInPlaceAppendsBeforeTheEncoderRuns() throws Exception {
        try (TmpfsMount fs = TmpfsMount.of(tmp.resolve("fs"), 8 << 20)) {
            Path filler = fs.fill("filler", 4 << 20);
            Path dir = fs.dir().resolve("log");
            DerivedEncoder encoder = new DerivedEncoder();
            long appended;
            try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
                StorageFullException full = null;
                for (int i = 0; i < 100_000 && full == null; i++) {
                    long end = log.logEndOffset();
                    long size = log.sizeInBytes();
                    try {
                        log.appendInPlace(16 * 1024, encoder.of(end, 20));
                    } catch (StorageFullException e) {
                        full = e;
                        assertEquals(end, log.logEndOffset(), "a refused append changes nothing");
                        assertEquals(size, log.sizeInBytes());
                        assertEquals(0, encoder.taken(), "the encoder never ran");
                    }
                }
                assertTrue(full != null, "the 8 MiB file system filled up");
                assertFalse(log.isOffline(), "a refused append does not take the log offline: " + log.offlineCause());
                appended = log.logEndOffset();
                assertEquals(appended, LogFixtures.verifyDerived(log, 0), "everything appended reads back");

                Files.delete(filler); // space returns
                for (int i = 0; i < 50; i++) {
                    log.appendInPlace(16 * 1024, encoder.of(log.logEndOffset(), 20));
                }
                assertEquals(appended + 50 * 20, LogFixtures.verifyDerived(log, 0));
            }
            try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
                assertEquals(appended + 50 * 20, LogFixtures.verifyDerived(log, 0), "and all of it survives a restart");
            }
        }
    }
}
