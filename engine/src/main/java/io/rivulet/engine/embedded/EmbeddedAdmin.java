package io.rivulet.engine.embedded;

import io.rivulet.api.Admin;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Admin requests on this node. Those that touch files (create, delete) run on the engine's admin
 * scheduler, never on the caller's thread, so an event loop may call them.
 */
final class EmbeddedAdmin implements Admin {
    private final Engine engine;

    EmbeddedAdmin(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Mono<Void> createTopic(NewTopic topic) {
        return Mono.<Void>fromRunnable(() -> {
            if (topic.replicationFactor() > 1) {
                throw new InvalidConfigException("replication.factor", topic.replicationFactor(),
                        "at most 1 on a single node (it has 1 live node); use a cluster for more replicas");
            }
            engine.topics().create(topic.name(), topic.partitions(), topic.configs());
        }).subscribeOn(engine.adminScheduler());
    }

    @Override
    public Mono<Void> deleteTopic(String name) {
        return Mono.<Void>fromRunnable(() -> engine.topics().delete(name)).subscribeOn(engine.adminScheduler());
    }

    @Override
    public Mono<List<String>> listTopics() {
        return Mono.fromCallable(() -> engine.topics().names());
    }

    @Override
    public Mono<TopicDescription> describeTopic(String name) {
        return Mono.fromCallable(() -> describe(engine.topics().get(name)));
    }

    private TopicDescription describe(Topic t) {
        int node = engine.config().nodeId();
        List<PartitionDescription> partitions = new ArrayList<>(t.partitionCount());
        for (Partition p : t.partitions()) {
            partitions.add(new PartitionDescription(p.id().partition(), p.logStartOffset(), p.highWatermark(), node,
                    List.of(node), List.of(node)));
        }
        Map<String, String> configs = new TreeMap<>(t.config().toMap());
        return new TopicDescription(t.name(), configs, partitions);
    }

    @Override
    public Mono<List<String>> listGroups() {
        return engine.groups().listGroups();
    }

    @Override
    public Mono<GroupDescription> describeGroup(String groupId) {
        return engine.groups().describeGroup(groupId);
    }

    @Override
    public Mono<Long> offsetOf(io.rivulet.api.TopicPartition partition, io.rivulet.api.StartAt position) {
        return Mono.fromCallable(() -> io.rivulet.engine.fetch.StartPositions.resolve(
                engine.topics().partition(partition), position));
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return engine.groups().deleteGroup(groupId);
    }

    @Override
    public Mono<Void> alterGroupOffsets(String groupId, java.util.Map<io.rivulet.api.TopicPartition, Long> offsets) {
        return engine.groups().alterOffsets(groupId, java.util.Map.copyOf(offsets));
    }

    @Override
    public Mono<ClusterDescription> describeCluster() {
        return Mono.fromCallable(() -> {
            int node = engine.config().nodeId();
            int partitions = engine.topics().all().stream().mapToInt(Topic::partitionCount).sum();
            return new ClusterDescription("embedded-" + engine.dataDir(), node,
                    List.of(new NodeDescription(node, "localhost", 0, false, partitions, partitions)));
        });
    }

    @Override
    public Mono<Void> reassignPartition(TopicPartition tp, List<Integer> replicas) {
        return Mono.error(needsACluster("reassign " + tp));
    }

    @Override
    public Mono<Void> drainNode(int nodeId) {
        return Mono.error(needsACluster("drain node " + nodeId));
    }

    private static RivuletException needsACluster(String what) {
        return new RivuletException(ErrorCode.CLUSTER_REQUIRED, "cannot " + what + ": moving replicas needs a "
                + "cluster, and this is a single embedded node; start nodes with `rivulet server --cluster ...` and "
                + "use --bootstrap");
    }
}
