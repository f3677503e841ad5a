package io.rivulet.engine.cluster;

import io.rivulet.api.errors.ErrorCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks and applies a leader's {@link MetadataCommand.AlterIsr} to its partition.
 *
 * <p>The request must come from the current leader at the current leader and partition epochs (a
 * leader that read an older state gets {@link ErrorCode#NOT_LEADER} and must refresh); the new ISR
 * must hold the leader, lie within the replicas, and add only unfenced nodes. The stored ISR is put
 * in replica order, so equal sets compare equal.
 *
 * <p>Pure.
 */
final class IsrChange {

    /** The partition after the change, or why it was refused. */
    record Outcome(PartitionState partition, MetadataResult result) {
    }

    private IsrChange() {
    }

    static Outcome apply(PartitionState p, MetadataCommand.AlterIsr change, ClusterImage image) {
        String where = change.tp().toString();
        if (!p.hasLeader()) {
            return refused(p, ErrorCode.NOT_LEADER, where + " has no leader: its last in-sync replica "
                    + p.isr() + " is fenced");
        }
        if (change.leaderId() != p.leader()) {
            return refused(p, ErrorCode.NOT_LEADER, "node " + change.leaderId() + " does not lead " + where
                    + "; node " + p.leader() + " does (refresh metadata)");
        }
        if (change.leaderEpoch() != p.leaderEpoch()) {
            return refused(p, ErrorCode.NOT_LEADER, "leader epoch " + change.leaderEpoch() + " of " + where
                    + " is stale; it is now " + p.leaderEpoch() + " (refresh metadata)");
        }
        if (change.partitionEpoch() != p.partitionEpoch()) {
            return refused(p, ErrorCode.NOT_LEADER, "partition epoch " + change.partitionEpoch() + " of " + where
                    + " is stale; it is now " + p.partitionEpoch() + " (refresh metadata)");
        }
        Set<Integer> requested = new HashSet<>(change.isr());
        if (requested.size() != change.isr().size()) {
            return refused(p, ErrorCode.INVALID_REQUEST, "ISR " + change.isr() + " for " + where + " repeats a node");
        }
        if (!requested.contains(p.leader())) {
            return refused(p, ErrorCode.INVALID_REQUEST, "ISR " + change.isr() + " for " + where
                    + " leaves out its leader " + p.leader());
        }
        if (!p.replicas().containsAll(requested)) {
            return refused(p, ErrorCode.INVALID_REQUEST, "ISR " + change.isr() + " for " + where
                    + " is not within its replicas " + p.replicas());
        }
        for (int node : requested) {
            boolean added = !p.isr().contains(node);
            boolean alive = image.node(node).map(n -> !n.fenced()).orElse(false);
            if (added && !alive) {
                return refused(p, ErrorCode.INVALID_REQUEST, "node " + node + " cannot join the ISR of " + where
                        + ": it is fenced or not registered");
            }
        }
        List<Integer> isr = new ArrayList<>();
        for (int replica : p.replicas()) {
            if (requested.contains(replica)) {
                isr.add(replica);
            }
        }
        return new Outcome(p.withLeaderAndIsr(p.leader(), isr), MetadataResult.OK);
    }

    private static Outcome refused(PartitionState p, ErrorCode code, String message) {
        return new Outcome(p, MetadataResult.refused(code, message));
    }
}
