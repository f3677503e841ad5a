package io.rivulet.engine.cluster;

import io.rivulet.engine.kafka.KafkaMetadata;
import io.rivulet.engine.net.ClusterMetadata;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * What a cluster node's Kafka door tells Kafka clients: the live nodes at their Kafka listeners, each topic's
 * id from the cluster metadata, and each partition's leader, epoch, replicas and ISR — so a client sends to
 * the leader, and a node that no longer leads answers {@code NOT_LEADER_OR_FOLLOWER} and the client asks again.
 * Topics are created only through the admin, never by asking for them.
 */
public final class ClusterKafkaMetadata implements KafkaMetadata {
    private final Supplier<MetadataQuorum> quorum;
    private final String clusterId;

    /**
     * @param quorum    this node's metadata quorum, once it has joined (the supplier throws a retriable error before)
     * @param clusterId the cluster's id, the same on every node: derived from it for Kafka's id format
     */
    public ClusterKafkaMetadata(Supplier<MetadataQuorum> quorum, String clusterId) {
        this.quorum = quorum;
        this.clusterId = KafkaMetadata.derivedClusterId("rivulet-cluster:" + clusterId);
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public Mono<ClusterMetadata> describe(List<String> topics, boolean allowAutoCreate) {
        return Mono.fromCallable(() -> {
            MetadataQuorum q = quorum.get();
            return ClusterNodeMetadata.describe(q.image(), topics == null ? List.of() : topics, q.controllerId(),
                    NodeEndpoint::kafkaPort);
        });
    }

    @Override
    public UUID topicId(String topic) {
        return quorum.get().image().topic(topic).map(TopicState::id).orElseGet(() -> KafkaMetadata.nameBasedId(topic));
    }

    @Override
    public Optional<String> topicName(UUID id) {
        return quorum.get().image().topics().values().stream().filter(t -> t.id().equals(id)).map(TopicState::name)
                .findFirst();
    }
}
