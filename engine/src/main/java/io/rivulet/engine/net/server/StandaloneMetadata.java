package io.rivulet.engine.net.server;

import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.net.ClusterMetadata;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The metadata of a node without a cluster: it is its own {@code node.id}, at the address its listener is
 * bound to, and leads every partition alone. A topic asked for is created first when the node auto-creates
 * topics.
 */
final class StandaloneMetadata implements NodeMetadata {
    private final Engine engine;
    private final Supplier<ClusterMetadata.Node> self;

    StandaloneMetadata(Engine engine, Supplier<ClusterMetadata.Node> self) {
        this.engine = engine;
        this.self = self;
    }

    @Override
    public Mono<ClusterMetadata> describe(List<String> topics) {
        return Mono.fromCallable(() -> {
            List<String> names = topics.isEmpty() ? engine.topics().names() : topics;
            List<ClusterMetadata.Topic> out = new ArrayList<>(names.size());
            for (String name : names) {
                try {
                    out.add(describe(engine.topics().getOrCreate(name)));
                } catch (RivuletException e) {
                    out.add(ClusterMetadata.Topic.failed(name, e.code(), e.getMessage()));
                }
            }
            return new ClusterMetadata(engine.config().nodeId(), List.of(self.get()), out);
        }).subscribeOn(engine.adminScheduler());
    }

    private ClusterMetadata.Topic describe(Topic t) {
        int node = engine.config().nodeId();
        List<ClusterMetadata.Partition> partitions = new ArrayList<>(t.partitionCount());
        for (Partition p : t.partitions()) {
            partitions.add(new ClusterMetadata.Partition(p.id().partition(), node, p.leaderEpoch(),
                    List.of(node), List.of(node)));
        }
        return new ClusterMetadata.Topic(t.name(), null, null, partitions);
    }
}
