package io.rivulet.storage.log;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log's slow file work — completing the seal of a rolled segment, unlinking deleted segments
 * — run off the writer, one job at a time and in the order submitted, on an executor the log may
 * share with other logs. Order matters: a segment's seal must finish before it can be deleted, and
 * the recovery point may only move past segments that are sealed.
 *
 * <p>Jobs are never lost and never waited on forever. A job runs on the executor, or on a thread
 * that calls {@link #awaitIdle} first, whichever takes it; a job is taken under a lock, so the two
 * never run jobs out of order or at once. An executor that rejects work (shut down) or silently
 * drops it ({@code shutdownNow}) leaves the jobs to {@link #awaitIdle}, which the log calls before
 * anything that needs them done and in {@code close()}. Without an executor, jobs run at once on
 * the submitting thread.
 *
 * <p>Bounded: the log waits ({@link #awaitIdle}) before submitting another seal when enough are
 * pending; deletes are one per segment removed, so the queue never outgrows the log.
 *
 * <p>Thread-safe. Jobs handle their own failures; anything they throw is logged here.
 */
final class BackgroundWork {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final String name;
    private final Executor executor;
    private final ReentrantLock running = new ReentrantLock();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>(); // guarded by this
    private boolean scheduled;                                       // guarded by this
    private boolean warnedRejected;                                  // guarded by this

    BackgroundWork(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
    }

    /** Queues {@code job}; without an executor, runs it now. */
    void submit(Runnable job) {
        boolean schedule;
        synchronized (this) {
            queue.add(job);
            schedule = executor != null && !scheduled;
            scheduled |= schedule;
        }
        if (executor == null) {
            runQueued();
            return;
        }
        if (schedule) {
            try {
                executor.execute(this::runScheduled);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    scheduled = false;
                    if (!warnedRejected) {
                        warnedRejected = true;
                        LOG.warn("log {}: background executor rejected work ({}); seals and deletes now run on "
                                + "the writer", name, e.toString());
                    }
                }
                runQueued();
            }
        }
    }

    /**
     * Returns once every job submitted before the call has finished, running the ones no thread has
     * started yet on the caller. Never hangs on an executor that stopped running work.
     */
    void awaitIdle() {
        runQueued();
    }

    /**
     * Runs queued jobs on the caller if no other thread is running jobs now, else returns at once.
     * For long work on the same executor (preparing a segment) to let seals go first.
     */
    void runQueuedIfFree() {
        if (!running.tryLock()) {
            return;
        }
        try {
            for (;;) {
                Runnable job;
                synchronized (this) {
                    job = queue.poll();
                }
                if (job == null) {
                    return;
                }
                runOne(job);
            }
        } finally {
            running.unlock();
        }
    }

    private void runScheduled() {
        drain(true);
    }

    private void runQueued() {
        drain(false);
    }

    /** Runs queued jobs until none is left; the executor's task also clears {@code scheduled} then. */
    private void drain(boolean asScheduledTask) {
        for (;;) {
            running.lock();
            try {
                Runnable job;
                synchronized (this) {
                    job = queue.poll();
                    if (job == null) {
                        if (asScheduledTask) {
                            scheduled = false;
                        }
                        return;
                    }
                }
                runOne(job);
            } finally {
                running.unlock();
            }
        }
    }

    private void runOne(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.error("log {}: background job failed", name, e);
        }
    }
}
