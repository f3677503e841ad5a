package io.rivulet.engine.net;

import io.rivulet.api.errors.ErrorCode;

import java.util.List;
import java.util.Optional;

/**
 * Where a client sends what: the nodes it can reach and, per topic asked for, each partition's leader,
 * leader epoch, replicas and in-sync replicas. A single node answers with itself as the leader of
 * everything; a cluster answers from its metadata, and any node can answer.
 *
 * @param controller the node running the cluster metadata now, or -1
 * @param nodes      every live node the client may connect to
 * @param topics     the topics asked for, each with its error ({@link ErrorCode#UNKNOWN_TOPIC}, say) or partitions
 */
public record ClusterMetadata(int controller, List<Node> nodes, List<Topic> topics) {
    /** Leader id of a partition that has none right now (its in-sync replicas are all down). */
    public static final int NO_LEADER = -1;

    public ClusterMetadata {
        nodes = List.copyOf(nodes);
        topics = List.copyOf(topics);
    }

    /** A node and the address of its native listener. */
    public record Node(int id, String host, int port) {
    }

    /** A topic's partitions, or why it has none to show ({@code error} is null when it is fine). */
    public record Topic(String name, ErrorCode error, String message, List<Partition> partitions) {
        public Topic {
            partitions = List.copyOf(partitions);
        }

        public static Topic failed(String name, ErrorCode error, String message) {
            return new Topic(name, error, message, List.of());
        }
    }

    /** One partition's placement. */
    public record Partition(int partition, int leader, int leaderEpoch, List<Integer> replicas, List<Integer> isr) {
        public Partition {
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
        }
    }

    public Optional<Topic> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<Node> node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst();
    }
}
