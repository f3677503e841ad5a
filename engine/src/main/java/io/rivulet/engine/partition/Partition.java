package io.rivulet.engine.partition;

import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.metrics.PartitionMeters;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;

import java.util.OptionalLong;

/**
 * One partition of a topic on this node: its log, its high watermark and the signal that wakes
 * readers parked at the end. On a single node the high watermark follows the log end at once; with
 * replication it will follow what the in-sync replicas hold. Readers never see past it.
 *
 * <p>Appends are serialized by the log (one writer at a time); reads are lock-free. Every append and
 * read is metered here ({@link PartitionMeters}): it is the one place every produce and fetch path
 * passes, so no caller can forget to count.
 */
public final class Partition implements BatchTarget, AutoCloseable {
    private final TopicPartition id;
    private final PartitionLog log;
    private final AppendSignal signal;
    private final PartitionMeters meters;
    private volatile long highWatermark;
    private volatile boolean closed;

    /** Opens the partition over {@code log}, registering its meters in {@code metrics}. */
    public Partition(TopicPartition id, PartitionLog log, EngineMetrics metrics) {
        this.id = id;
        this.log = log;
        this.highWatermark = log.logEndOffset();
        this.signal = new AppendSignal(() -> highWatermark);
        this.meters = metrics.partitionOpened(this); // last: the gauges may be read as soon as they exist
    }

    public TopicPartition id() {
        return id;
    }

    public PartitionLog log() {
        return log;
    }

    /** Where this partition's readers report what they delivered. */
    public PartitionMeters meters() {
        return meters;
    }

    /**
     * Appends a batch built in this process; the log assigns its offsets. Wakes parked readers. Returns
     * the offset of the batch's first record.
     */
    public long append(RecordBatch batch) {
        try {
            int lastDelta = batch.lastOffsetDelta();
            int records = batch.recordCount();
            int bytes = batch.sizeInBytes();
            long start = System.nanoTime();
            long first = log.appendFast(batch);
            advanceHighWatermark(first + lastDelta + 1);
            meters.appended(records, bytes, System.nanoTime() - start);
            return first;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Appends in the caller's thread and tells {@code outcome} before returning. */
    @Override
    public void append(RecordBatch batch, Outcome outcome) {
        long base;
        try {
            base = append(batch);
        } catch (Throwable t) {
            outcome.failed(t);
            return;
        }
        outcome.appended(base);
    }

    @Override
    public int maxMessageBytes() {
        return log.config().maxMessageBytes();
    }

    private void advanceHighWatermark(long end) {
        synchronized (signal) {
            if (end > highWatermark) {
                highWatermark = end;
            }
        }
        signal.fire();
    }

    /** The offset below which records are committed and readable. */
    public long highWatermark() {
        return highWatermark;
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    /** Whole batches from {@code offset}, at most about {@code maxBytes} (at least one batch), below the high watermark. */
    public LogSlice read(long offset, int maxBytes) {
        try {
            long start = System.nanoTime();
            LogSlice slice = log.read(offset, maxBytes, highWatermark);
            meters.read(System.nanoTime() - start);
            return slice;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** The first offset whose timestamp is at or after {@code timestamp}, if any record is that new. */
    public OptionalLong offsetForTimestamp(long timestamp) {
        try {
            OptionalLong o = log.offsetForTimestamp(timestamp);
            return o.isPresent() && o.getAsLong() >= highWatermark ? OptionalLong.empty() : o;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** The api error for a storage failure, counted by its code. */
    private RivuletException failed(RuntimeException e) {
        RivuletException translated = StorageErrors.translate(id, e);
        meters.error(translated.code());
        return translated;
    }

    /**
     * Runs {@code wakeup} once records past {@code seenEnd} are readable (or the partition closes).
     * Returns a handle that cancels the wait.
     */
    public Runnable awaitData(long seenEnd, Runnable wakeup) {
        if (closed) {
            wakeup.run();
            return () -> { };
        }
        return signal.await(seenEnd, wakeup);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Readers parked on this partition now (for tests and metrics). */
    public int parkedReaders() {
        return signal.waiting();
    }

    /** Runs retention and any due time-based flush. Called from the engine's maintenance schedule. */
    public void maintain() {
        if (closed) {
            return;
        }
        log.applyRetention();
        log.flushIfDue();
    }

    /** Closes the log (flush, clean-shutdown marker) and wakes parked readers so they see the close. */
    @Override
    public void close() {
        closed = true;
        try {
            log.close();
        } finally {
            meters.close();
            signal.fire();
        }
    }

    @Override
    public String toString() {
        return "Partition[" + id + ", hw=" + highWatermark + "]";
    }
}
