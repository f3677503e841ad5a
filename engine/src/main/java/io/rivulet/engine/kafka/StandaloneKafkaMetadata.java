package io.rivulet.engine.kafka;

import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.net.ClusterMetadata;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A node without a cluster: its own controller and the leader of every partition, at its Kafka listener. Topic
 * ids are derived from topic names; the cluster id from the data directory.
 */
final class StandaloneKafkaMetadata implements KafkaMetadata {
    private final Engine engine;
    private final Supplier<ClusterMetadata.Node> self;
    private final String clusterId;
    private volatile Map<UUID, String> names = Map.of();

    StandaloneKafkaMetadata(Engine engine, Supplier<ClusterMetadata.Node> self) {
        this.engine = engine;
        this.self = self;
        this.clusterId = KafkaMetadata.derivedClusterId(engine.dataDir().toAbsolutePath().normalize().toString());
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public Mono<ClusterMetadata> describe(List<String> topics, boolean allowAutoCreate) {
        return Mono.fromCallable(() -> {
            List<String> names = topics == null ? engine.topics().names() : topics;
            List<ClusterMetadata.Topic> out = new ArrayList<>(names.size());
            for (String name : names) {
                try {
                    Topic t = allowAutoCreate ? engine.topics().getOrCreate(name) : engine.topics().get(name);
                    out.add(describe(t));
                } catch (RivuletException e) {
                    out.add(ClusterMetadata.Topic.failed(name, e.code(), e.getMessage()));
                }
            }
            int node = engine.config().nodeId();
            return new ClusterMetadata(node, List.of(self.get()), out);
        }).subscribeOn(engine.adminScheduler());
    }

    private ClusterMetadata.Topic describe(Topic t) {
        int node = engine.config().nodeId();
        List<ClusterMetadata.Partition> partitions = new ArrayList<>(t.partitionCount());
        for (Partition p : t.partitions()) {
            partitions.add(new ClusterMetadata.Partition(p.id().partition(), node, Math.max(0, p.leaderEpoch()),
                    List.of(node), List.of(node)));
        }
        return new ClusterMetadata.Topic(t.name(), null, null, partitions);
    }

    @Override
    public UUID topicId(String topic) {
        return KafkaMetadata.nameBasedId(topic);
    }

    /**
     * Asked for every partition of every produce and fetch from clients that name topics by id, so the ids are
     * kept rather than hashed from every topic's name each time; rebuilt when a topic is missing or gone.
     */
    @Override
    public Optional<String> topicName(UUID id) {
        String name = names.get(id);
        if (name == null || !engine.topics().exists(name)) {
            Map<UUID, String> fresh = new HashMap<>();
            engine.topics().names().forEach(n -> fresh.put(KafkaMetadata.nameBasedId(n), n));
            names = fresh;
            name = fresh.get(id);
        }
        return Optional.ofNullable(name);
    }
}
