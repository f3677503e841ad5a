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

/** Reassigning one partition through the state machine: start, catch-up through AlterIsr, completion, refusals. */
class ReassignmentTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private final MachineDriver machine = new MachineDriver();

    private MetadataResult run(MetadataCommand command) {
        return machine.run(command);
    }

    private PartitionState t0() {
        return machine.image().partition(T0).orElseThrow();
    }

    private MetadataResult reassign(Integer... target) {
        return run(new MetadataCommand.ReassignPartition(T0, List.of(target)));
    }

    /** The leader's ISR change, at the partition's current epochs. */
    private MetadataResult alterIsr(Integer... isr) {
        PartitionState p = t0();
        return run(new MetadataCommand.AlterIsr(T0, p.leader(), p.leaderEpoch(), p.partitionEpoch(), List.of(isr)));
    }

    @BeforeEach
    void fourNodesAndATopicOnTheFirstThree() {
        for (int id = 1; id <= 4; id++) {
            run(new MetadataCommand.RegisterNode(new NodeEndpoint(id, "h" + id, 7000 + id, 8000 + id)));
        }
        // placement over live [1,2,3] only: fence 4 while creating, then bring it back
        run(new MetadataCommand.FenceNode(4));
        assertEquals(MetadataResult.OK, run(new MetadataCommand.CreateTopic("t", 1, 3, Map.of())));
        run(new MetadataCommand.UnfenceNode(4));
        assertEquals(List.of(1, 2, 3), t0().replicas());
        assertEquals(1, t0().leader());
    }

    @Test
    void startingAddsTheNewReplicasOutsideTheIsrAndRemembersTheTarget() {
        PartitionState before = t0();
        assertEquals(MetadataResult.OK, reassign(1, 2, 4));
        PartitionState p = t0();
        assertEquals(List.of(1, 2, 3, 4), p.replicas());
        assertEquals(List.of(1, 2, 3), p.isr());
        assertEquals(List.of(1, 2, 4), p.targetReplicas());
        assertEquals(1, p.leader());
        assertEquals(before.leaderEpoch() + 1, p.leaderEpoch(), "a new replica set is a new leadership");
        assertTrue(p.partitionEpoch() > before.partitionEpoch());
    }

    @Test
    void theIsrChangeThatTakesInTheLastTargetReplicaSwitchesTheReplicas() {
        reassign(1, 2, 4);
        int epoch = t0().leaderEpoch();
        assertEquals(MetadataResult.OK, alterIsr(1, 2, 3, 4));
        PartitionState p = t0();
        assertEquals(List.of(1, 2, 4), p.replicas());
        assertEquals(List.of(1, 2, 4), p.isr());
        assertFalse(p.reassigning());
        assertEquals(1, p.leader());
        assertEquals(epoch + 1, p.leaderEpoch(), "a removed replica is a changed replica set");
    }

    @Test
    void anIsrChangeThatLeavesATargetReplicaOutKeepsTheReassignmentRunning() {
        reassign(2, 3, 4);
        assertEquals(MetadataResult.OK, alterIsr(1, 2));
        assertTrue(t0().reassigning());
        assertEquals(List.of(1, 2, 3, 4), t0().replicas());
    }

    @Test
    void aRemovedLeaderHandsOverToTheFirstTargetReplicaThatWasAlreadyInSync() {
        reassign(4, 2, 3);
        int epoch = t0().leaderEpoch();
        alterIsr(1, 2, 3, 4);
        PartitionState p = t0();
        assertEquals(List.of(4, 2, 3), p.replicas());
        assertEquals(2, p.leader(), "node 4 just joined and may lack acknowledged records");
        assertEquals(epoch + 1, p.leaderEpoch());
        assertEquals(List.of(4, 2, 3), p.isr());
    }

    @Test
    void whenOnlyJustAddedReplicasRemainTheRemovedLeaderMustConfirm() {
        reassign(4);
        alterIsr(1, 2, 3, 4);
        assertTrue(t0().reassigning(), "no target replica was in sync before: " + t0());
        assertEquals(1, t0().leader());

        assertEquals(MetadataResult.OK, alterIsr(1, 2, 3, 4)); // the leader's confirmation: the same ISR
        PartitionState p = t0();
        assertFalse(p.reassigning());
        assertEquals(List.of(4), p.replicas());
        assertEquals(4, p.leader());
        assertEquals(List.of(4), p.isr());
    }

    @Test
    void droppingAReplicaCompletesAtOnceWithTheRemainingInSync() {
        int epoch = t0().leaderEpoch();
        assertEquals(MetadataResult.OK, reassign(2, 3));
        PartitionState p = t0();
        assertEquals(List.of(2, 3), p.replicas());
        assertEquals(List.of(2, 3), p.isr());
        assertEquals(2, p.leader());
        assertEquals(epoch + 1, p.leaderEpoch());
        assertFalse(p.reassigning());
    }

    @Test
    void reorderingKeepsTheLeaderAndItsEpoch() {
        int epoch = t0().leaderEpoch();
        assertEquals(MetadataResult.OK, reassign(3, 1, 2));
        assertEquals(List.of(3, 1, 2), t0().replicas());
        assertEquals(1, t0().leader());
        assertEquals(epoch, t0().leaderEpoch());
    }

    @Test
    void theCurrentReplicasAsTargetChangeNothing() {
        ClusterImage before = machine.image();
        assertEquals(MetadataResult.OK, reassign(1, 2, 3));
        assertSame(before, machine.image());
    }

    @Test
    void askingAgainForTheRunningTargetChangesNothing() {
        reassign(1, 2, 4);
        ClusterImage before = machine.image();
        assertEquals(MetadataResult.OK, reassign(1, 2, 4));
        assertSame(before, machine.image());
    }

    @Test
    void anotherTargetDuringAReassignmentIsRefused() {
        reassign(1, 2, 4);
        ClusterImage before = machine.image();
        assertEquals(ErrorCode.REASSIGNMENT_IN_PROGRESS, reassign(1, 3, 4).error());
        assertSame(before, machine.image());
    }

    @Test
    void anUnknownNodeIsRefused() {
        MetadataResult result = reassign(1, 2, 9);
        assertEquals(ErrorCode.UNKNOWN_NODE, result.error());
        assertTrue(result.message().contains("node 9"), result.message());
    }

    @Test
    void aNodeListedTwiceIsRefused() {
        assertEquals(ErrorCode.INVALID_REQUEST, reassign(1, 4, 4).error());
    }

    @Test
    void anEmptyTargetIsRefused() {
        assertEquals(ErrorCode.INVALID_REQUEST, reassign().error());
    }

    @Test
    void aFencedNewReplicaIsRefused() {
        run(new MetadataCommand.FenceNode(4));
        MetadataResult result = reassign(1, 2, 4);
        assertEquals(ErrorCode.INVALID_REQUEST, result.error());
        assertTrue(result.message().contains("fenced"), result.message());
    }

    @Test
    void anUnknownTopicOrPartitionIsRefused() {
        assertEquals(ErrorCode.UNKNOWN_TOPIC,
                run(new MetadataCommand.ReassignPartition(new TopicPartition("nope", 0), List.of(1))).error());
        assertEquals(ErrorCode.UNKNOWN_PARTITION,
                run(new MetadataCommand.ReassignPartition(new TopicPartition("t", 5), List.of(1))).error());
    }

    @Test
    void aNewReplicaMayJoinTheIsrWhileMoving() {
        reassign(1, 2, 4, 3);
        assertEquals(MetadataResult.OK, alterIsr(1, 2, 3, 4));
        assertEquals(List.of(1, 2, 4, 3), t0().replicas());
        assertEquals(List.of(1, 2, 4, 3), t0().isr(), "the ISR follows the new replica order");
    }

    @Test
    void fencingTheLeaderDuringAReassignmentElectsAnotherInSyncReplica() {
        reassign(2, 3, 4);
        run(new MetadataCommand.FenceNode(1));
        assertEquals(2, t0().leader());
        assertTrue(t0().reassigning());
        alterIsr(2, 3, 4);
        assertEquals(List.of(2, 3, 4), t0().replicas());
        assertEquals(2, t0().leader());
    }

    @Test
    void aRemovedLeaderThatDiesBeforeConfirmingHandsOverThroughTheElection() {
        reassign(4, 3);
        alterIsr(1, 2, 3, 4);                     // 3 was in sync before: completes at once, 3 leads
        assertFalse(t0().reassigning());
        assertEquals(3, t0().leader());

        reassign(2);                               // 2 is outside the ISR [4, 3]: it must catch up
        alterIsr(4, 3, 2);                         // 2 just joined, leader 3 removed: wait for the confirmation
        assertTrue(t0().reassigning());
        run(new MetadataCommand.FenceNode(3));     // ... but the leader dies first: 2 was in the ISR it left
        assertEquals(2, t0().leader());
        assertFalse(t0().reassigning());
        assertEquals(List.of(2), t0().replicas());
    }
}
