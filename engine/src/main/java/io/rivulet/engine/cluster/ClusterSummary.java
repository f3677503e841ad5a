package io.rivulet.engine.cluster;

import io.rivulet.api.ClusterDescription;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The api's view of the cluster from one image: every registered node with the partitions it leads and
 * holds, and the partitions moving. Pure.
 */
final class ClusterSummary {

    private ClusterSummary() {
    }

    static ClusterDescription describe(ClusterImage image, String clusterId, int controllerId) {
        Map<Integer, int[]> counts = new TreeMap<>(); // node -> {leaders, replicas}
        image.nodes().keySet().forEach(id -> counts.put(id, new int[2]));
        List<TopicPartition> moving = new ArrayList<>();
        for (TopicState t : image.topics().values()) {
            for (PartitionState p : t.partitions()) {
                int[] leader = counts.get(p.leader());
                if (leader != null) {
                    leader[0]++;
                }
                for (int replica : p.replicas()) {
                    int[] c = counts.get(replica);
                    if (c != null) {
                        c[1]++;
                    }
                }
                if (p.reassigning()) {
                    moving.add(new TopicPartition(t.name(), p.partition()));
                }
            }
        }
        List<NodeDescription> nodes = image.nodes().values().stream()
                .map(n -> new NodeDescription(n.id(), n.endpoint().host(), n.endpoint().nativePort(), n.fenced(),
                        counts.get(n.id())[0], counts.get(n.id())[1], n.draining()))
                .toList();
        return new ClusterDescription(clusterId, controllerId, nodes, moving);
    }

    /** How many partitions are still meant to end with a replica on {@code node}. */
    static int partitionsEndingOn(ClusterImage image, int node) {
        int count = 0;
        for (TopicState t : image.topics().values()) {
            for (PartitionState p : t.partitions()) {
                count += p.finalReplicas().contains(node) ? 1 : 0;
            }
        }
        return count;
    }
}
