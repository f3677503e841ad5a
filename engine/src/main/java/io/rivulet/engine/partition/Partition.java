package io.rivulet.engine.partition;

import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.metrics.PartitionMeters;
import io.rivulet.engine.replication.LeaderState;
import io.rivulet.engine.replication.ProducerStateTable;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.EpochEnd;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One partition of a topic on this node: its log, its high watermark, its role, and the signals that wake
 * readers parked at the end. The role is leader or follower. A node without a cluster leads every partition
 * alone, so its high watermark follows the log end at once; a cluster leader's follows what the in-sync
 * replicas hold ({@link LeaderState}), and a follower's is what its leader last said. Consumers never read
 * past the high watermark; followers copying from a leader read up to its log end.
 *
 * <p>A batch stamped by an idempotent producer is checked against the partition's {@link ProducerStateTable}
 * first: a batch sent again after its answer was lost is answered with its original offset instead of being
 * appended twice, and one that overtook an earlier batch of its producer is refused with
 * {@code OUT_OF_ORDER_SEQUENCE} so the producer sends it again after that one. Followers record the batches
 * they copy, so a new leader knows every producer's last sequences.
 *
 * <p>Appends are serialized by the log (one writer at a time); idempotent ones also by the producer
 * states' monitor, held from the check to the update. Reads are lock-free. Every append and
 * read is metered here ({@link PartitionMeters}): it is the one place every produce and fetch path
 * passes, so no caller can forget to count.
 */
public final class Partition implements BatchTarget, AutoCloseable {
    private final TopicPartition id;
    private final PartitionLog log;
    private final AppendSignal signal;
    private final AppendSignal replicaSignal;
    private final AtomicLong progress = new AtomicLong();
    private final PartitionMeters meters;
    private final ProducerStates producers;
    private volatile long highWatermark;
    private volatile LeaderState leader;
    private volatile int followerEpoch = -1;
    private volatile int leaderId = -1;
    private volatile boolean closed;
    private volatile boolean checkpointing; // replicated: the high watermark is kept on disk
    private long checkpointed; // guarded by this

    /** Opens the partition over {@code log}, registering its meters in {@code metrics}. */
    public Partition(TopicPartition id, PartitionLog log, EngineMetrics metrics) {
        this.id = id;
        this.log = log;
        this.producers = new ProducerStates(log);
        java.util.OptionalLong checkpointed = HighWatermarkCheckpoint.read(log.dir());
        this.checkpointing = checkpointed.isPresent();
        this.highWatermark = Math.min(log.logEndOffset(), checkpointed.orElse(Long.MAX_VALUE));
        this.checkpointed = checkpointed.orElse(-1);
        this.leader = LeaderState.standalone(id, log.logEndOffset());
        this.signal = new AppendSignal(() -> highWatermark);
        this.replicaSignal = new AppendSignal(progress::get);
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
     * Appends a batch built in this process or received from a producer, as this partition's leader; the log
     * assigns its offsets. Wakes parked readers. Returns the offset of the batch's first record (of its first
     * copy, for an idempotent producer's duplicate).
     */
    public long append(RecordBatch batch) {
        return appendOnce(batch, leaderState());
    }

    /** Appends as leader, unless the batch's producer sent it before: then the offset it got then. */
    private long appendOnce(RecordBatch batch, LeaderState l) {
        if (batch.producerId() == RecordBatch.NO_PRODUCER_ID) {
            return append(batch, l);
        }
        synchronized (producers) {
            ProducerStateTable table = producers.table();
            ProducerStateTable.Verdict verdict = table.check(batch);
            if (verdict instanceof ProducerStateTable.Duplicate d) {
                return d.baseOffset();
            }
            if (verdict instanceof ProducerStateTable.OutOfOrder o) {
                throw refused(ErrorCode.OUT_OF_ORDER_SEQUENCE, id + ": producer " + batch.producerId() + " sent sequence "
                        + o.received() + " but " + o.expected() + " is next; an earlier batch of this producer is"
                        + " still on its way, send this one after it");
            }
            if (verdict instanceof ProducerStateTable.Fenced f) {
                throw refused(ErrorCode.PRODUCER_FENCED, id + ": producer " + batch.producerId() + " sent epoch "
                        + f.received() + " but epoch " + f.current() + " has taken over; this producer session is"
                        + " fenced, create a new producer");
            }
            long base = append(batch, l);
            table.appended(batch, base);
            producers.appended();
            return base;
        }
    }

    private RivuletException refused(ErrorCode code, String message) {
        meters.error(code);
        return new RivuletException(code, message);
    }

    private long append(RecordBatch batch, LeaderState l) {
        try {
            int lastDelta = batch.lastOffsetDelta();
            int records = batch.recordCount();
            int bytes = batch.sizeInBytes();
            long start = System.nanoTime();
            long first;
            synchronized (log) { // the log's own lock: a role change cannot fall between this check and the append
                if (leader != l) {
                    throw notLeader();
                }
                first = l.epoch() == LeaderState.STANDALONE_EPOCH ? log.appendFast(batch) : log.appendFast(batch, l.epoch());
            }
            advanceHighWatermark(l.appended(first + lastDelta + 1));
            meters.appended(records, bytes, System.nanoTime() - start);
            return first;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Appends in the caller's thread and tells {@code outcome} before returning (acks=1). */
    @Override
    public void append(RecordBatch batch, Outcome outcome) {
        append(batch, 1, outcome);
    }

    /**
     * Appends as leader and tells {@code outcome}: with {@code acks} 0 or 1 before returning, with -1 (all)
     * once every in-sync replica holds the batch — refused up front with {@code NOT_ENOUGH_REPLICAS} when
     * fewer than {@code min.insync.replicas} are in sync.
     */
    public void append(RecordBatch batch, int acks, Outcome outcome) {
        long base;
        LeaderState l;
        try {
            l = leaderState();
            if (acks == -1) {
                l.checkInsync();
            }
            base = appendOnce(batch, l);
        } catch (Throwable t) {
            outcome.failed(t);
            return;
        }
        if (acks != -1) {
            outcome.appended(base);
            return;
        }
        long required = base + batch.lastOffsetDelta() + 1;
        l.awaitHighWatermark(required, () -> outcome.appended(base), outcome::failed);
    }

    private LeaderState leaderState() {
        LeaderState l = leader;
        if (l == null) {
            throw notLeader();
        }
        return l;
    }

    private RivuletException notLeader() {
        return new RivuletException(ErrorCode.NOT_LEADER, id + " is led by node " + leaderId + " (epoch "
                + followerEpoch + "), not this one; refresh metadata and send to the leader");
    }

    // ------------------------------------------------------------------ roles

    /**
     * Becomes the leader for {@code epoch}: stamps new batches with it, keeps the in-sync replicas and moves
     * the high watermark to what they all hold. The high watermark starts where it was.
     */
    public synchronized void becomeLeader(int nodeId, int epoch, List<Integer> replicas, List<Integer> isr,
                                          int minInsyncReplicas) {
        LeaderState old = leader;
        if (old != null && old.epoch() == epoch) {
            advanceHighWatermark(old.isrChanged(isr));
            return;
        }
        LeaderState fresh;
        synchronized (log) { // no append of the old epoch after this
            fresh = new LeaderState(id, nodeId, epoch, replicas, isr, minInsyncReplicas, log.logEndOffset(),
                    highWatermark, System.currentTimeMillis());
            leader = fresh;
        }
        leaderId = nodeId;
        followerEpoch = epoch;
        if (old != null) {
            old.resign();
        }
        advanceHighWatermark(fresh.highWatermark());
    }

    /** Becomes a follower of {@code leaderNode} in {@code epoch}: refuses produces, copies from the leader. */
    public synchronized void becomeFollower(int epoch, int leaderNode) {
        LeaderState old;
        synchronized (log) { // once this returns, no producer's batch can reach the log as this node's own
            old = leader;
            leader = null;
        }
        followerEpoch = epoch;
        leaderId = leaderNode;
        if (old != null) {
            old.resign();
        }
        signal.fire();
        replicaSignal.fire();
    }

    /** The leader state, or null when following. */
    public LeaderState leadership() {
        return leader;
    }

    public boolean isLeader() {
        return leader != null;
    }

    /** The epoch of the leader this node follows or is, -1 without a cluster. */
    public int leaderEpoch() {
        LeaderState l = leader;
        return l != null ? l.epoch() : followerEpoch;
    }

    /** A follower's copy of its leader's batch, offsets and epoch kept. */
    public void appendAsFollower(RecordBatch batch) {
        try {
            int records = batch.recordCount();
            int bytes = batch.sizeInBytes();
            long start = System.nanoTime();
            if (batch.producerId() == RecordBatch.NO_PRODUCER_ID) {
                log.appendAsFollower(batch);
            } else {
                synchronized (producers) {
                    ProducerStateTable table = producers.table(); // loaded before this batch is in the log
                    log.appendAsFollower(batch);
                    table.appended(batch, batch.baseOffset());
                    producers.appended();
                }
            }
            progress.incrementAndGet();
            replicaSignal.fire();
            meters.appended(records, bytes, System.nanoTime() - start);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Writes the high watermark to disk if it moved since last time; a cluster node calls it every few seconds
     * for the partitions it holds, and from then on it is written on close too.
     */
    public synchronized void checkpointHighWatermark() {
        if (closed) {
            return;
        }
        checkpointing = true;
        long hw = highWatermark;
        if (hw != checkpointed) {
            HighWatermarkCheckpoint.write(log.dir(), hw);
            checkpointed = hw;
        }
    }

    /** A follower learns the leader's high watermark; its own is that, capped at what it holds. */
    public void followerHighWatermark(long leaderHighWatermark) {
        advanceHighWatermark(Math.min(leaderHighWatermark, log.logEndOffset()));
    }

    /**
     * A follower learns its leader's log start: it deletes what its leader deleted (retention, or the trimming
     * of a log that snapshots its own state), never past what it holds.
     */
    public void followerLogStart(long leaderLogStart) {
        if (leaderLogStart > log.logStartOffset()) {
            deleteRecordsBefore(Math.min(leaderLogStart, log.logEndOffset()));
        }
    }

    /**
     * Moves the log start to {@code offset} and deletes the segments wholly below it; a leader's followers then
     * do the same. Never past the high watermark: what is not committed yet is not the leader's alone to drop.
     */
    public void deleteRecordsBefore(long offset) {
        try {
            log.deleteBefore(Math.min(offset, Math.max(highWatermark, log.logStartOffset())));
        } catch (RuntimeException e) {
            throw failed(e);
        }
        progress.incrementAndGet(); // wakes replica streams that are waiting, so followers hear of it
        replicaSignal.fire();
    }

    /** A follower reports its log end to this leader; ignored when not leading. */
    public void replicaAcked(int replicaId, int epoch, long logEnd) {
        LeaderState l = leader;
        if (l != null && l.epoch() == epoch) {
            // A follower can copy a batch before its appender has told the leader state the log grew: tell it
            // now, so the acknowledgement is never ahead of what the leader state knows of its own log.
            l.appended(log.logEndOffset());
            advanceHighWatermark(l.followerAcked(replicaId, logEnd, System.currentTimeMillis()));
        }
    }

    /** The leader's answer to a follower asking where {@code epoch} ended (KIP-101). */
    public EpochEnd endOffsetForEpoch(int epoch) {
        return log.endOffsetForEpoch(epoch);
    }

    /**
     * Cuts the log back to {@code offset} (a follower whose log diverged from the new leader's); the high
     * watermark never moves past the log end. Returns the new log end.
     */
    public synchronized long truncateTo(long offset) {
        try {
            long end;
            synchronized (producers) {
                producers.invalidate(); // first: its snapshot may cover what is cut
                end = log.truncateTo(offset);
            }
            synchronized (signal) {
                if (highWatermark > end) {
                    highWatermark = end;
                }
            }
            progress.incrementAndGet();
            return end;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Empties the log and starts it again at {@code offset}, past its end: a follower whose next offset is below
     * its leader's log start has nothing left to copy from there. The high watermark moves there too.
     */
    public synchronized void truncateFullyAndStartAt(long offset) {
        try {
            synchronized (producers) {
                producers.invalidate(); // its batches go with the log
                log.truncateFullyAndStartAt(offset);
            }
            synchronized (signal) {
                highWatermark = offset; // the log holds nothing below it, and nothing past it yet
            }
            progress.incrementAndGet();
            replicaSignal.fire();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Where the producer state was last loaded from (its snapshot's offset, or the log start); -1 before. */
    long producerStateLoadedFrom() {
        synchronized (producers) {
            return producers.loadedFrom();
        }
    }

    @Override
    public int maxMessageBytes() {
        return log.config().maxMessageBytes();
    }

    private void advanceHighWatermark(long end) {
        boolean moved;
        synchronized (signal) {
            moved = end > highWatermark;
            if (moved) {
                highWatermark = end;
            }
        }
        progress.incrementAndGet();
        if (moved) {
            signal.fire();
        }
        replicaSignal.fire();
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

    /** Whole batches from {@code offset} up to the log end, for a follower copying this leader. */
    public LogSlice readForReplica(long offset, int maxBytes) {
        try {
            return log.read(offset, maxBytes, log.logEndOffset());
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Counts appends and high watermark moves: what a replica stream waits on. */
    public long progress() {
        return progress.get();
    }

    /** Runs {@code wakeup} once {@link #progress()} passes {@code seen} (or the partition closes). */
    public Runnable awaitProgress(long seen, Runnable wakeup) {
        if (closed) {
            wakeup.run();
            return () -> { };
        }
        return replicaSignal.await(seen, wakeup);
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
        if (checkpointing) {
            try {
                checkpointHighWatermark();
            } catch (RuntimeException e) {
                // the log's own close matters more; a stale checkpoint only commits less
            }
        }
        closed = true;
        synchronized (producers) {
            producers.close(); // a snapshot, so the next open need not read the whole log
        }
        try {
            log.close();
        } finally {
            LeaderState l = leader;
            if (l != null) {
                l.resign();
            }
            meters.close();
            signal.fire();
            replicaSignal.fire();
        }
    }

    @Override
    public String toString() {
        return "Partition[" + id + ", hw=" + highWatermark + "]";
    }
}
