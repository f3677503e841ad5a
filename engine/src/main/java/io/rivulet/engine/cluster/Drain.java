package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Moving every replica off a node before an operator removes it: each partition with a replica there is
 * reassigned ({@link Reassignment}) to its replicas with that node replaced, in place, by the least loaded
 * live node not already among them and not itself being drained (fewest replicas, counting the targets of
 * running reassignments and the moves decided so far; the lowest id on a tie). The node stays registered and
 * keeps serving until it is stopped; the metadata marks it draining ({@link NodeState#draining()}), so no new
 * topic is placed on it.
 *
 * <p>All or nothing: if one partition cannot move, no partition does. Pure and deterministic.
 */
final class Drain {

    /** The reassignments to start, or why the drain was refused. */
    record Plan(Map<TopicPartition, List<Integer>> targets, MetadataResult result) {
    }

    private Drain() {
    }

    static Plan plan(ClusterImage image, int node) {
        if (image.node(node).isEmpty()) {
            return refused(ErrorCode.UNKNOWN_NODE, "cannot drain node " + node + ": it is not registered (nodes "
                    + image.nodes().keySet() + ")");
        }
        Map<Integer, Integer> load = new TreeMap<>();
        image.placeableNodes().forEach(id -> load.put(id, 0)); // never onto a node that is itself draining
        forEachPartition(image, (tp, p) -> p.finalReplicas().forEach(r -> load.computeIfPresent(r, (k, n) -> n + 1)));
        Map<TopicPartition, List<Integer>> targets = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        List<MetadataResult> refusal = new ArrayList<>(1);
        forEachPartition(image, (tp, p) -> {
            if (!refusal.isEmpty() || !p.finalReplicas().contains(node)) {
                return;
            }
            if (p.reassigning()) {
                refusal.add(MetadataResult.refused(ErrorCode.REASSIGNMENT_IN_PROGRESS, "cannot drain node " + node
                        + ": " + tp + " is moving to " + p.targetReplicas() + "; wait until that completes"));
                return;
            }
            int replacement = leastLoaded(load, p.replicas(), node);
            if (replacement == PartitionState.NO_LEADER) {
                refusal.add(MetadataResult.refused(ErrorCode.INVALID_REQUEST, "cannot drain node " + node + ": no live "
                        + "node that is not draining, outside " + tp + "'s replicas " + p.replicas() + " can take its copy; start another node"));
                return;
            }
            List<Integer> target = new ArrayList<>(p.replicas());
            target.set(target.indexOf(node), replacement);
            targets.put(tp, List.copyOf(target));
            load.merge(replacement, 1, Integer::sum);
            load.computeIfPresent(node, (k, n) -> n - 1);
        });
        return refusal.isEmpty() ? new Plan(targets, MetadataResult.OK) : new Plan(Map.of(), refusal.get(0));
    }

    private static int leastLoaded(Map<Integer, Integer> load, List<Integer> replicas, int drained) {
        int best = PartitionState.NO_LEADER;
        for (Map.Entry<Integer, Integer> e : load.entrySet()) { // ascending ids: the first minimum wins ties
            int id = e.getKey();
            if (id != drained && !replicas.contains(id) && (best == PartitionState.NO_LEADER || e.getValue() < load.get(best))) {
                best = id;
            }
        }
        return best;
    }

    private static void forEachPartition(ClusterImage image, BiConsumer<TopicPartition, PartitionState> action) {
        for (TopicState t : image.topics().values()) {
            for (PartitionState p : t.partitions()) {
                action.accept(new TopicPartition(t.name(), p.partition()), p);
            }
        }
    }

    private static Plan refused(ErrorCode code, String message) {
        return new Plan(Map.of(), MetadataResult.refused(code, message));
    }
}
