package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.Segment;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
    /** Segments large enough for pages to be faulted in ahead of the writer, a lead and more from the end. */
    static final LogConfig LARGE = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(16 * Segment.RESERVE_AHEAD),
            "max.message.bytes", "1048576"));

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
    void theNextFileIsPreparedOnceTheActiveSegmentIsHalfFullAndARollRenamesItIntoPlace() throws Exception {
        Path prealloc = dir.resolve(NextSegment.FILE_NAME);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            idle();
            assertFalse(Files.exists(prealloc), "an empty log prepares nothing (a new topic writes no zeros)");
            fillPastHalf(log, b);
            idle();
            assertTrue(Files.exists(prealloc), "prepared once the active segment is half full");
            assertEquals(CONFIG.segmentBytes(), Files.size(prealloc));
            Object preparedInode = inode(prealloc);

            long end = log.logEndOffset();
            log.roll();
            Path rolled = SegmentFiles.log(dir, end);
            assertTrue(Files.exists(rolled));
            assertEquals(preparedInode, inode(rolled), "the new segment is the prepared file");
            idle();
            assertFalse(Files.exists(prealloc), "the next one waits until the new segment is half full");

            fillPastHalf(log, b);
            idle();
            assertTrue(Files.exists(prealloc));
            assertNotEquals(preparedInode, inode(prealloc));
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
        assertFalse(Files.exists(prealloc), "close removes the prepared file");
        assertEquals(java.util.List.of(), LogFixtures.mappedFilesUnder(dir), "and unmaps it, and every segment");
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
    }

    private static void fillPastHalf(PartitionLog log, RecordBatchBuilder b) {
        int segments = log.segmentCount();
        long start = log.sizeInBytes();
        while (log.sizeInBytes() - start < CONFIG.segmentBytes() / 2 + 1024) {
            log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 5));
        }
        assertEquals(segments, log.segmentCount(), "still in one segment");
    }

    @Test
    void theNextFileIsTouchedInStepWithTheWriterNotAllAtOnce() throws Exception {
        int capacity = 4 << 20;
        LogConfig config = LogConfig.from(Map.of("segment.bytes", String.valueOf(capacity),
                "max.message.bytes", "65536"));
        byte[] value = new byte[16 * 1024];
        try (PartitionLog log = PartitionLog.open(dir, config, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
            while (log.sizeInBytes() < capacity * 6L / 10) {
                log.append(batchOf(b, value));
            }
            idle();
            long touched = log.nextSegmentTouched();
            assertTrue(touched > 0 && touched <= capacity / 3,
                    "60% full: about a quarter of the next file touched, not all of it, but " + touched);
            assertEquals(capacity, Files.size(dir.resolve(NextSegment.FILE_NAME)), "its blocks all reserved");
            while (log.sizeInBytes() < capacity * 9L / 10) {
                log.append(batchOf(b, value));
            }
            idle();
            assertEquals(capacity, log.nextSegmentTouched(), "90% full: all of it");
            Object preparedInode = inode(dir.resolve(NextSegment.FILE_NAME));
            while (log.segmentCount() == 1) {
                log.append(batchOf(b, value));
            }
            assertEquals(preparedInode, inode(SegmentFiles.log(dir, log.activeSegmentBaseOffset())),
                    "the roll took the prepared file");
        }
    }

    @Test
    void theTouchingGoesGentlyWhileItIsOnScheduleAndAtFullSpeedWhenItFallsBehind() {
        int capacity = 4 << 20;
        LogConfig config = LogConfig.from(Map.of("segment.bytes", String.valueOf(capacity),
                "max.message.bytes", "65536"));
        ArrayDeque<Runnable> pending = new ArrayDeque<>();
        byte[] value = new byte[16 * 1024];
        try (PartitionLog log = PartitionLog.open(dir, config, Clock.systemUTC(), pending::add);
             RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
            while (log.sizeInBytes() < capacity / 2) {
                log.append(batchOf(b, value));
            }
            assertEquals(1, pending.size(), "half full: the touching is asked for");
            runAll(pending);
            log.append(batchOf(b, value));
            assertTrue(log.nextSegmentTouched() >= NextSegment.due(log.sizeInBytes(), capacity));
            assertTrue(log.nextSegmentGentle(), "on schedule: gently");
            while (log.sizeInBytes() < capacity * 6L / 10) { // the job has not run: the writer leaves it behind
                log.append(batchOf(b, value));
            }
            assertFalse(log.nextSegmentGentle(), "short of what is due by now: at full speed");
            runAll(pending);
            log.append(batchOf(b, value));
            assertTrue(log.nextSegmentTouched() >= NextSegment.due(log.sizeInBytes(), capacity));
            assertTrue(log.nextSegmentGentle(), "caught up: gently again");
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
            assertEquals(0, pending.size(), "nothing to prepare yet");
            fillPastHalf(log, b);
            assertEquals(1, pending.size(), "the preparation");
            long end = log.logEndOffset();
            log.roll();
            assertTrue(Files.exists(SegmentFiles.log(dir, end)));
            assertFalse(Files.exists(prealloc));
            assertEquals(2, pending.size(), "the first preparation, still not run (one at a time), and the seal");
            runAll(pending);
            assertTrue(Files.exists(prealloc));
            long end2 = log.logEndOffset() + 5;
            log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 5));
            log.roll();
            assertTrue(Files.exists(SegmentFiles.log(dir, end2)));
            assertFalse(Files.exists(prealloc), "the next roll took it");
            assertEquals(1, pending.size(), "the seal; the new segment is not half full yet");
            runAll(pending);
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
        assertFalse(Files.exists(prealloc));
    }

    private static void runAll(ArrayDeque<Runnable> pending) {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    @Test
    void aColdSegmentIsFaultedInAheadOfItsWriterByNoMoreThanTheLead() throws Exception {
        byte[] value = new byte[64 * 1024];
        try (PartitionLog log = PartitionLog.open(dir, LARGE, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(1 << 20)) {
            log.append(batchOf(b, value));
            idle();
            assertAheadOfTheWriter(log);
            List<Long> offsets = new ArrayList<>();
            while (log.sizeInBytes() < 3 * Segment.RESERVE_AHEAD) {
                offsets.add(log.append(batchOf(b, value)).firstOffset());
            }
            idle();
            assertAheadOfTheWriter(log);
            assertFalse(Files.exists(dir.resolve(NextSegment.FILE_NAME)), "below half full: nothing prepared");
            assertEquals(1, log.segmentCount(), "a cold segment is kept, not left early");
            for (long offset : offsets) { // faulting in changed no byte the writer wrote
                try (LogSlice slice = log.read(offset, 1)) {
                    assertEquals(offset, slice.batches().next().baseOffset());
                }
            }
        }
    }

    @Test
    void aReopenedSegmentIsColdToo() throws Exception {
        byte[] value = new byte[64 * 1024];
        try (PartitionLog log = PartitionLog.open(dir, LARGE); RecordBatchBuilder b = new RecordBatchBuilder(1 << 20)) {
            while (log.sizeInBytes() < Segment.RESERVE_AHEAD) { // no executor: nothing faulted in ahead
                log.append(batchOf(b, value));
            }
            assertEquals(0, log.touchedAhead());
        }
        try (PartitionLog log = PartitionLog.open(dir, LARGE, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(1 << 20)) {
            log.append(batchOf(b, value));
            idle();
            assertAheadOfTheWriter(log);
        }
    }

    @Test
    void aSegmentRolledBeforeItsSuccessorWasReadyIsColdToo() throws Exception {
        byte[] value = new byte[64 * 1024];
        try (PartitionLog log = PartitionLog.open(dir, LARGE, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(1 << 20)) {
            log.append(batchOf(b, value));
            idle();
            long rolledSize = log.sizeInBytes();
            log.roll(); // far below half full: no successor was prepared
            log.append(batchOf(b, value));
            idle();
            assertEquals(2, log.segmentCount());
            assertAheadOfTheWriter(log, log.sizeInBytes() - rolledSize);
        }
    }

    /** Faulted in as far as the lead and the reserved blocks allow, and no further. */
    private static void assertAheadOfTheWriter(PartitionLog log) {
        assertAheadOfTheWriter(log, log.sizeInBytes()); // one segment
    }

    /** As above, for an active segment of {@code size} bytes. */
    private static void assertAheadOfTheWriter(PartitionLog log, long size) {
        long touched = log.touchedAhead();
        assertTrue(touched >= size + Segment.RESERVE_AHEAD / 2, "ahead of the writer at " + size + ": " + touched);
        assertTrue(touched <= size + Segment.RESERVE_AHEAD, "no further than the lead from " + size + ": " + touched);
    }

    private static io.rivulet.storage.batch.RecordBatch batchOf(RecordBatchBuilder b, byte[] value) {
        b.reset();
        b.append(0L, null, value);
        return b.build();
    }

    /** Waits until the single-thread executor has run everything submitted so far. */
    private void idle() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino");
    }
}
