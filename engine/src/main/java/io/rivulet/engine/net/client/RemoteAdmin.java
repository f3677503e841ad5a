package io.rivulet.engine.net.client;

import io.rivulet.api.Admin;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.net.AdminCodec;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.api.PartitionDescription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** {@link Admin} answered by a node. */
final class RemoteAdmin implements Admin {
    private final NodeClient client;
    private final RemoteGroupCoordinator groups;
    private final ClusterRoutes routes;

    RemoteAdmin(NodeClient client, RemoteGroupCoordinator groups, ClusterRoutes routes) {
        this.client = client;
        this.groups = groups;
        this.routes = routes;
    }

    /** Describes the topic first: finding the leader would create a missing topic on a node that auto-creates. */
    @Override
    public Mono<Long> offsetOf(io.rivulet.api.TopicPartition partition, io.rivulet.api.StartAt position) {
        return describeHere(partition.topic()).then(routes.leader(partition)).flatMap(leader -> leader.call(
                ApiKey.PARTITION_POSITION, b -> io.rivulet.engine.net.FetchCodec.writeOpen(b, partition, position),
                b -> b.readLong()));
    }

    @Override
    public Mono<Void> createTopic(NewTopic topic) {
        return client.call(ApiKey.CREATE_TOPIC, b -> AdminCodec.writeNewTopic(b, topic), b -> null);
    }

    @Override
    public Mono<Void> deleteTopic(String name) {
        return client.call(ApiKey.DELETE_TOPIC, b -> WireFormat.writeString(b, name), b -> null);
    }

    @Override
    public Mono<List<String>> listTopics() {
        return client.call(ApiKey.LIST_TOPICS, b -> { }, AdminCodec::readNames);
    }

    /**
     * In a cluster the node asked knows the placement of every partition but the offsets only of those it holds,
     * so each partition's log start and high watermark are asked of its leader (a partition whose leader cannot
     * be reached keeps what the node said).
     */
    @Override
    public Mono<TopicDescription> describeTopic(String name) {
        return describeHere(name).flatMap(d -> routes.topic(name).then(Mono.defer(() -> routes.isCluster()
                ? Flux.fromIterable(d.partitions()).flatMapSequential(p -> withLeaderOffsets(name, p)).collectList()
                        .map(partitions -> new TopicDescription(d.name(), d.configs(), partitions))
                : Mono.just(d))));
    }

    private Mono<TopicDescription> describeHere(String name) {
        return client.call(ApiKey.DESCRIBE_TOPIC, b -> WireFormat.writeString(b, name), AdminCodec::readTopic);
    }

    private Mono<PartitionDescription> withLeaderOffsets(String topic, PartitionDescription p) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        return routes.leader(tp)
                .flatMap(leader -> leader.call(ApiKey.PARTITION_OFFSETS, b -> WireFormat.writePartition(b, tp),
                        b -> new PartitionDescription(p.partition(), b.readLong(), b.readLong(), p.leader(),
                                p.replicas(), p.isr())))
                .onErrorReturn(p);
    }

    @Override
    public Mono<List<String>> listGroups() {
        return groups.listGroups();
    }

    @Override
    public Mono<GroupDescription> describeGroup(String groupId) {
        return groups.describeGroup(groupId);
    }

    @Override
    public Mono<Void> deleteGroup(String groupId) {
        return groups.deleteGroup(groupId);
    }

    @Override
    public Mono<Void> alterGroupOffsets(String groupId, java.util.Map<io.rivulet.api.TopicPartition, Long> offsets) {
        return groups.alterOffsets(groupId, java.util.Map.copyOf(offsets));
    }

    @Override
    public Mono<ClusterDescription> describeCluster() {
        return client.call(ApiKey.DESCRIBE_CLUSTER, b -> { }, AdminCodec::readCluster);
    }

    @Override
    public Mono<Void> reassignPartition(TopicPartition tp, List<Integer> replicas) {
        return client.call(ApiKey.REASSIGN_PARTITION, b -> AdminCodec.writeReassignment(b, tp, replicas), b -> null);
    }

    @Override
    public Mono<Void> drainNode(int nodeId) {
        return client.call(ApiKey.DRAIN_NODE, b -> b.writeInt(nodeId), b -> null);
    }
}
