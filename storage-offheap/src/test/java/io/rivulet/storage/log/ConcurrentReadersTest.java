package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.OffsetOutOfRangeException;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock-free readers next to a writer that rolls segments and deletes old ones by retention: every batch a
 * reader gets is whole and holds what was written at its offsets, and a reader that retention overtook gets
 * the typed out-of-range error and goes on from the log start.
 */
class ConcurrentReadersTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(64 * 1024),
            "segment.index.bytes", "4096",
            "index.interval.bytes", "1024",
            "max.message.bytes", "16384",
            "retention.bytes", String.valueOf(256 * 1024),
            "retention.ms", "-1",
            "mapped.segments.max", "2"));
    static final int BATCHES = 20_000;

    @TempDir
    Path dir;
    ExecutorService executor;

    @BeforeEach
    void startExecutor() {
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "rivulet-background-test"));
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void readersFollowingAWriterThroughRollsAndRetentionSeeWholeBatchesOrOutOfRange() throws Exception {
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), executor)) {
            Writer writer = new Writer(log, errors);
            Reader follower = new Reader(log, writer, errors, false);
            Reader laggard = new Reader(log, writer, errors, true); // waits until retention passes it, now and then
            List<Thread> threads = List.of(new Thread(writer, "writer"), new Thread(follower, "follower"),
                    new Thread(laggard, "laggard"));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(120_000); // a guard against a hang, not a timing assertion
                assertFalse(t.isAlive(), t.getName() + " did not finish");
            }
            assertEquals(List.of(), List.copyOf(errors));

            long end = log.logEndOffset();
            assertTrue(log.logStartOffset() > 0, "retention deleted segments: start " + log.logStartOffset());
            assertTrue(log.segmentCount() < 10, "segments: " + log.segmentCount());
            assertEquals(end, follower.position, "the follower reached the end");
            assertEquals(end, laggard.position, "the laggard reached the end");
            assertTrue(follower.recordsChecked > 0 && laggard.recordsChecked > 0);
            assertTrue(laggard.outOfRange > 0, "retention overtook the laggard at least once");
            assertEquals(end - log.logStartOffset(), LogFixtures.verifyDerived(log, log.logStartOffset()));
        }
    }

    /** Appends batches of 1 to 7 records whose content derives from their offsets, applying retention as it goes. */
    private static final class Writer implements Runnable {
        final PartitionLog log;
        final ConcurrentLinkedQueue<Throwable> errors;
        volatile boolean done;

        Writer(PartitionLog log, ConcurrentLinkedQueue<Throwable> errors) {
            this.log = log;
            this.errors = errors;
        }

        @Override
        public void run() {
            try (RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
                for (int i = 0; i < BATCHES && errors.isEmpty(); i++) {
                    log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 1 + i % 7));
                    if (i % 32 == 0) {
                        log.applyRetention();
                    }
                }
                log.applyRetention();
            } catch (Throwable t) {
                errors.add(t);
            } finally {
                done = true;
            }
        }
    }

    /**
     * Reads from its position to the log end, slice after slice, checking every batch and record. The laggard
     * stops reading now and then until the log start has passed its position, so its next read is below it.
     */
    private static final class Reader implements Runnable {
        final PartitionLog log;
        final Writer writer;
        final ConcurrentLinkedQueue<Throwable> errors;
        final boolean lags;
        final RecordIterator records = new RecordIterator();
        volatile long position;
        long recordsChecked;
        int outOfRange;

        Reader(PartitionLog log, Writer writer, ConcurrentLinkedQueue<Throwable> errors, boolean lags) {
            this.log = log;
            this.writer = writer;
            this.errors = errors;
            this.lags = lags;
        }

        @Override
        public void run() {
            try {
                long nextLag = 1_000;
                while (errors.isEmpty()) {
                    boolean finished = writer.done; // before the end: an end read after it is final
                    long end = log.logEndOffset();
                    if (position == end) {
                        if (finished) {
                            return;
                        }
                        Thread.yield();
                        continue;
                    }
                    if (lags && position >= nextLag) {
                        while (log.logStartOffset() <= position && !writer.done) {
                            Thread.yield();
                        }
                        nextLag = position + 20_000;
                    }
                    readOnce(end);
                }
            } catch (Throwable t) {
                errors.add(new AssertionError(Thread.currentThread().getName() + " at offset " + position, t));
            }
        }

        private void readOnce(long end) {
            long at = position;
            try (LogSlice slice = log.read(at, 8 * 1024)) {
                if (slice.isEmpty()) {
                    throw new AssertionError("empty read at " + at + " below the end " + end);
                }
                long expected = at;
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordBatch batch = batches.next();
                    assertEquals(expected, batch.baseOffset(), "batches are contiguous");
                    assertTrue(batch.isCrcValid(), "batch at " + expected + " is whole");
                    for (RecordIterator it = batch.records(records); it.hasNext(); ) {
                        BatchRecord r = it.next();
                        assertEquals(expected, r.offset());
                        if (!Arrays.equals(LogFixtures.valueAt(expected), r.value())
                                || !Arrays.equals(LogFixtures.keyAt(expected), r.key())
                                || r.timestamp() != LogFixtures.timestampAt(expected)) {
                            throw new AssertionError("record at offset " + expected + " has the wrong content");
                        }
                        expected++;
                        recordsChecked++;
                    }
                    assertEquals(expected, batch.nextOffset());
                }
                assertEquals(expected, slice.nextOffset());
                position = expected;
            } catch (OffsetOutOfRangeException e) {
                // Retention deleted the segment holding the position: the only error a reader may get.
                assertEquals(at, e.offset());
                assertTrue(at < e.logStartOffset(), e.getMessage());
                assertTrue(e.getMessage().contains("removed by retention"), e.getMessage());
                outOfRange++;
                position = e.logStartOffset();
            }
        }
    }
}
