package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The at-least-once bookkeeping of one group member: a {@link PartitionAcks} per owned partition,
 * created when the partition is assigned and dropped when it is revoked. A commit takes
 * {@link #pendingCommits()}, writes them, and marks each committed.
 *
 * <p>Memory is bounded by {@code max.ack.ahead} per owned partition. Thread-safe.
 */
public final class CommitTracker {

    /** A position to commit, with the partition incarnation it was read from. */
    public record PendingCommit(PartitionAcks acks, long position) {
        /** The partition. */
        public TopicPartition topicPartition() {
            return acks.topicPartition();
        }
    }

    private final int maxAckAhead;
    private final Map<TopicPartition, PartitionAcks> partitions = new ConcurrentHashMap<>();

    /** A tracker letting {@code maxAckAhead} records of each partition run ahead of the committable position. */
    public CommitTracker(int maxAckAhead) {
        if (maxAckAhead < 1) {
            throw new IllegalArgumentException("max.ack.ahead must be >= 1 but was " + maxAckAhead);
        }
        this.maxAckAhead = maxAckAhead;
    }

    /** {@code max.ack.ahead}. */
    public int maxAckAhead() {
        return maxAckAhead;
    }

    /**
     * Starts tracking {@code tp}, which resumes at {@code committedOffset} ({@link PartitionAcks#NO_POSITION}
     * if none). A previous incarnation of the partition is revoked. {@code onProgress} (may be null) runs
     * whenever the committable position advances.
     */
    public PartitionAcks assign(TopicPartition tp, long committedOffset, Runnable onProgress) {
        return assign(tp, 0, committedOffset, onProgress);
    }

    /** As {@link #assign(TopicPartition, long, Runnable)}, noting the group generation of the assignment. */
    public PartitionAcks assign(TopicPartition tp, int generation, long committedOffset, Runnable onProgress) {
        PartitionAcks acks = new PartitionAcks(tp, generation, committedOffset, maxAckAhead, onProgress);
        PartitionAcks previous = partitions.put(tp, acks);
        if (previous != null) {
            previous.revoke();
        }
        return acks;
    }

    /** The acknowledgements of {@code tp}, or null when it is not owned. */
    public PartitionAcks acks(TopicPartition tp) {
        return partitions.get(tp);
    }

    /** Whether a record of {@code tp} may be delivered now; false when it is not owned. */
    public boolean canDeliver(TopicPartition tp) {
        PartitionAcks acks = partitions.get(tp);
        return acks != null && acks.canDeliver();
    }

    /** The partitions tracked now. */
    public Set<TopicPartition> partitions() {
        return Set.copyOf(partitions.keySet());
    }

    /** Every partition whose committable position moved past its committed one. */
    public List<PendingCommit> pendingCommits() {
        List<PendingCommit> out = new ArrayList<>();
        for (PartitionAcks acks : partitions.values()) {
            long position = acks.uncommittedPosition();
            if (position != PartitionAcks.NO_POSITION) {
                out.add(new PendingCommit(acks, position));
            }
        }
        return out;
    }

    /** Notes that {@code pending} is durable. */
    public void markCommitted(PendingCommit pending) {
        pending.acks().markCommitted(pending.position());
    }

    /** Stops tracking {@code tp}, dropping its in-flight records. */
    public void revoke(TopicPartition tp) {
        PartitionAcks acks = partitions.remove(tp);
        if (acks != null) {
            acks.revoke();
        }
    }

    /**
     * Revokes {@code acks}, and stops tracking its partition if it is still the current incarnation
     * (a newer assignment of the same partition is left alone).
     */
    public void revoke(PartitionAcks acks) {
        partitions.remove(acks.topicPartition(), acks);
        acks.revoke();
    }

    /** Revokes every partition. */
    public void revokeAll() {
        for (TopicPartition tp : partitions()) {
            revoke(tp);
        }
    }
}
