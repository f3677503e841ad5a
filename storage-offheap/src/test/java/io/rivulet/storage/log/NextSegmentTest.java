package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.chronicle.bytes.MappedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The next segment is touched as far as the writer asks, one job at a time, and handed over between jobs. */
class NextSegmentTest {
    private static final int MIB = 1 << 20;
    private static final int CAPACITY = 64 * MIB;

    @TempDir
    Path dir;

    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    @Test
    void theTargetFollowsTheSecondHalfOfTheActiveSegmentInSteps() {
        long gib = 1L << 30;
        long step = gib / 32;
        assertEquals(0, NextSegment.touchTarget(0, gib), "an empty segment asks for nothing");
        assertEquals(0, NextSegment.touchTarget(gib / 2 - 1, gib), "nor does one below half full");
        assertEquals(step, NextSegment.touchTarget(gib / 2, gib), "half full: one step ahead");
        assertEquals(gib / 2 + step, NextSegment.touchTarget(gib / 2 + gib / 5, gib), "70% full: half of it, and a step");
        assertEquals(gib, NextSegment.touchTarget(gib * 9 / 10, gib), "90% full: all of it");
        assertEquals(gib, NextSegment.touchTarget(gib, gib));
        long target = NextSegment.touchTarget(gib / 2 + 12345, gib);
        assertEquals(0, target % step, "whole steps, so the writer asks once a step");
        assertEquals(64 << 10, NextSegment.touchTarget(32 << 10, 64 << 10), "a tiny segment: all of it at half full");
        assertEquals(0, NextSegment.due(500, 1000), "half full: nothing is due yet");
        assertEquals(500, NextSegment.due(700, 1000), "70% full: half of it is due");
        assertEquals(1000, NextSegment.due(900, 1000), "90% full: all of it");
        assertEquals(1000, NextSegment.due(1000, 1000));
        assertTrue(NextSegment.touchTarget(gib * 6 / 10, gib) - NextSegment.due(gib * 6 / 10, gib) >= step,
                "the target is at least a step ahead of what is due");
    }

    @Test
    void itTouchesAsFarAsAskedAndGoesOnWhenAskedForMore() throws Exception {
        NextSegment next = onPending();
        next.prepare(8 * MIB, false);
        assertEquals(1, pending.size());
        next.prepare(4 * MIB, false);
        assertEquals(1, pending.size(), "less than before: the job already asked for covers it");
        runAll();
        assertEquals(8 * MIB, next.touched());
        assertEquals(CAPACITY, Files.size(dir.resolve(NextSegment.FILE_NAME)), "created at full size");
        assertFalse(next.isReady(), "not all of it yet");

        next.prepare(8 * MIB, false);
        assertEquals(0, pending.size(), "touched that far already: no job");
        next.prepare(CAPACITY, false);
        assertEquals(1, pending.size());
        runAll();
        assertEquals(CAPACITY, next.touched());
        assertTrue(next.isReady());

        MappedBytes warm = next.takeInto(dir.resolve("00000000000000000000.log"));
        assertNotNull(warm);
        warm.releaseLast();
        assertFalse(Files.exists(dir.resolve(NextSegment.FILE_NAME)), "moved into place");
        assertEquals(0, next.touched(), "the next one starts from nothing");
        next.close();
    }

    @Test
    void aRollTakesThePartlyTouchedFileOnlyWhenNoJobRuns() {
        NextSegment next = onPending();
        next.prepare(4 * MIB, false);
        runAll();
        next.prepare(16 * MIB, false);
        assertNull(next.takeInto(dir.resolve("1.log")), "a job is still to touch it: the writer makes its own");
        runAll();
        MappedBytes warm = next.takeInto(dir.resolve("2.log"));
        assertNotNull(warm, "the roll after takes it, as far as it is touched");
        assertTrue(Files.exists(dir.resolve("2.log")));
        warm.releaseLast();
        next.close();
    }

    @Test
    void aRefusedJobIsNotAskedForAgainUntilTheRoll() {
        AtomicInteger refused = new AtomicInteger();
        NextSegment next = new NextSegment(dir, CAPACITY, task -> {
            refused.incrementAndGet();
            throw new RejectedExecutionException("shut down");
        }, () -> { }, () -> false);
        next.prepare(4 * MIB, false);
        next.prepare(8 * MIB, false);
        next.prepare(CAPACITY, false);
        assertEquals(1, refused.get(), "not once per append");
        assertNull(next.takeInto(dir.resolve("1.log")), "nothing prepared: the writer makes its own");
        next.prepare(4 * MIB, false);
        assertEquals(2, refused.get(), "the next segment tries again");
        next.close();
    }

    @Test
    void closeDropsAJobThatNeverRanAndRemovesTheFile() {
        NextSegment next = onPending();
        next.prepare(4 * MIB, false);
        runAll();
        next.prepare(8 * MIB, false);
        next.close();
        runAll(); // the cancelled job does nothing
        assertFalse(Files.exists(dir.resolve(NextSegment.FILE_NAME)));
        assertEquals(java.util.List.of(), LogFixtures.mappedFilesUnder(dir));
    }

    @Test
    void closeWaitsForAJobThatIsTouchingTheMappingItKeeps() throws Exception {
        closeWhileAJobRuns(true);
    }

    @Test
    void closeWaitsForAFirstJobAndDropsTheMappingItMade() throws Exception {
        closeWhileAJobRuns(false);
    }

    /**
     * A job parked between two chunks (in {@code yieldTo}) while close runs: close must wait for it and only then
     * unmap. Were the mapping dropped under it, letting the job go on would write to unmapped memory, so the job is
     * let go only once close is seen waiting.
     */
    private void closeWhileAJobRuns(boolean afterAFirstJob) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "next-segment-test");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean hold = new AtomicBoolean(!afterAFirstJob);
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NextSegment next = new NextSegment(dir, CAPACITY, executor, () -> {
            if (hold.getAndSet(false)) {
                parked.countDown();
                awaitQuietly(release);
            }
        }, () -> false);
        try {
            if (afterAFirstJob) {
                next.prepare(4 * MIB, false);
                executor.submit(() -> { }).get(10, TimeUnit.SECONDS); // the first job is done
                hold.set(true);
            }
            next.prepare(16 * MIB, false);
            assertTrue(parked.await(10, TimeUnit.SECONDS), "the job started");
            Thread closer = new Thread(next::close, "closer");
            closer.start();
            closer.join(300);
            assertTrue(closer.isAlive(), "close returned while a job was touching the file");
            release.countDown();
            closer.join(10_000);
            assertFalse(closer.isAlive(), "close finished once the job stopped");
            assertFalse(Files.exists(dir.resolve(NextSegment.FILE_NAME)));
            assertEquals(java.util.List.of(), LogFixtures.mappedFilesUnder(dir), "nothing left mapped");
        } finally {
            executor.shutdown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A next segment whose jobs wait in {@link #pending} until {@link #runAll}. */
    private NextSegment onPending() {
        return new NextSegment(dir, CAPACITY, pending::add, () -> { }, () -> false);
    }

    private void runAll() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }
}
