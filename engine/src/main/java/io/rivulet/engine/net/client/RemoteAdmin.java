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
import reactor.core.publisher.Mono;

import java.util.List;

/** {@link Admin} answered by a node. */
final class RemoteAdmin implements Admin {
    private final NodeClient client;
    private final RemoteGroupCoordinator groups;

    RemoteAdmin(NodeClient client, RemoteGroupCoordinator groups) {
        this.client = client;
        this.groups = groups;
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

    @Override
    public Mono<TopicDescription> describeTopic(String name) {
        return client.call(ApiKey.DESCRIBE_TOPIC, b -> WireFormat.writeString(b, name), AdminCodec::readTopic);
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
