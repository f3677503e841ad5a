package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moving a partition to another replica list, as Kafka does it: first the replicas grow to the current
 * ones plus the target's new ones, which start outside the ISR and copy from the leader; the leader's
 * ordinary ISR expansion takes them in once they caught up; when every target replica is in the ISR, the
 * replicas become the target, the removed ones leave the ISR, and a removed leader hands over to the first
 * target replica that was in sync before (leader epoch + 1).
 *
 * <p>Why "before": the leader adds a replica to the ISR once it reached the high watermark, but until the
 * leader learns the new ISR, records are acknowledged without that replica, so a just-added replica may
 * lack acknowledged records. A target replica that was already in the ISR the leader last read is counted
 * in its high watermark and holds every acknowledged record. When the change that completes the target
 * adds every target replica at once, the removed leader confirms later with an unchanged ISR, once they
 * all reached its high watermark ({@code ReplicaManager}); that change completes the move.
 *
 * <p>Any change of the replica set bumps the leader epoch even when the leader stays: the leader then
 * starts a fresh leadership that knows the new replicas, and followers fetch in the new epoch.
 *
 * <p>Pure: functions from a partition state (and the image, for node liveness) to the next one.
 */
final class Reassignment {

    /** The partition after the request, or why it was refused. */
    record Outcome(PartitionState partition, MetadataResult result) {
    }

    private Reassignment() {
    }

    /**
     * Starts moving {@code p} to {@code target}, and completes at once if every target replica is already
     * in sync (a reassignment that only drops or reorders replicas). Asking again for the target of the
     * running reassignment changes nothing; any other request while one runs is refused.
     */
    static Outcome start(PartitionState p, TopicPartition tp, List<Integer> target, ClusterImage image) {
        String where = "cannot reassign " + tp + " to " + target + ": ";
        if (target.isEmpty()) {
            return refused(p, ErrorCode.INVALID_REQUEST, where + "give at least one replica");
        }
        if (new HashSet<>(target).size() != target.size()) {
            return refused(p, ErrorCode.INVALID_REQUEST, where + "a node is listed twice");
        }
        for (int node : target) {
            if (image.node(node).isEmpty()) {
                return refused(p, ErrorCode.UNKNOWN_NODE, where + "node " + node + " is not registered (nodes "
                        + image.nodes().keySet() + ")");
            }
        }
        if (p.reassigning()) {
            if (p.targetReplicas().equals(target)) {
                return new Outcome(p, MetadataResult.OK);
            }
            return refused(p, ErrorCode.REASSIGNMENT_IN_PROGRESS, where + "it is still moving to "
                    + p.targetReplicas() + "; wait until that completes");
        }
        if (p.replicas().equals(target)) {
            return new Outcome(p, MetadataResult.OK);
        }
        List<Integer> replicas = new ArrayList<>(p.replicas());
        for (int node : target) {
            if (!replicas.contains(node)) {
                if (image.nodes().get(node).fenced()) {
                    return refused(p, ErrorCode.INVALID_REQUEST, where + "node " + node
                            + " is fenced and could not catch up; start it first");
                }
                replicas.add(node);
            }
        }
        boolean grew = replicas.size() > p.replicas().size();
        PartitionState moving = new PartitionState(p.partition(), replicas, p.leader(),
                grew ? p.leaderEpoch() + 1 : p.leaderEpoch(), p.isr(), p.partitionEpoch() + 1, target);
        return new Outcome(completeIfCaughtUp(moving, p.isr(), image), MetadataResult.OK);
    }

    /**
     * {@code p} with its reassignment completed if every target replica is in the ISR and, if the leader
     * is removed, some live target replica was in {@code previousIsr} to take over; otherwise {@code p}
     * itself.
     *
     * @param previousIsr the ISR before the change that produced {@code p}
     */
    static PartitionState completeIfCaughtUp(PartitionState p, List<Integer> previousIsr, ClusterImage image) {
        if (!p.reassigning() || !p.isr().containsAll(p.targetReplicas())) {
            return p;
        }
        List<Integer> target = p.targetReplicas();
        int leader = p.leader();
        List<Integer> isr = target;
        if (!target.contains(leader)) {
            leader = firstLiveIn(target, previousIsr, image);
            if (leader == PartitionState.NO_LEADER) {
                if (p.hasLeader()) {
                    return p; // the leader confirms once the new replicas hold its high watermark
                }
                isr = List.of(target.get(0)); // like a fenced last replica: it leads again when it returns
            }
        }
        boolean sameSet = Set.copyOf(target).equals(Set.copyOf(p.replicas()));
        int leaderEpoch = leader == p.leader() && sameSet ? p.leaderEpoch() : p.leaderEpoch() + 1;
        return new PartitionState(p.partition(), target, leader, leaderEpoch, isr, p.partitionEpoch() + 1);
    }

    private static int firstLiveIn(List<Integer> nodes, List<Integer> among, ClusterImage image) {
        for (int node : nodes) {
            if (among.contains(node) && image.node(node).map(n -> !n.fenced()).orElse(false)) {
                return node;
            }
        }
        return PartitionState.NO_LEADER;
    }

    private static Outcome refused(PartitionState p, ErrorCode code, String message) {
        return new Outcome(p, MetadataResult.refused(code, message));
    }
}
