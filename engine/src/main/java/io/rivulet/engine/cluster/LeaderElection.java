package io.rivulet.engine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What fencing or unfencing a node does to one partition: the ISR and leader rules. A partition whose in-sync
 * replicas are all fenced waits, leaderless, for the last of them; unless its topic allows an unclean election
 * ({@code unclean.leader.election.enable}), when a live replica outside the ISR takes over and becomes the whole
 * ISR — the records only the fenced replicas held are lost, and they cut them when they return (leader epochs).
 *
 * <p>Pure: functions from a partition state to the next one.
 */
final class LeaderElection {

    private LeaderElection() {
    }

    /**
     * The partition after {@code node} is fenced. The node leaves the ISR unless it is its last member;
     * if it led, the first replica (in replica order) that is in the new ISR and not fenced leads; failing that,
     * with {@code unclean}, the first replica not fenced leads with an ISR of itself alone; or none does and the
     * ISR stays {@code [node]}, so the node leads again when it comes back.
     *
     * @param fenced every fenced node, {@code node} included
     * @return the new state, or {@code p} itself if nothing changes
     */
    static PartitionState onFenced(PartitionState p, int node, Set<Integer> fenced, boolean unclean) {
        List<Integer> isr = p.isr();
        if (isr.contains(node) && isr.size() > 1) {
            isr = new ArrayList<>(isr);
            isr.remove(Integer.valueOf(node));
        }
        int leader = p.leader();
        if (leader == node) {
            leader = firstEligible(p.replicas(), isr, fenced);
            if (leader == PartitionState.NO_LEADER && unclean) {
                leader = firstEligible(p.replicas(), p.replicas(), fenced);
                isr = leader == PartitionState.NO_LEADER ? isr : List.of(leader);
            }
            if (leader == PartitionState.NO_LEADER) {
                isr = List.of(node);
            }
        }
        if (leader == p.leader() && isr.equals(p.isr())) {
            return p;
        }
        return p.withLeaderAndIsr(leader, isr);
    }

    /**
     * The partition after {@code node} is unfenced (or registers again): if it has no leader and its
     * ISR holds {@code node}, the node leads it; with {@code unclean}, any replica of a leaderless partition
     * leads it, with an ISR of itself alone if it was not in the ISR.
     *
     * @return the new state, or {@code p} itself if nothing changes
     */
    static PartitionState onUnfenced(PartitionState p, int node, boolean unclean) {
        if (p.hasLeader() || !p.replicas().contains(node)) {
            return p;
        }
        if (p.isr().contains(node)) {
            return p.withLeaderAndIsr(node, p.isr());
        }
        return unclean ? p.withLeaderAndIsr(node, List.of(node)) : p;
    }

    private static int firstEligible(List<Integer> replicas, List<Integer> isr, Set<Integer> fenced) {
        for (int replica : replicas) {
            if (isr.contains(replica) && !fenced.contains(replica)) {
                return replica;
            }
        }
        return PartitionState.NO_LEADER;
    }
}
