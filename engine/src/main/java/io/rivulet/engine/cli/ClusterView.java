package io.rivulet.engine.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How {@code rivulet cluster describe} shows the cluster: the controller line, one table row per node, and
 * the partitions moving — or one JSON line
 * {@code {"clusterId":…,"controller":…,"nodes":[{"id":…,"host":…,"port":…,"state":"live","leaders":…,"replicas":…}],"reassigning":["t-0"]}}.
 */
final class ClusterView {
    private ClusterView() {
    }

    /** The JSON document. */
    @JsonPropertyOrder({"clusterId", "controller", "nodes", "reassigning"})
    record Document(String clusterId, int controller, List<Node> nodes, List<String> reassigning) {
    }

    /** A node; {@code state} is {@code live}, {@code draining} (live, but drained) or {@code fenced}. */
    @JsonPropertyOrder({"id", "host", "port", "state", "leaders", "replicas"})
    record Node(int id, String host, int port, String state, int leaders, int replicas) {
    }

    static String json(ClusterDescription cluster) {
        List<Node> nodes = cluster.nodes().stream()
                .map(n -> new Node(n.id(), n.host(), n.port(), state(n), n.leaderCount(), n.replicaCount()))
                .toList();
        return Json.line(new Document(cluster.clusterId(), cluster.controllerId(), nodes, names(cluster)));
    }

    /** The controller line, the nodes table, and a line of the moving partitions when some are. */
    static List<String> text(ClusterDescription cluster) {
        List<String> lines = new ArrayList<>();
        lines.add("cluster " + cluster.clusterId() + ": controller node " + cluster.controllerId() + ", "
                + cluster.liveNodes().size() + " of " + cluster.nodes().size() + " nodes live");
        Table table = new Table("NODE", "HOST", "PORT", "STATE", "LEADERS", "REPLICAS");
        for (NodeDescription n : cluster.nodes()) {
            table.row(n.id(), n.host(), n.port(), state(n), n.leaderCount(), n.replicaCount());
        }
        lines.addAll(table.lines());
        if (!cluster.reassigningPartitions().isEmpty()) {
            lines.add("reassigning: " + String.join(", ", names(cluster)));
        }
        return lines;
    }

    private static String state(NodeDescription n) {
        return n.fenced() ? "fenced" : n.draining() ? "draining" : "live";
    }

    private static List<String> names(ClusterDescription cluster) {
        return cluster.reassigningPartitions().stream().map(TopicPartition::toString).collect(Collectors.toList());
    }
}
