package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.topic.TopicSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.rivulet.engine.cluster.PartitionState.NO_LEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine's rules, one behaviour per test, on images built by its own commands. */
class MetadataMachineTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private final MachineDriver machine = new MachineDriver();

    private MetadataResult run(MetadataCommand command) {
        return machine.run(command);
    }

    private void register(int... ids) {
        machine.register(ids);
    }

    private static NodeEndpoint endpoint(int id) {
        return MachineDriver.endpoint(id);
    }

    private void createT(int partitions, int replicationFactor) {
        assertEquals(MetadataResult.OK, run(new MetadataCommand.CreateTopic("t", partitions, replicationFactor, Map.of())));
    }

    private PartitionState t0() {
        return machine.image().partition(T0).orElseThrow();
    }

    @Test
    void registeringAddsAnUnfencedNodeAndBumpsTheVersionToTheIndex() {
        register(1);
        assertEquals(List.of(1), machine.image().liveNodes());
        assertEquals(1, machine.image().version());
        assertEquals(endpoint(1), machine.image().nodes().get(1).endpoint());
    }

    @Test
    void registeringAgainUnchangedLeavesTheImageAlone() {
        register(1);
        ClusterImage before = machine.image();
        register(1);
        assertSame(before, machine.image());
    }

    @Test
    void registeringUpdatesTheEndpoint() {
        register(1);
        NodeEndpoint moved = new NodeEndpoint(1, "elsewhere", 1, 2);
        run(new MetadataCommand.RegisterNode(moved));
        assertEquals(moved, machine.image().nodes().get(1).endpoint());
    }

    @Test
    void createTopicPlacesReplicasAndStartsEpochsAtZero() {
        register(1, 2, 3);
        createT(3, 2);
        TopicState t = machine.image().topics().get("t");
        assertEquals(2, t.replicationFactor());
        for (PartitionState p : t.partitions()) {
            assertEquals(2, p.replicas().size());
            assertEquals(p.replicas().get(0), p.leader());
            assertEquals(p.replicas(), p.isr());
            assertEquals(0, p.leaderEpoch());
            assertEquals(0, p.partitionEpoch());
        }
        assertEquals(List.of(1, 2, 3), t.partitions().stream().map(PartitionState::leader).sorted().toList());
    }

    @Test
    void createTopicIdIsDeterministicAndDiffersAfterRecreation() {
        register(1);
        createT(1, 1);
        var first = machine.image().topics().get("t").id();
        assertEquals(MetadataMachine.topicId("t", machine.index()), first);
        run(new MetadataCommand.DeleteTopic("t"));
        createT(1, 1);
        assertNotEquals(first, machine.image().topics().get("t").id());
    }

    @Test
    void createExistingTopicIsRefused() {
        register(1);
        createT(1, 1);
        ClusterImage before = machine.image();
        MetadataResult result = run(new MetadataCommand.CreateTopic("t", 1, 1, Map.of()));
        assertEquals(ErrorCode.TOPIC_EXISTS, result.error());
        assertSame(before, machine.image());
    }

    @Test
    void replicationFactorAboveLiveNodesIsRefusedWithAnActionableMessage() {
        register(1, 2, 3);
        run(new MetadataCommand.FenceNode(3));
        MetadataResult result = run(new MetadataCommand.CreateTopic("t", 1, 3, Map.of()));
        assertEquals(ErrorCode.INVALID_CONFIG, result.error());
        assertEquals("replication factor 3 is more than the 2 live nodes (1, 2); start more nodes or lower "
                + "--replication-factor", result.message());
    }

    @Test
    void zeroPartitionsOrReplicationFactorIsRefused() {
        register(1);
        assertEquals(ErrorCode.INVALID_CONFIG, run(new MetadataCommand.CreateTopic("t", 0, 1, Map.of())).error());
        assertEquals(ErrorCode.INVALID_CONFIG, run(new MetadataCommand.CreateTopic("t", 1, 0, Map.of())).error());
        assertTrue(machine.image().topics().isEmpty());
    }

    @Test
    void invalidTopicNameIsRefused() {
        register(1);
        MetadataResult result = run(new MetadataCommand.CreateTopic("a b", 1, 1, Map.of()));
        assertEquals(ErrorCode.INVALID_TOPIC, result.error());
    }

    @Test
    void fencingAFollowerRemovesItFromTheIsr() {
        register(1, 2, 3);
        createT(1, 3);   // replicas [1, 2, 3], leader 1
        run(new MetadataCommand.FenceNode(2));
        assertEquals(new PartitionState(0, List.of(1, 2, 3), 1, 0, List.of(1, 3), 1), t0());
        assertTrue(machine.image().nodes().get(2).fenced());
    }

    @Test
    void fencingTheLeaderElectsTheFirstInSyncUnfencedReplica() {
        register(1, 2, 3);
        createT(1, 3);
        run(new MetadataCommand.FenceNode(1));
        assertEquals(new PartitionState(0, List.of(1, 2, 3), 2, 1, List.of(2, 3), 1), t0());
    }

    @Test
    void fencingTheLastInSyncLeaderLeavesNoLeaderAndKeepsItInTheIsr() {
        register(1, 2);
        createT(1, 2);   // [1, 2]
        run(new MetadataCommand.FenceNode(2));
        run(new MetadataCommand.FenceNode(1));
        assertEquals(new PartitionState(0, List.of(1, 2), NO_LEADER, 1, List.of(1), 2), t0());
    }

    @Test
    void fencingAFencedNodeChangesNothing() {
        register(1, 2);
        run(new MetadataCommand.FenceNode(2));
        ClusterImage before = machine.image();
        assertEquals(MetadataResult.OK, run(new MetadataCommand.FenceNode(2)));
        assertSame(before, machine.image());
    }

    @Test
    void unfencingTheLastInSyncReplicaMakesItLeader() {
        register(1, 2);
        createT(1, 2);
        run(new MetadataCommand.FenceNode(2));
        run(new MetadataCommand.FenceNode(1));
        run(new MetadataCommand.UnfenceNode(1));
        assertEquals(new PartitionState(0, List.of(1, 2), 1, 2, List.of(1), 3), t0());
        assertEquals(List.of(1), machine.image().liveNodes());
    }

    @Test
    void unfencingANodeOutsideTheIsrDoesNotMakeItLeader() {
        register(1, 2);
        createT(1, 2);
        run(new MetadataCommand.FenceNode(2));
        run(new MetadataCommand.FenceNode(1));
        run(new MetadataCommand.UnfenceNode(2));
        assertFalse(t0().hasLeader(), "no unclean election");
    }

    @Test
    void withUncleanElectionALiveReplicaOutsideTheIsrTakesOverFromTheLastInSyncLeader() {
        register(1, 2, 3);
        createUnclean("t", 3);         // replicas [1, 2, 3], leader 1
        run(new MetadataCommand.FenceNode(2));
        run(new MetadataCommand.FenceNode(3));
        run(new MetadataCommand.UnfenceNode(2)); // back, but not caught up into the ISR [1]
        run(new MetadataCommand.FenceNode(1));
        PartitionState p = t0();
        assertEquals(2, p.leader(), "unclean: the live replica leads");
        assertEquals(List.of(2), p.isr(), "and is the whole ISR");
        assertEquals(1, p.leaderEpoch(), "in a new epoch, so the old leader cuts what only it held when it returns");
    }

    @Test
    void withUncleanElectionAReturningReplicaOutsideTheIsrLeadsALeaderlessPartition() {
        register(1, 2);
        createUnclean("t", 2);
        run(new MetadataCommand.FenceNode(2));
        run(new MetadataCommand.FenceNode(1));
        assertFalse(t0().hasLeader(), "no live replica at all");
        run(new MetadataCommand.UnfenceNode(2));
        assertEquals(2, t0().leader());
        assertEquals(List.of(2), t0().isr());
    }

    @Test
    void uncleanElectionIsPerTopic() {
        register(1, 2);
        createUnclean("u", 2);
        createT(1, 2);
        run(new MetadataCommand.FenceNode(2));
        run(new MetadataCommand.FenceNode(1));
        run(new MetadataCommand.UnfenceNode(2));
        assertEquals(2, machine.image().partition(new TopicPartition("u", 0)).orElseThrow().leader());
        assertFalse(t0().hasLeader(), "t keeps the default: it waits for node 1");
    }

    private void createUnclean(String topic, int replicationFactor) {
        assertEquals(MetadataResult.OK, run(new MetadataCommand.CreateTopic(topic, 1, replicationFactor,
                Map.of(TopicSettings.UNCLEAN_LEADER_ELECTION_ENABLE, "true"))));
    }

    @Test
    void reRegisteringAFencedNodeUnfencesIt() {
        register(1);
        createT(1, 1);
        run(new MetadataCommand.FenceNode(1));
        assertFalse(t0().hasLeader());
        register(1);
        assertFalse(machine.image().nodes().get(1).fenced());
        assertEquals(1, t0().leader());
    }

    @Test
    void alterIsrFromTheCurrentLeaderIsAccepted() {
        register(1, 2, 3);
        createT(1, 3);
        assertEquals(MetadataResult.OK, run(new MetadataCommand.AlterIsr(T0, 1, 0, 0, List.of(3, 1))));
        assertEquals(new PartitionState(0, List.of(1, 2, 3), 1, 0, List.of(1, 3), 1), t0());
    }

    @Test
    void alterIsrFromAStaleLeaderOrEpochIsRefusedAsNotLeader() {
        register(1, 2, 3);
        createT(1, 3);
        MetadataResult wrongLeader = run(new MetadataCommand.AlterIsr(T0, 2, 0, 0, List.of(2)));
        assertEquals(ErrorCode.NOT_LEADER, wrongLeader.error());
        assertTrue(wrongLeader.message().contains("node 2 does not lead t-0"), wrongLeader.message());
        assertEquals(ErrorCode.NOT_LEADER, run(new MetadataCommand.AlterIsr(T0, 1, 1, 0, List.of(1))).error());
        MetadataResult staleEpoch = run(new MetadataCommand.AlterIsr(T0, 1, 0, 7, List.of(1)));
        assertEquals(ErrorCode.NOT_LEADER, staleEpoch.error());
        assertTrue(staleEpoch.message().contains("partition epoch 7"), staleEpoch.message());
        assertEquals(0, t0().partitionEpoch());
    }

    @Test
    void alterIsrWithoutTheLeaderOrOutsideTheReplicasIsInvalid() {
        register(1, 2, 3, 4);
        createT(1, 3);   // replicas [1, 2, 3]
        assertEquals(ErrorCode.INVALID_REQUEST, run(new MetadataCommand.AlterIsr(T0, 1, 0, 0, List.of(2, 3))).error());
        assertEquals(ErrorCode.INVALID_REQUEST, run(new MetadataCommand.AlterIsr(T0, 1, 0, 0, List.of(1, 4))).error());
        assertEquals(ErrorCode.INVALID_REQUEST, run(new MetadataCommand.AlterIsr(T0, 1, 0, 0, List.of(1, 1))).error());
    }

    @Test
    void alterIsrCannotAddAFencedNode() {
        register(1, 2, 3);
        createT(1, 3);
        run(new MetadataCommand.FenceNode(3));   // ISR [1, 2], partition epoch 1
        assertEquals(ErrorCode.INVALID_REQUEST, run(new MetadataCommand.AlterIsr(T0, 1, 0, 1, List.of(1, 2, 3))).error());
        run(new MetadataCommand.UnfenceNode(3));
        assertEquals(MetadataResult.OK, run(new MetadataCommand.AlterIsr(T0, 1, 0, 1, List.of(1, 2, 3))));
        assertEquals(List.of(1, 2, 3), t0().isr());
    }

    @Test
    void alterIsrOnALeaderlessPartitionIsRefused() {
        register(1);
        createT(1, 1);
        run(new MetadataCommand.FenceNode(1));   // no leader, leader epoch 1, partition epoch 1
        assertEquals(ErrorCode.NOT_LEADER, run(new MetadataCommand.AlterIsr(T0, NO_LEADER, 1, 1, List.of(1))).error());
    }

    @Test
    void deleteTopicRemovesItAndUnknownIsRefused() {
        register(1);
        createT(2, 1);
        assertEquals(MetadataResult.OK, run(new MetadataCommand.DeleteTopic("t")));
        assertTrue(machine.image().topics().isEmpty());
        assertEquals(ErrorCode.UNKNOWN_TOPIC, run(new MetadataCommand.DeleteTopic("t")).error());
    }

    @Test
    void commandsNamingUnknownNodesOrPartitionsGetTypedErrors() {
        register(1);
        createT(1, 1);
        assertEquals(ErrorCode.INVALID_REQUEST, run(new MetadataCommand.FenceNode(9)).error());
        assertEquals(ErrorCode.INVALID_REQUEST, run(new MetadataCommand.UnfenceNode(9)).error());
        assertEquals(ErrorCode.UNKNOWN_TOPIC,
                run(new MetadataCommand.AlterIsr(new TopicPartition("nope", 0), 1, 0, 0, List.of(1))).error());
        assertEquals(ErrorCode.UNKNOWN_PARTITION,
                run(new MetadataCommand.AlterIsr(new TopicPartition("t", 5), 1, 0, 0, List.of(1))).error());
    }

    @Test
    void refusedCommandsLeaveTheVersionAlone() {
        register(1);
        long version = machine.image().version();
        run(new MetadataCommand.DeleteTopic("missing"));
        assertEquals(version, machine.image().version());
    }
}
