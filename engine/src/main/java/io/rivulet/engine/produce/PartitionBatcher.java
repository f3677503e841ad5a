package io.rivulet.engine.produce;

import io.rivulet.api.errors.RecordTooLargeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordHeader;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One producer's records bound for one partition, gathered into record batches (up to
 * {@code batch.size} bytes, or until {@code linger.ms} has passed since the batch's first record) and
 * appended on the append scheduler, one batch at a time.
 *
 * <p>While an append runs, new records gather in the next batch, so a busy producer gets full batches
 * even with {@code linger.ms=0}, as with Kafka's sender thread. How many records wait here is bounded by
 * the producer's in-flight limit, which is enforced upstream.
 */
final class PartitionBatcher {
    private static final AppendCallback[] NO_CALLBACKS = new AppendCallback[0];

    private final BatchTarget partition;
    private final int batchSize;
    private final long lingerNanos;
    private final Scheduler scheduler;
    private final int maxMessageBytes;
    private final Semaphore spareBudget;
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable drainTask = this::drain;

    // guarded by this
    private Pending open;
    private final ArrayDeque<Pending> ready = new ArrayDeque<>();
    private final ArrayDeque<Pending> spare = new ArrayDeque<>();
    private boolean timerPending;
    /**
     * A drain is queued or running and will take what is ready: set when a producer queues one, cleared only by
     * {@link #take()} when it finds nothing. Batches made while a drain runs go to that drain rather than queue
     * another, which would wake one of the scheduler's threads only to find the work taken.
     */
    private boolean drainScheduled;
    private boolean closed;

    /**
     * @param spareBudget permits for keeping appended batches' buffers for reuse, shared by the producer's
     *                    batchers: a producer with a full in-flight window has that many batches queued, and
     *                    freeing each buffer after its append only to allocate another costs more than its encoding
     */
    PartitionBatcher(BatchTarget partition, int batchSize, long lingerNanos, Scheduler scheduler,
                     Semaphore spareBudget) {
        this.spareBudget = spareBudget;
        this.partition = partition;
        this.batchSize = batchSize;
        this.lingerNanos = lingerNanos;
        this.scheduler = scheduler;
        this.maxMessageBytes = partition.maxMessageBytes();
    }

    BatchTarget partition() {
        return partition;
    }

    /** Adds one record; {@code callback} hears its offset once its batch is appended. */
    void add(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers, AppendCallback callback) {
        RuntimeException refused = null;
        boolean madeReady = false;
        boolean drainNow = false;
        boolean startTimer = false;
        synchronized (this) {
            if (closed) {
                refused = new RivuletClosedException("the producer");
            } else {
                if (open == null) {
                    open = newPending();
                }
                int recordSize = open.builder.recordSize(timestamp, key, value, headers);
                if (RecordBatch.HEADER_SIZE + recordSize > maxMessageBytes) {
                    refused = new RecordTooLargeException(partition.id().topic(), RecordBatch.HEADER_SIZE + recordSize,
                            maxMessageBytes, "max.message.bytes");
                } else {
                    if (!open.builder.isEmpty() && open.builder.sizeInBytes() + recordSize > batchSize) {
                        ready.add(open);
                        open = newPending();
                        madeReady = true;
                    }
                    open.builder.append(timestamp, key, value, headers);
                    open.callbacks.add(callback);
                    if (open.builder.sizeInBytes() >= batchSize) {
                        ready.add(open);
                        open = null;
                        madeReady = true;
                    }
                    // A batch that was ready before this record already has a drain queued or running: only
                    // the one this record completed (or, without linger, this record itself) needs another.
                    if ((madeReady || lingerNanos == 0) && !drainScheduled) {
                        drainScheduled = true;
                        drainNow = true;
                    }
                    if (!madeReady && lingerNanos != 0 && !timerPending) {
                        timerPending = true;
                        startTimer = true;
                    }
                }
            }
        }
        // Callbacks and scheduling happen outside the lock: a callback may send the next record.
        if (refused != null) {
            callback.failed(partition.id().partition(), refused);
        } else if (drainNow) {
            scheduler.schedule(drainTask);
        } else if (startTimer) {
            scheduler.schedule(this::lingerExpired, lingerNanos, TimeUnit.NANOSECONDS);
        }
    }

    private Pending newPending() {
        Pending p = spare.poll();
        if (p == null) {
            p = new Pending();
        } else {
            spareBudget.release();
        }
        p.firstRecordNanos = System.nanoTime();
        return p;
    }

    private void lingerExpired() {
        synchronized (this) {
            timerPending = false;
        }
        drain();
    }

    /** Appends every batch that is full or has lingered long enough. One drain runs at a time. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Pending batch;
            while ((batch = take()) != null) {
                append(batch);
                recycle(batch);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
        rearmTimer();
    }

    private synchronized Pending take() {
        Pending p = ready.poll();
        if (p == null && open != null && !open.builder.isEmpty() && (closed || System.nanoTime() - open.firstRecordNanos >= lingerNanos)) {
            p = open;
            open = null;
        }
        if (p == null) {
            drainScheduled = false;
        }
        return p;
    }

    private void rearmTimer() {
        long delay;
        synchronized (this) {
            if (open == null || open.builder.isEmpty() || timerPending || closed) {
                return;
            }
            timerPending = true;
            delay = Math.max(0, lingerNanos - (System.nanoTime() - open.firstRecordNanos));
        }
        scheduler.schedule(this::lingerExpired, delay, TimeUnit.NANOSECONDS);
    }

    /**
     * Hands one batch to the target. A target that throws instead of telling the outcome — even an
     * {@code Error}, such as the {@code InternalError} of a fault in mapped memory — fails this batch's records,
     * so no sender waits forever and the drain goes on; an outcome told before the throw is kept.
     */
    private void append(Pending batch) {
        int p = partition.id().partition();
        AppendCallback[] callbacks = batch.callbacks.toArray(NO_CALLBACKS);
        AtomicBoolean told = new AtomicBoolean();
        try {
            partition.stamp(batch.builder);
            partition.append(batch.builder.build(), outcome(p, callbacks, told));
        } catch (RuntimeException | Error e) {
            if (told.compareAndSet(false, true)) {
                for (AppendCallback c : callbacks) {
                    c.failed(p, e);
                }
            }
        }
    }

    private static BatchTarget.Outcome outcome(int p, AppendCallback[] callbacks, AtomicBoolean told) {
        return new BatchTarget.Outcome() {
            @Override
            public void appended(long base) {
                if (told.compareAndSet(false, true)) {
                    for (int i = 0; i < callbacks.length; i++) {
                        callbacks[i].appended(p, base < 0 ? -1 : base + i);
                    }
                    AppendCallback.settleAll(callbacks);
                }
            }

            @Override
            public void failed(Throwable error) {
                if (told.compareAndSet(false, true)) {
                    for (AppendCallback c : callbacks) {
                        c.failed(p, error);
                    }
                }
            }
        };
    }

    private synchronized void recycle(Pending batch) {
        batch.callbacks.clear();
        // A buffer grown past batch.size by one large record is not worth keeping.
        if (!closed && batch.builder.sizeInBytes() <= batchSize && spareBudget.tryAcquire()) {
            batch.builder.reset();
            spare.add(batch);
        } else {
            batch.builder.close();
        }
    }

    /** Appends what is gathered, then frees the off-heap buffers. Later adds fail. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        drain();
        synchronized (this) {
            spare.forEach(p -> p.builder.close());
            spareBudget.release(spare.size());
            spare.clear();
        }
    }

    private static final class Pending {
        final RecordBatchBuilder builder = new RecordBatchBuilder(16 * 1024);
        final List<AppendCallback> callbacks = new ArrayList<>();
        long firstRecordNanos;
    }
}
