package io.rivulet.engine.kafka;

import io.rivulet.engine.net.ClusterMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What the Kafka door tells clients about the cluster: nodes at their Kafka listeners, topics with their ids,
 * and where each partition is led. A single node answers for itself ({@link StandaloneKafkaMetadata}); a
 * cluster node from the cluster's metadata. Free of Kafka types, so a cluster can implement it outside this
 * package.
 */
public interface KafkaMetadata {

    /** The id Kafka clients see as {@code cluster.id}: stable across restarts. */
    String clusterId();

    /**
     * The nodes (with their Kafka ports), the controller and the placement of {@code topics} (every topic when
     * null). A topic asked for that does not exist is created when {@code allowAutoCreate} is set and the node
     * auto-creates topics; otherwise it comes back with an error.
     */
    Mono<ClusterMetadata> describe(List<String> topics, boolean allowAutoCreate);

    /** The id of {@code topic}. */
    UUID topicId(String topic);

    /** The topic whose id is {@code id}, if this node knows it. */
    Optional<String> topicName(UUID id);

    /**
     * A topic id derived from the topic's name: stable across restarts, for a node whose topics have no ids
     * of their own. (A topic deleted and created again keeps its id, which Kafka would change.)
     */
    static UUID nameBasedId(String topic) {
        return UUID.nameUUIDFromBytes(("rivulet-topic:" + topic).getBytes(StandardCharsets.UTF_8));
    }

    /** A cluster id stable for {@code seed}, as Kafka writes them: 22 characters of URL-safe base64. */
    static String derivedClusterId(String seed) {
        UUID id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
