package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.segment.MappedFiles;
import io.rivulet.storage.segment.Segment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to segments after they stop being the active one, off the writer: a rolled segment
 * is sealed (fsync, trim) and then the recovery point moves past it; a deleted segment's files are
 * unlinked. Both run on the log's {@link BackgroundWork}, in order.
 *
 * <p>The recovery point ({@value OffsetCheckpoint#RECOVERY_POINT}) is Kafka's idea: every segment
 * below it is sealed, so recovery trusts those and re-validates the rest. It only moves up after a
 * seal is durable, and moves down at once when truncation makes a sealed segment writable again.
 *
 * <p>It also persists the log start offset, now or in order with the deletes.
 *
 * <p>Threading: {@link #seal}, {@link #delete}, {@link #lowerRecoveryPoint}, the log start methods
 * and {@link #awaitIdle} are called by the log's writer; the jobs run on the executor. A job never takes the log's lock,
 * so the writer may wait for them while holding it.
 */
final class RolledSegments {
    /** Rolled segments that may wait for their seal at once; a roll beyond that waits. */
    static final int MAX_PENDING_SEALS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(RolledSegments.class);

    private final Path dir;
    private final String name;
    private final BackgroundWork work;
    private final Consumer<LogIOException> onSealFailure;
    private final AtomicInteger pendingSeals = new AtomicInteger();
    private final LongSupplier logStart;
    private final Object logStartFile = new Object();
    private volatile long recoveryPoint;

    RolledSegments(Path dir, Executor executor, long recoveryPoint, LongSupplier logStart,
                   Consumer<LogIOException> onSealFailure) {
        this.dir = dir;
        this.logStart = logStart;
        this.name = dir.getFileName().toString();
        this.work = new BackgroundWork(name, executor);
        this.recoveryPoint = recoveryPoint;
        this.onSealFailure = onSealFailure;
    }

    /**
     * Seals {@code rolled}, on which the writer already called {@link Segment#beginSeal}, in the
     * background; {@code nextBase} is the base offset of the segment after it. Waits first if
     * {@value #MAX_PENDING_SEALS} seals are still pending.
     */
    void seal(Segment rolled, long nextBase) {
        if (pendingSeals.get() >= MAX_PENDING_SEALS) {
            work.awaitIdle(); // the disk has fallen more than a segment behind the producer
        }
        pendingSeals.incrementAndGet();
        work.submit(() -> completeSeal(rolled, nextBase));
    }

    private void completeSeal(Segment s, long nextBase) {
        try {
            s.completeSeal();
            MappedFiles.syncDirectory(dir); // the next segment's file name
            try {
                OffsetCheckpoint.write(dir, OffsetCheckpoint.RECOVERY_POINT, nextBase);
                recoveryPoint = nextBase;
            } catch (RuntimeException checkpoint) {
                // The segment is sealed and on disk; only the shortcut for recovery was not written (a full disk,
                // say). An older recovery point is safe: recovery re-validates a little more. Not worth going
                // offline for, which would refuse every later append.
                LOG.warn("log {}: sealed segment {} but could not move the recovery point to {}: {}", name,
                        s.baseOffset(), nextBase, checkpoint.toString());
            }
        } catch (RuntimeException e) {
            LogIOException io = PartitionLog.asLogIO(e, "seal segment " + s.baseOffset() + " of " + name);
            onSealFailure.accept(LogIOException.of("cannot seal segment " + s.baseOffset() + " of " + name, io.ioCause()));
        } finally {
            pendingSeals.decrementAndGet();
        }
    }

    /**
     * Deletes segments the writer already removed from the log. Their files are renamed out of the
     * way now (so a new segment may reuse the name, and recovery removes them after a crash) and
     * unlinked in the background, where freeing a large file's pages does not stall appends. A
     * segment whose seal has not run skips it (nobody needs it durable); one whose seal is running
     * right now is renamed and unlinked after that seal, in order: the writer never waits for it.
     */
    void delete(List<Segment> doomed, MappedSegments mapped) {
        for (Segment s : doomed) {
            mapped.forget(s);
            s.markDeleted();
            boolean renamed = s.renameForDeletion(true);
            work.submit(() -> {
                try {
                    if (!renamed) {
                        s.renameForDeletion(false);
                    }
                    s.deleteRenamedFiles();
                } catch (LogIOException e) {
                    LOG.warn("log {}: {}; the next open removes the files", name, e.getMessage());
                }
            });
        }
    }

    /** Persists the log start offset now (its current value), for changes that must survive a crash. */
    void recordLogStartNow() {
        synchronized (logStartFile) {
            OffsetCheckpoint.write(dir, OffsetCheckpoint.LOG_START, logStart.getAsLong());
        }
    }

    /**
     * Persists the log start offset in the background, before the deletes submitted after it. For
     * retention, whose new start is the base of a segment it keeps: the segments below are renamed
     * away at once, so if the process dies before this runs, recovery starts the log at the first
     * segment left, which is the same offset. Writes the value current when it runs, so it never
     * undoes a later {@link #recordLogStartNow}.
     */
    void recordLogStartLater() {
        work.submit(() -> {
            try {
                recordLogStartNow();
            } catch (LogIOException e) {
                LOG.warn("log {}: could not record the log start offset: {}", name, e.getMessage());
            }
        });
    }

    /** Moves the recovery point down to {@code offset}, for a segment from there on that becomes writable. */
    void lowerRecoveryPoint(long offset) {
        awaitIdle();
        if (recoveryPoint > offset) {
            OffsetCheckpoint.write(dir, OffsetCheckpoint.RECOVERY_POINT, offset);
            recoveryPoint = offset;
        }
    }

    /**
     * Runs queued seals and deletes on the caller unless another thread is running them, and
     * returns at once then. Preparing the next segment calls it as it goes: on an executor with one
     * thread it would otherwise hold seals back for seconds, and the writer would hit the bound.
     */
    void runQueuedIfFree() {
        work.runQueuedIfFree();
    }

    /** Returns once every seal and delete submitted so far is done; runs unstarted ones on the caller. */
    void awaitIdle() {
        work.awaitIdle();
    }
}
