package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;

import java.util.Map;
import java.util.Optional;

/**
 * The cluster's internal topic of committed offsets, {@code __consumer_offsets}: one partition, whose leader is
 * the group coordinator of the whole cluster. The cluster creates it itself, through the metadata, once enough
 * nodes are live to give it its replication factor: {@code min(3, controllers)} nodes, so a cluster whose
 * nodes start one by one does not settle for a single replica. The replication factor is then
 * {@code min(3, live nodes)}. Users cannot create or name {@code __} topics ({@link ClusterAdmin} refuses them).
 *
 * <p>Pure: a function of an image. Every node may propose the same command; the metadata applies the first and
 * refuses the others with {@code TOPIC_EXISTS}, which is the idempotence asked for.
 */
public final class OffsetsTopic {
    /** The topic's name. */
    public static final String NAME = "__consumer_offsets";
    /** Its only partition; its leader coordinates every group. */
    public static final TopicPartition PARTITION = new TopicPartition(NAME, 0);
    /** Kafka's default for {@code offsets.topic.replication.factor}. */
    static final int MAX_REPLICATION_FACTOR = 3;
    /**
     * Kept forever: retention would delete committed offsets of groups that commit rarely. Small segments, as
     * for a single node's offsets log.
     */
    static final Map<String, String> CONFIGS = Map.of("retention.ms", "-1", "segment.bytes", String.valueOf(4 << 20));

    private OffsetsTopic() {
    }

    /**
     * The command that creates the topic, when {@code image} lacks it and enough nodes are live; empty when it
     * exists or the cluster should wait for more nodes.
     *
     * @param controllers how many controller-eligible nodes the cluster was started with
     */
    public static Optional<MetadataCommand.CreateTopic> creation(ClusterImage image, int controllers) {
        if (image.topics().containsKey(NAME)) {
            return Optional.empty();
        }
        int live = image.placeableNodes().size(); // a draining node takes no replica of a new topic
        int wanted = Math.max(1, Math.min(MAX_REPLICATION_FACTOR, controllers));
        if (live < wanted) {
            return Optional.empty();
        }
        int rf = Math.min(MAX_REPLICATION_FACTOR, live);
        return Optional.of(new MetadataCommand.CreateTopic(NAME, 1, rf, CONFIGS));
    }
}
