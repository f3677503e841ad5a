package io.rivulet.api;

import java.util.List;

/**
 * The cluster as described by {@link Admin#describeCluster()}; an embedded engine is a cluster of one.
 *
 * @param clusterId    the cluster's id, fixed when its first node formatted its data directory
 * @param controllerId the id of the node acting as controller
 * @param nodes        the live nodes
 */
public record ClusterDescription(String clusterId, int controllerId, List<NodeDescription> nodes) {

    /** Copies the node list. */
    public ClusterDescription {
        nodes = List.copyOf(nodes);
    }
}
