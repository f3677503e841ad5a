package io.rivulet.engine.replication;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.NotEnoughReplicasException;
import io.rivulet.api.errors.RivuletException;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A partition's leadership on this node for one leader epoch: which replicas are in sync, the high watermark
 * they hold, and the {@code acks=all} produces waiting for it. A node that stands alone leads every
 * partition with itself as the only replica, so the same path serves one node and a cluster.
 *
 * <p>Thread-safe: appends, follower acknowledgements and ISR changes arrive on different threads, and each
 * takes this object's monitor for a few field updates. Waiters run outside it, from one drain loop at a
 * time: a completed write may append the next batch at once, and that re-entry only queues more work for
 * the loop already running.
 */
public final class LeaderState {
    /** Leader epoch of a partition on a node without a cluster: batches are not stamped. */
    public static final int STANDALONE_EPOCH = -1;
    private static final int MAX_WAITING = 65_536;

    private final TopicPartition tp;
    private final int epoch;
    private final long epochStartOffset;
    private final int minInsyncReplicas;
    private final ReplicaTracker tracker;
    private final AckWaiters waiters = new AckWaiters(MAX_WAITING); // touched only by drain()
    private final Queue<Waiter> arriving = new ConcurrentLinkedQueue<>();
    private final AtomicLong published = new AtomicLong(-1);
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean failWaiting;
    private volatile boolean resigned;
    private List<Integer> lagging = List.of(); // guarded by this
    private long knownLogEnd; // guarded by this

    private record Waiter(long required, Runnable onDone, Consumer<Throwable> onFail) {
    }

    public LeaderState(TopicPartition tp, int leaderId, int epoch, List<Integer> replicas, List<Integer> isr,
                       int minInsyncReplicas, long logEnd, long highWatermark, long nowMs) {
        this.tp = tp;
        this.epoch = epoch;
        this.epochStartOffset = logEnd;
        this.knownLogEnd = logEnd;
        this.minInsyncReplicas = minInsyncReplicas;
        this.tracker = new ReplicaTracker(leaderId, replicas, isr, logEnd, highWatermark, nowMs);
    }

    /** A node's own partition when it has no cluster: leader of itself, the high watermark at the log end. */
    public static LeaderState standalone(TopicPartition tp, long logEnd) {
        return new LeaderState(tp, 0, STANDALONE_EPOCH, List.of(0), List.of(0), 1, logEnd, logEnd, 0);
    }

    public int epoch() {
        return epoch;
    }

    /** The log end when this leadership began: a replica must reach it before it rejoins the ISR. */
    public long epochStartOffset() {
        return epochStartOffset;
    }

    /** Fails an {@code acks=all} write before it is appended when too few replicas are in sync. */
    public void checkInsync() {
        int insync = insync();
        if (insync < minInsyncReplicas) {
            throw new NotEnoughReplicasException(tp, insync, minInsyncReplicas);
        }
    }

    /**
     * ISR members that fell behind for longer than {@code replica.lag.time.max.ms}, while the metadata has not
     * dropped them yet (the leader asked; the quorum may be unreachable). They no longer count as in sync for
     * {@code min.insync.replicas}: waiting writes that now lack replicas fail rather than wait for a shrink that
     * may never come.
     */
    public void laggingReplicas(List<Integer> replicas) {
        synchronized (this) {
            lagging = List.copyOf(replicas);
        }
        if (insync() < minInsyncReplicas) {
            failWaiting = true;
            drain();
        }
    }

    /** In-sync replicas that count: the ISR without those lagging. */
    private synchronized int insync() {
        return (int) tracker.isr().stream().filter(r -> !lagging.contains(r)).count();
    }

    /** The log now ends at {@code logEnd}; returns the high watermark. */
    public long appended(long logEnd) {
        long hw;
        synchronized (this) {
            // appenders and acknowledgements both report the log end, and may arrive out of order
            if (logEnd > knownLogEnd) {
                tracker.leaderAppended(logEnd);
                knownLogEnd = logEnd;
            }
            hw = tracker.highWatermark();
        }
        publish(hw);
        return hw;
    }

    /** A follower has copied up to {@code logEnd}; returns the high watermark. */
    public long followerAcked(int replicaId, long logEnd, long nowMs) {
        long hw;
        synchronized (this) {
            tracker.followerAcked(replicaId, logEnd, nowMs);
            hw = tracker.highWatermark();
        }
        publish(hw);
        return hw;
    }

    /** The ISR the metadata committed; returns the high watermark (a smaller ISR may let it move). */
    public long isrChanged(List<Integer> isr) {
        long hw;
        synchronized (this) {
            tracker.isrChanged(isr);
            hw = tracker.highWatermark();
        }
        publish(hw);
        return hw;
    }

    public synchronized List<Integer> isr() {
        return tracker.isr();
    }

    public synchronized long highWatermark() {
        return tracker.highWatermark();
    }

    /** The ISR to ask the metadata for, if it should change. */
    public synchronized Optional<List<Integer>> proposedIsr(long nowMs, long replicaLagTimeMaxMs) {
        return tracker.proposedIsr(nowMs, replicaLagTimeMaxMs, epochStartOffset);
    }

    /**
     * Whether every one of {@code followers} has acknowledged a log end at or past the high watermark, so
     * each holds every acknowledged record and may take over.
     */
    public synchronized boolean heldBy(List<Integer> followers) {
        long hw = tracker.highWatermark();
        for (int id : followers) {
            if (tracker.followerLogEnd(id) < hw) {
                return false;
            }
        }
        return true;
    }

    public synchronized long maxLagRecords() {
        return tracker.maxLagRecords();
    }

    /**
     * Runs {@code onDone} once the high watermark reaches {@code requiredHighWatermark} with at least
     * {@code min.insync.replicas} in sync; fails with {@code NOT_LEADER} if this leadership ends first, and with
     * {@code NOT_ENOUGH_REPLICAS} if the ISR shrank below the minimum on the way — then fewer replicas than the
     * writer asked for hold the record, though it stays in the log.
     */
    public void awaitHighWatermark(long requiredHighWatermark, Runnable onDone, Consumer<Throwable> onFail) {
        Runnable checked = () -> {
            int insync = insync();
            if (insync >= minInsyncReplicas) {
                onDone.run();
            } else {
                onFail.accept(new NotEnoughReplicasException(tp, insync, minInsyncReplicas));
            }
        };
        arriving.add(new Waiter(requiredHighWatermark, checked, onFail));
        publish(highWatermark());
    }

    /** Leadership ends: every waiting write fails with {@code NOT_LEADER} (it may still commit under the next leader). */
    public void resign() {
        resigned = true;
        drain();
    }

    private void publish(long hw) {
        published.accumulateAndGet(hw, Math::max);
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Waiter w;
            while ((w = arriving.poll()) != null) {
                if (resigned) {
                    w.onFail().accept(notLeader());
                } else if (!waiters.add(w.required(), w.onDone(), w.onFail())) {
                    w.onFail().accept(new RivuletException(ErrorCode.TIMEOUT, tp + " has " + MAX_WAITING
                            + " acks=all writes waiting for followers; slow down or check the replicas"));
                }
            }
            if (resigned) {
                waiters.failAll(notLeader());
            } else if (failWaiting) {
                failWaiting = false;
                int insync = insync();
                waiters.failAll(new NotEnoughReplicasException(tp, insync, minInsyncReplicas));
            } else {
                waiters.highWatermarkMoved(published.get());
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private RivuletException notLeader() {
        return new RivuletException(ErrorCode.NOT_LEADER, "this node stopped leading " + tp + " (epoch " + epoch
                + ") before the write was replicated; it may or may not be committed under the new leader");
    }
}
