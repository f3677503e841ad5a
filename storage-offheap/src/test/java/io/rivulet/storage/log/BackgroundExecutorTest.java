package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.SegmentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's background executor belongs to someone else, who may shut it down, drop its queue or
 * interrupt its threads. None of that may make an append fail, a close hang or throw, or a seal go
 * missing.
 */
class BackgroundExecutorTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(64 * 1024),
            "segment.index.bytes", "4096",
            "index.interval.bytes", "1024",
            "max.message.bytes", "16384"));
    static final Duration NO_HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    ExecutorService executor;

    @AfterEach
    void stopExecutor() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeCancelsAPreparationTheExecutorNeverStarted() {
        ArrayDeque<Runnable> neverRun = new ArrayDeque<>();
        PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), neverRun::add);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            fill(log, b, 3);
        }
        assertTimeoutPreemptively(NO_HANG, log::close);
        assertTrue(Files.exists(dir.resolve(LogRecovery.CLEAN_SHUTDOWN)), "seals ran on close: a clean shutdown");
        while (!neverRun.isEmpty()) {
            neverRun.poll().run(); // the executor wakes up late
        }
        assertFalse(Files.exists(dir.resolve(NextSegment.FILE_NAME)), "a cancelled preparation creates nothing");
        reopenAndVerify();
    }

    @Test
    void anExecutorShutDownUnderAnOpenLogNeitherFailsAppendsNorHangsClose() throws Exception {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "rivulet-background-test"));
        PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), executor);
        RecordBatchBuilder b = new RecordBatchBuilder(1024);
        try {
            fill(log, b, 2);
            executor.shutdownNow(); // drops whatever was queued, rejects what comes next
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
            assertDoesNotThrow(() -> fill(log, b, 6), "rolls whose preparation and seal are rejected");
            assertFalse(log.isOffline());
        } finally {
            b.close();
            assertTimeoutPreemptively(NO_HANG, log::close);
        }
        assertFalse(Files.exists(dir.resolve(NextSegment.FILE_NAME)));
        reopenAndVerify();
    }

    @Test
    void aLogOpensOnAnExecutorThatWasAlreadyShutDown() {
        executor = Executors.newSingleThreadExecutor();
        executor.shutdown();
        PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), executor);
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            fill(log, b, 3);
        } finally {
            assertTimeoutPreemptively(NO_HANG, log::close);
        }
        reopenAndVerify();
    }

    @Test
    void closeWaitsForAPreparationThatIsRunningAndRemovesItsFile() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LogConfig big = CONFIG.with("segment.bytes", 64 << 20);
        PartitionLog log = PartitionLog.open(dir, big, Clock.systemUTC(), task -> executor.execute(() -> {
            started.countDown();
            awaitQuietly(release);
            task.run();
        }));
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            // the preparation starts once the active segment is half full
            for (int i = 0; i < 1_000_000 && started.getCount() > 0; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 50));
            }
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(log::close, "closer");
        closer.start();
        release.countDown();
        closer.join(NO_HANG.toMillis());
        assertFalse(closer.isAlive(), "close returned");
        assertFalse(Files.exists(dir.resolve(NextSegment.FILE_NAME)));
    }

    @Test
    void sealsOnAnInterruptedExecutorThreadStillComplete() {
        // Each task runs on a fresh thread whose interrupt flag is already set, like a pool being shut down.
        PartitionLog log = PartitionLog.open(dir, CONFIG.with("preallocate", 0), Clock.systemUTC(), task -> {
            Thread t = new Thread(() -> {
                Thread.currentThread().interrupt();
                task.run();
            }, "interrupted-worker");
            t.start();
            joinQuietly(t);
        });
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            fill(log, b, 3);
            assertFalse(log.isOffline(), "an interrupt is not a disk error: " + log.offlineCause());
            List<Long> bases = log.segmentBaseOffsets();
            assertTrue(sizeOf(SegmentFiles.log(dir, bases.get(0))) < CONFIG.segmentBytes(), "sealed and trimmed");
        } finally {
            log.close();
        }
        reopenAndVerify();
    }

    private void reopenAndVerify() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
    }

    private static void fill(PartitionLog log, RecordBatchBuilder b, int segments) {
        int target = log.segmentCount() + segments - 1;
        while (log.segmentCount() <= target) {
            log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 5));
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
