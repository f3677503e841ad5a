package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The next segment file is prepared in the background and renamed into place on roll. */
class PreallocationTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(64 * 1024),
            "segment.index.bytes", "4096",
            "index.interval.bytes", "1024",
            "max.message.bytes", "16384"));

    @TempDir
    Path dir;
    ExecutorService executor;

    @BeforeEach
    void startExecutor() {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "rivulet-prealloc-test"));
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aRollRenamesThePreparedFileIntoPlaceAndPreparesTheNext() throws Exception {
        Path prealloc = dir.resolve(NextSegment.FILE_NAME);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            idle();
            assertTrue(Files.exists(prealloc), "prepared on open");
            assertEquals(CONFIG.segmentBytes(), Files.size(prealloc));
            Object preparedInode = inode(prealloc);

            log.append(LogFixtures.derivedBatch(b, 0, 5));
            log.roll();
            Path rolled = SegmentFiles.log(dir, 5);
            assertTrue(Files.exists(rolled));
            assertEquals(preparedInode, inode(rolled), "the new segment is the prepared file");

            idle();
            assertTrue(Files.exists(prealloc), "the next one is prepared after the roll");
            assertNotEquals(preparedInode, inode(prealloc));

            log.append(LogFixtures.derivedBatch(b, 5, 5));
            assertEquals(10, LogFixtures.verifyDerived(log, 0));
        }
        assertFalse(Files.exists(prealloc), "close removes the prepared file");
        assertEquals(java.util.List.of(), LogFixtures.mappedFilesUnder(dir), "and unmaps it, and every segment");
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(10, LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void rollsBySizeUseThePreparedFiles() throws Exception {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            for (int i = 0; i < 2000; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 5));
                if (i % 100 == 0) {
                    idle();
                }
            }
            assertTrue(log.segmentCount() > 3);
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void aRollBeforeThePreparationRanCreatesTheSegmentInPlace() throws IOException {
        ArrayDeque<Runnable> pending = new ArrayDeque<>();
        Path prealloc = dir.resolve(NextSegment.FILE_NAME);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), pending::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            assertEquals(1, pending.size(), "the preparation");
            log.append(LogFixtures.derivedBatch(b, 0, 5));
            log.roll();
            assertTrue(Files.exists(SegmentFiles.log(dir, 5)));
            assertFalse(Files.exists(prealloc));
            assertEquals(2, pending.size(), "the first preparation, still not run (one at a time), and the seal");
            runAll(pending);
            assertTrue(Files.exists(prealloc));
            log.append(LogFixtures.derivedBatch(b, 5, 5));
            log.roll();
            assertFalse(Files.exists(prealloc), "the next roll took it");
            assertEquals(2, pending.size(), "the next preparation and the seal");
            runAll(pending);
            assertEquals(10, LogFixtures.verifyDerived(log, 0));
        }
        assertFalse(Files.exists(prealloc));
    }

    private static void runAll(ArrayDeque<Runnable> pending) {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    /** Waits until the single-thread executor has run everything submitted so far. */
    private void idle() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino");
    }
}
