package io.rivulet.engine.cluster;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.net.ClusterMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a cluster node answers to {@code CLUSTER_METADATA}, from an image. */
class ClusterNodeMetadataTest {
    private static final ClusterImage IMAGE = new ClusterImage(9,
            Map.of(1, new NodeState(new NodeEndpoint(1, "h1", 7071, 8081), false),
                    2, new NodeState(new NodeEndpoint(2, "h2", 7072, 8082), true),
                    3, new NodeState(new NodeEndpoint(3, "h3", 7073, 8083), false)),
            Map.of("orders", new TopicState("orders", UUID.randomUUID(), 3, Map.of(), List.of(
                            new PartitionState(0, List.of(1, 2, 3), 1, 4, List.of(1, 3), 7))),
                    "__internal", new TopicState("__internal", UUID.randomUUID(), 1, Map.of(), List.of(
                            new PartitionState(0, List.of(3), 3, 0, List.of(3), 0)))));

    @Test
    void everyTopicMeansTheUsersTopicsAndOnlyLiveNodesAreOffered() {
        ClusterMetadata m = ClusterNodeMetadata.describe(IMAGE, List.of(), 3);
        assertEquals(3, m.controller());
        assertEquals(List.of(new ClusterMetadata.Node(1, "h1", 7071), new ClusterMetadata.Node(3, "h3", 7073)), m.nodes());
        assertEquals(List.of("orders"), m.topics().stream().map(ClusterMetadata.Topic::name).toList());
        assertEquals(new ClusterMetadata.Partition(0, 1, 4, List.of(1, 2, 3), List.of(1, 3)),
                m.topics().get(0).partitions().get(0));
    }

    @Test
    void anUnknownTopicIsAnErrorForThatTopicOnly() {
        ClusterMetadata m = ClusterNodeMetadata.describe(IMAGE, List.of("nope", "orders"), 1);
        assertEquals(ErrorCode.UNKNOWN_TOPIC, m.topic("nope").orElseThrow().error());
        assertEquals(1, m.topic("orders").orElseThrow().partitions().size());
    }
}
