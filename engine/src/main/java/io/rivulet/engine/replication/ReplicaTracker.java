package io.rivulet.engine.replication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The leader's view of its replicas for one partition: each follower's acknowledged log end, the
 * in-sync replica set (ISR) as committed in cluster metadata, and the high watermark — the smallest
 * log end among the ISR, the leader included, so that every record below it is held by every
 * in-sync replica and survives the loss of any of them.
 *
 * <p>The high watermark never moves backwards. It stays where the constructor put it until every
 * ISR member has acknowledged a log end to this leader: a new leader does not know how far its
 * followers got, and an unknown follower must not let it advance.
 *
 * <p>The ISR is changed only by {@link #isrChanged} (metadata's decision); {@link #proposedIsr} says
 * what the leader should ask for: drop followers that have not been caught up for longer than
 * {@code replica.lag.time.max.ms} (see {@link FollowerState} for Kafka's rule), add replicas that
 * reached the high watermark and the start of the leader's epoch.
 *
 * <p>Not thread-safe: the caller serializes, typically on the partition's writer. Times are passed in.
 */
public final class ReplicaTracker {
    private final int leaderId;
    private final List<Integer> replicas;
    private final FollowerState[] followers;
    private List<Integer> isr;
    private long leaderLogEnd;
    private long highWatermark;

    /**
     * @param replicas      every replica of the partition, the leader included
     * @param isr           the committed ISR; must hold the leader and only replicas
     * @param highWatermark where the high watermark starts; at most {@code leaderLogEnd}
     * @param nowMs         followers in the ISR count as caught up now, the others as never
     */
    public ReplicaTracker(int leaderId, List<Integer> replicas, List<Integer> isr, long leaderLogEnd,
                          long highWatermark, long nowMs) {
        this.leaderId = leaderId;
        this.replicas = List.copyOf(replicas);
        if (new HashSet<>(this.replicas).size() != this.replicas.size() || !this.replicas.contains(leaderId)) {
            throw new IllegalArgumentException("replicas " + replicas + " must be distinct and include the leader " + leaderId);
        }
        if (highWatermark < 0 || highWatermark > leaderLogEnd) {
            throw new IllegalArgumentException("high watermark " + highWatermark + " must be in [0, leader log end "
                    + leaderLogEnd + "]");
        }
        checkIsr(isr);
        this.isr = List.copyOf(isr);
        this.leaderLogEnd = leaderLogEnd;
        this.highWatermark = highWatermark;
        this.followers = new FollowerState[this.replicas.size() - 1];
        int i = 0;
        for (int id : this.replicas) {
            if (id != leaderId) {
                followers[i++] = new FollowerState(id, this.isr.contains(id), nowMs);
            }
        }
    }

    /** The leader's log grew to {@code logEnd}; true if the high watermark moved. */
    public boolean leaderAppended(long logEnd) {
        if (logEnd < leaderLogEnd) {
            throw new IllegalArgumentException("the leader's log end cannot go back from " + leaderLogEnd + " to " + logEnd);
        }
        leaderLogEnd = logEnd;
        return advanceHighWatermark();
    }

    /**
     * Follower {@code replicaId} reports that its log ends at {@code logEnd} (the offset it fetches
     * from next); true if the high watermark moved.
     *
     * @throws IllegalArgumentException for the leader, an unknown replica, or a log end past the leader's
     */
    public boolean followerAcked(int replicaId, long logEnd, long nowMs) {
        if (logEnd < 0 || logEnd > leaderLogEnd) {
            throw new IllegalArgumentException("replica " + replicaId + " reports log end " + logEnd
                    + " outside [0, leader log end " + leaderLogEnd + "]");
        }
        FollowerState f = follower(replicaId);
        f.acked(logEnd, leaderLogEnd, nowMs);
        return f.inIsr && advanceHighWatermark();
    }

    public long highWatermark() {
        return highWatermark;
    }

    public List<Integer> isr() {
        return isr;
    }

    /**
     * The ISR metadata committed; true if the high watermark moved (a shrink can let it advance).
     *
     * @throws IllegalArgumentException unless it holds the leader and only replicas
     */
    public boolean isrChanged(List<Integer> newIsr) {
        checkIsr(newIsr);
        isr = List.copyOf(newIsr);
        for (FollowerState f : followers) {
            f.isrMembership(isr.contains(f.id));
        }
        return advanceHighWatermark();
    }

    /**
     * The ISR the leader should ask metadata for, or empty if it is the current one: the ISR without
     * the followers that have not been caught up for more than {@code replicaLagTimeMaxMs}, plus the
     * replicas outside it whose log end reached both the high watermark and
     * {@code leaderEpochStartOffset} (so they hold everything of earlier leaders the leader kept).
     * Members keep their order; additions follow in replica order.
     */
    public Optional<List<Integer>> proposedIsr(long nowMs, long replicaLagTimeMaxMs, long leaderEpochStartOffset) {
        List<Integer> proposed = new ArrayList<>(replicas.size());
        for (int id : isr) {
            if (id == leaderId || !follower(id).isLagging(leaderLogEnd, nowMs, replicaLagTimeMaxMs)) {
                proposed.add(id);
            }
        }
        for (FollowerState f : followers) {
            if (!f.inIsr && f.logEnd >= highWatermark && f.logEnd >= leaderEpochStartOffset) {
                proposed.add(f.id);
            }
        }
        return proposed.equals(isr) ? Optional.empty() : Optional.of(List.copyOf(proposed));
    }

    /** The follower's last acknowledged log end; -1 if it has not acknowledged one to this leader. */
    public long followerLogEnd(int replicaId) {
        return follower(replicaId).logEnd;
    }

    /**
     * How many records the furthest-behind follower lacks, for a replication-lag gauge; followers that
     * have not acknowledged to this leader yet are not counted (their lag is unknown, not the whole log).
     */
    public long maxLagRecords() {
        long max = 0;
        for (FollowerState f : followers) {
            if (f.logEnd >= 0) {
                max = Math.max(max, leaderLogEnd - f.logEnd);
            }
        }
        return max;
    }

    private boolean advanceHighWatermark() {
        long min = leaderLogEnd;
        for (FollowerState f : followers) {
            if (f.inIsr) {
                if (f.logEnd < 0) {
                    return false;
                }
                min = Math.min(min, f.logEnd);
            }
        }
        if (min > highWatermark) {
            highWatermark = min;
            return true;
        }
        return false;
    }

    private FollowerState follower(int replicaId) {
        for (FollowerState f : followers) {
            if (f.id == replicaId) {
                return f;
            }
        }
        throw new IllegalArgumentException(replicaId == leaderId ? "replica " + replicaId + " is the leader"
                : "replica " + replicaId + " is not a replica of this partition: " + replicas);
    }

    private void checkIsr(List<Integer> candidate) {
        Set<Integer> distinct = new HashSet<>(candidate);
        if (distinct.size() != candidate.size() || !candidate.contains(leaderId) || !replicas.containsAll(candidate)) {
            throw new IllegalArgumentException("ISR " + candidate + " must be distinct replicas of " + replicas
                    + " including the leader " + leaderId);
        }
    }
}
