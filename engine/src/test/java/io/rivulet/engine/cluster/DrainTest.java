package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Draining a node: every partition on it is reassigned away, to the least loaded live node. */
class DrainTest {

    private final MachineDriver machine = new MachineDriver();

    private MetadataResult run(MetadataCommand command) {
        return machine.run(command);
    }

    private PartitionState partition(String topic, int p) {
        return machine.image().partition(new TopicPartition(topic, p)).orElseThrow();
    }

    @BeforeEach
    void threeNodesWithATopicThenAFourthNode() {
        for (int id = 1; id <= 3; id++) {
            run(new MetadataCommand.RegisterNode(new NodeEndpoint(id, "h" + id, 7000 + id, 8000 + id)));
        }
        assertEquals(MetadataResult.OK, run(new MetadataCommand.CreateTopic("t", 3, 2, Map.of())));
        run(new MetadataCommand.RegisterNode(new NodeEndpoint(4, "h4", 7004, 8004)));
    }

    @Test
    void everyPartitionOnTheNodeMovesToALiveNodeOutsideItsReplicas() {
        assertEquals(MetadataResult.OK, run(new MetadataCommand.DrainNode(2)));
        for (PartitionState p : machine.image().topic("t").orElseThrow().partitions()) {
            assertFalse(p.finalReplicas().contains(2), p.toString());
            assertEquals(2, p.finalReplicas().size(), p.toString());
        }
        assertTrue(machine.image().node(2).isPresent(), "a drained node stays registered");
    }

    @Test
    void theReplacementIsTheLeastLoadedLiveNodeAndTheLoadIsCountedAsItGoes() {
        // nodes 1..3 hold 2 replicas each, node 4 none: the first move goes to 4, the next to whoever is least loaded
        assertEquals(MetadataResult.OK, run(new MetadataCommand.DrainNode(1)));
        int onFour = 0;
        for (PartitionState p : machine.image().topic("t").orElseThrow().partitions()) {
            onFour += p.finalReplicas().contains(4) ? 1 : 0;
        }
        assertEquals(2, onFour, "node 4 (empty) takes both of node 1's replicas: " + machine.image().topic("t"));
    }

    @Test
    void aReplicaKeepsItsPositionSoTheReplacementInheritsPreference() {
        PartitionState before = partition("t", 0);
        int drained = before.replicas().get(0);
        run(new MetadataCommand.DrainNode(drained));
        List<Integer> target = partition("t", 0).finalReplicas();
        assertEquals(before.replicas().get(1), target.get(1));
        assertFalse(target.contains(drained));
    }

    @Test
    void anUnknownNodeIsRefused() {
        assertEquals(ErrorCode.UNKNOWN_NODE, run(new MetadataCommand.DrainNode(9)).error());
    }

    @Test
    void aNodeWithoutReplicasDrainsToNothingButIsMarkedDraining() {
        ClusterImage before = machine.image();
        assertEquals(MetadataResult.OK, run(new MetadataCommand.DrainNode(4)));
        assertEquals(before.topics(), machine.image().topics(), "nothing moves");
        assertTrue(machine.image().nodes().get(4).draining());
        ClusterImage drained = machine.image();
        assertEquals(MetadataResult.OK, run(new MetadataCommand.DrainNode(4)));
        assertSame(drained, machine.image(), "draining again changes nothing");
    }

    @Test
    void withNoNodeToTakeACopyNothingMoves() {
        run(new MetadataCommand.FenceNode(3));
        run(new MetadataCommand.FenceNode(4));
        ClusterImage before = machine.image();
        MetadataResult result = run(new MetadataCommand.DrainNode(1));
        assertEquals(ErrorCode.INVALID_REQUEST, result.error());
        assertTrue(result.message().contains("start another node"), result.message());
        assertSame(before, machine.image(), "all or nothing");
    }

    @Test
    void aPartitionMovingOntoTheNodeRefusesTheDrain() {
        PartitionState p = partition("t", 0);
        List<Integer> target = List.of(p.replicas().get(0), 4);
        assertEquals(MetadataResult.OK, run(new MetadataCommand.ReassignPartition(new TopicPartition("t", 0), target)));
        assertEquals(ErrorCode.REASSIGNMENT_IN_PROGRESS, run(new MetadataCommand.DrainNode(4)).error());
    }
}
