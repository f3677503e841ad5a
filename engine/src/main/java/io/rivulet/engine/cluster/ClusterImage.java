package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the cluster metadata holds at one point of the Raft log: the registered nodes and the
 * topics with their partitions' replicas, leaders, epochs and ISRs. Immutable and thread-safe; a
 * command produces a new image ({@link MetadataMachine#apply}).
 */
public final class ClusterImage {

    /** The image before any command: no nodes, no topics, version 0. */
    public static final ClusterImage EMPTY = new ClusterImage(0, Map.of(), Map.of());

    private final long version;
    private final SortedMap<Integer, NodeState> nodes;
    private final SortedMap<String, TopicState> topics;

    /**
     * An image at {@code version}; the maps are copied and must be keyed by node id and topic name.
     */
    public ClusterImage(long version, Map<Integer, NodeState> nodes, Map<String, TopicState> topics) {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0 but was " + version);
        }
        this.version = version;
        this.nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        this.topics = Collections.unmodifiableSortedMap(new TreeMap<>(topics));
        this.nodes.forEach((id, node) -> {
            if (node.id() != id) {
                throw new IllegalArgumentException("node " + node.id() + " is keyed as " + id);
            }
        });
        this.topics.forEach((name, topic) -> {
            if (!topic.name().equals(name)) {
                throw new IllegalArgumentException("topic '" + topic.name() + "' is keyed as '" + name + "'");
            }
        });
    }

    /**
     * The Raft index of the last applied command that changed this image (0 for {@link #EMPTY}).
     * A refused command changes nothing and so leaves the version alone; two images with the same
     * version are equal.
     */
    public long version() {
        return version;
    }

    /** The registered nodes, sorted by id. */
    public Map<Integer, NodeState> nodes() {
        return nodes;
    }

    /** The topics, sorted by name. */
    public Map<String, TopicState> topics() {
        return topics;
    }

    /** The node with this id, if registered. */
    public Optional<NodeState> node(int id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** The topic with this name, if it exists. */
    public Optional<TopicState> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    /** The partition's state, if its topic exists and has that partition. */
    public Optional<PartitionState> partition(TopicPartition tp) {
        TopicState topic = topics.get(tp.topic());
        if (topic == null || tp.partition() >= topic.partitions().size()) {
            return Optional.empty();
        }
        return Optional.of(topic.partitions().get(tp.partition()));
    }

    /** The ids of the nodes that are registered and not fenced, ascending. */
    public List<Integer> liveNodes() {
        return nodes.values().stream().filter(n -> !n.fenced()).map(NodeState::id).toList();
    }

    /**
     * The nodes a new replica may go to: live and not draining, ascending ({@link ReplicaPlacement},
     * {@link Drain}).
     */
    public List<Integer> placeableNodes() {
        return nodes.values().stream().filter(n -> !n.fenced() && !n.draining()).map(NodeState::id).toList();
    }

    /** The ids of the registered nodes being drained, ascending. */
    public List<Integer> drainingNodes() {
        return nodes.values().stream().filter(NodeState::draining).map(NodeState::id).toList();
    }

    /** How many partitions all topics have together. */
    public int partitionCount() {
        return topics.values().stream().mapToInt(t -> t.partitions().size()).sum();
    }

    /** This image's content at another version. */
    ClusterImage withVersion(long newVersion) {
        return new ClusterImage(newVersion, nodes, topics);
    }

    /** This image with {@code node} added or replaced. */
    ClusterImage with(NodeState node) {
        TreeMap<Integer, NodeState> copy = new TreeMap<>(nodes);
        copy.put(node.id(), node);
        return new ClusterImage(version, copy, topics);
    }

    /** This image with {@code topic} added or replaced. */
    ClusterImage with(TopicState topic) {
        TreeMap<String, TopicState> copy = new TreeMap<>(topics);
        copy.put(topic.name(), topic);
        return new ClusterImage(version, nodes, copy);
    }

    /** This image with the topics replaced. */
    ClusterImage withTopics(Map<String, TopicState> newTopics) {
        return new ClusterImage(version, nodes, newTopics);
    }

    /** This image without the topic. */
    ClusterImage without(String topic) {
        TreeMap<String, TopicState> copy = new TreeMap<>(topics);
        copy.remove(topic);
        return new ClusterImage(version, nodes, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterImage other && version == other.version
                && nodes.equals(other.nodes) && topics.equals(other.topics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, nodes, topics);
    }

    @Override
    public String toString() {
        return "ClusterImage{version=" + version + ", nodes=" + nodes.values() + ", topics=" + topics.values() + "}";
    }
}
