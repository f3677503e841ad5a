package io.rivulet.engine.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetsTopicTest {

    @Test
    void waitsForAsManyLiveNodesAsItsReplicationFactorWants() {
        assertTrue(OffsetsTopic.creation(image(1), 3).isEmpty(), "one of three controllers up: wait");
        assertTrue(OffsetsTopic.creation(image(2), 3).isEmpty());
        MetadataCommand.CreateTopic create = OffsetsTopic.creation(image(3), 3).orElseThrow();
        assertEquals(OffsetsTopic.NAME, create.name());
        assertEquals(1, create.partitions());
        assertEquals(3, create.replicationFactor());
    }

    @Test
    void replicationFactorIsThreeAtMostAndTheLiveNodesAtLeast() {
        assertEquals(3, OffsetsTopic.creation(image(5), 5).orElseThrow().replicationFactor());
        assertEquals(1, OffsetsTopic.creation(image(1), 1).orElseThrow().replicationFactor(), "a one-node cluster");
        assertEquals(2, OffsetsTopic.creation(image(2), 1).orElseThrow().replicationFactor(),
                "one controller, two brokers");
    }

    @Test
    void keepsCommittedOffsetsForever() {
        assertEquals("-1", OffsetsTopic.creation(image(3), 3).orElseThrow().configs().get("retention.ms"));
    }

    @Test
    void proposesNothingOnceTheTopicExists() {
        ClusterImage image = image(3).with(new TopicState(OffsetsTopic.NAME, UUID.randomUUID(), 3, Map.of(),
                List.of(new PartitionState(0, List.of(1, 2, 3), 1, 0, List.of(1, 2, 3), 0))));
        assertTrue(OffsetsTopic.creation(image, 3).isEmpty());
    }

    @Test
    void theMetadataAcceptsTheInternalNameFromTheCluster() {
        MetadataCommand.CreateTopic create = OffsetsTopic.creation(image(3), 3).orElseThrow();
        MetadataMachine.Applied applied = MetadataMachine.apply(image(3), create, 7);
        assertTrue(applied.result().ok(), applied.result().toString());
        assertEquals(3, applied.image().topic(OffsetsTopic.NAME).orElseThrow().partitions().get(0).replicas().size());
    }

    private static ClusterImage image(int live) {
        Map<Integer, NodeState> nodes = new HashMap<>();
        for (int id = 1; id <= live; id++) {
            nodes.put(id, new NodeState(new NodeEndpoint(id, "h" + id, 7070 + id, 8080 + id), false));
        }
        return new ClusterImage(1, nodes, Map.of());
    }
}
