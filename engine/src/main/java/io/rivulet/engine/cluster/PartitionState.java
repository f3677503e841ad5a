package io.rivulet.engine.cluster;

import java.util.List;

/**
 * One partition as the cluster metadata knows it: where its replicas live, who leads, and who is in
 * sync. Immutable.
 *
 * <p>{@code leaderEpoch} grows by one at every leader change (including to {@link #NO_LEADER}) and at
 * every change of the replica set (a reassignment), so a follower can tell which leader's log wins and a
 * leader starts a fresh leadership over the new replicas; {@code partitionEpoch} grows by one at every
 * change of any field, so an ISR change from a leader that read an older state is refused.
 *
 * <p>While a reassignment runs, {@code replicas} is the current replicas followed by the target's new
 * ones, and {@code targetReplicas} remembers the target; new replicas join the ISR through the leader's
 * ordinary ISR expansion, and when all of the target is in sync the replicas become the target
 * ({@link Reassignment}).
 *
 * @param partition      the partition number
 * @param replicas       the nodes that hold a copy, preferred leader first
 * @param leader         the leading node, or {@link #NO_LEADER} while no in-sync replica is alive
 * @param leaderEpoch    the leader's epoch
 * @param isr            the in-sync replicas, in replica-list order, never empty
 * @param partitionEpoch the version of this partition's state
 * @param targetReplicas the replicas a running reassignment moves to, empty when none runs
 */
public record PartitionState(int partition, List<Integer> replicas, int leader, int leaderEpoch,
                             List<Integer> isr, int partitionEpoch, List<Integer> targetReplicas) {

    /** The leader of a partition whose in-sync replicas are all fenced. */
    public static final int NO_LEADER = -1;

    /** Copies the lists. */
    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        targetReplicas = List.copyOf(targetReplicas);
    }

    /** A partition with no reassignment running. */
    public PartitionState(int partition, List<Integer> replicas, int leader, int leaderEpoch, List<Integer> isr,
                          int partitionEpoch) {
        this(partition, replicas, leader, leaderEpoch, isr, partitionEpoch, List.of());
    }

    /** Whether a reassignment of this partition runs. */
    public boolean reassigning() {
        return !targetReplicas.isEmpty();
    }

    /** The replicas this partition ends with: the target while a reassignment runs, else the replicas. */
    public List<Integer> finalReplicas() {
        return reassigning() ? targetReplicas : replicas;
    }

    /** Whether some node leads the partition. */
    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    /** This state with another leader and ISR; bumps the leader epoch if the leader changes and the partition epoch always. */
    PartitionState withLeaderAndIsr(int newLeader, List<Integer> newIsr) {
        int newLeaderEpoch = newLeader == leader ? leaderEpoch : leaderEpoch + 1;
        return new PartitionState(partition, replicas, newLeader, newLeaderEpoch, newIsr, partitionEpoch + 1,
                targetReplicas);
    }
}
