package io.rivulet.api;

import java.util.List;

/**
 * The cluster as described by {@link Admin#describeCluster()}; an embedded engine is a cluster of one.
 *
 * @param clusterId              the cluster's id, fixed when its first node formatted its data directory
 * @param controllerId           the id of the node acting as controller
 * @param nodes                  the registered nodes, sorted by id, fenced ones included
 *                               ({@link NodeDescription#fenced()})
 * @param reassigningPartitions  the partitions moving to other replicas right now
 *                               ({@link Admin#reassignPartition}, {@link Admin#drainNode}), sorted
 */
public record ClusterDescription(String clusterId, int controllerId, List<NodeDescription> nodes,
                                 List<TopicPartition> reassigningPartitions) {

    /** Copies the lists. */
    public ClusterDescription {
        nodes = List.copyOf(nodes);
        reassigningPartitions = List.copyOf(reassigningPartitions);
    }

    /** A cluster with no partition moving. */
    public ClusterDescription(String clusterId, int controllerId, List<NodeDescription> nodes) {
        this(clusterId, controllerId, nodes, List.of());
    }

    /** The nodes that are not fenced. */
    public List<NodeDescription> liveNodes() {
        return nodes.stream().filter(n -> !n.fenced()).toList();
    }
}
