package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.GroupState;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalGroupCoordinatorTest {
    private static final String GROUP = "billing";
    private static final long SESSION_MS = 1_000;

    @TempDir
    Path dir;
    private final FakeTopics topics = new FakeTopics().topic("orders", 6);
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private LocalGroupCoordinator coordinator;

    @BeforeEach
    void open() {
        coordinator = LocalGroupCoordinator.open(dir, topics, time);
    }

    @AfterEach
    void close() {
        coordinator.close();
        time.dispose();
    }

    // ------------------------------------------------------------------ membership and hand-off

    @Test
    void aLoneMemberGetsEveryPartitionAndTheGroupSettles() {
        JoinResponse a = join("a");
        assertEquals(GroupError.NONE, a.error());
        assertEquals(partitions(0, 1, 2, 3, 4, 5), a.assignment().assigned());
        assertEquals(GroupState.COMPLETING_REBALANCE, a.assignment().state(), "the member has not reported yet");

        HeartbeatResponse hb = heartbeat(a, a.assignment().assigned());
        assertEquals(GroupState.STABLE, hb.assignment().state());
        assertFalse(hb.assignment().rebalanceInProgress());
    }

    @Test
    void aPartitionMovesOnlyAfterItsOwnerReportsItReleased() {
        JoinResponse a = join("a");
        Set<TopicPartition> aOwns = a.assignment().assigned();
        heartbeat(a, aOwns);

        JoinResponse b = join("b");
        assertEquals(Set.of(), b.assignment().assigned(), "a still holds everything");
        assertEquals(3, b.assignment().pending().size());
        assertTrue(b.assignment().rebalanceInProgress());

        MemberAssignment aNow = heartbeat(a, aOwns).assignment();
        assertEquals(3, aNow.assigned().size(), "a is told to keep three");
        assertEquals(GroupState.PREPARING_REBALANCE, aNow.state());
        assertEquals(Set.of(), heartbeat(b, Set.of()).assignment().assigned(), "a has not released yet");

        heartbeat(a, aNow.assigned());
        MemberAssignment bNow = heartbeat(b, Set.of()).assignment();
        assertEquals(b.assignment().pending(), bNow.assigned());
        assertTrue(disjoint(aNow.assigned(), bNow.assigned()));

        assertEquals(GroupState.STABLE, heartbeat(b, bNow.assigned()).assignment().state());
    }

    @Test
    void aMemberThatKeepsHeartbeatingIsNeverEvicted() {
        JoinResponse a = join("a");
        int generation = a.assignment().generation();
        for (int i = 0; i < 12_000; i++) { // an hour of virtual time, processing nothing
            time.advanceTimeBy(Duration.ofMillis(300));
            assertEquals(GroupError.NONE, heartbeat(a, a.assignment().assigned()).error());
        }
        assertEquals(generation, describe().generation());
        assertEquals(1, describe().members().size());
    }

    @Test
    void aSilentMemberExpiresAfterItsSessionTimeoutAndItsPartitionsMove() {
        JoinResponse a = join("a");
        JoinResponse b = join("b");
        Set<TopicPartition> aKeeps = heartbeat(a, a.assignment().assigned()).assignment().assigned();
        heartbeat(a, aKeeps);
        Set<TopicPartition> bOwns = heartbeat(b, Set.of()).assignment().assigned();
        assertEquals(3, bOwns.size());

        for (int i = 0; i < 3; i++) { // a heartbeats, b is silent
            time.advanceTimeBy(Duration.ofMillis(333));
            heartbeat(a, aKeeps);
        }
        assertEquals(2, describe().members().size(), "999 ms of silence is within the session");
        time.advanceTimeBy(Duration.ofMillis(1));
        assertEquals(1, describe().members().size());

        assertEquals(partitions(0, 1, 2, 3, 4, 5), heartbeat(a, aKeeps).assignment().assigned());
        assertEquals(GroupError.UNKNOWN_MEMBER_ID, heartbeat(b, bOwns).error());
    }

    @Test
    void leavingReleasesPartitionsAtOnce() {
        JoinResponse a = join("a");
        JoinResponse b = join("b");
        heartbeat(a, a.assignment().assigned());
        Set<TopicPartition> aKeeps = heartbeat(a, a.assignment().assigned()).assignment().assigned();
        heartbeat(a, aKeeps);
        heartbeat(b, Set.of());

        assertEquals(GroupError.NONE, leave(b).error());
        assertEquals(GroupError.UNKNOWN_MEMBER_ID, leave(b).error(), "leaving twice");
        assertEquals(6, heartbeat(a, aKeeps).assignment().assigned().size());
    }

    @Test
    void theLastMemberLeavingEmptiesTheGroup() {
        JoinResponse a = join("a");
        leave(a);
        assertThrows(RivuletException.class, this::describe, "no members and no offsets: no group");
        assertEquals(List.of(), coordinator.listGroups().block());
    }

    @Test
    void rejectsAMemberWithAnotherStrategy() {
        join("a");
        JoinResponse b = coordinator.join(new JoinRequest(GROUP, null, "b", "embedded", List.of("orders"),
                AssignmentStrategy.ROUND_ROBIN, SESSION_MS)).block();
        assertEquals(GroupError.INCONSISTENT_GROUP_PROTOCOL, b.error());
        assertTrue(b.errorMessage().contains("partition.assignment.strategy=range"), b.errorMessage());
    }

    @Test
    void rejectsAJoinWithoutTopicsOrSession() {
        assertEquals(GroupError.INVALID_REQUEST, coordinator.join(new JoinRequest(GROUP, null, "a", "h", List.of(),
                AssignmentStrategy.RANGE, SESSION_MS)).block().error());
        assertEquals(GroupError.INVALID_REQUEST, coordinator.join(new JoinRequest(GROUP, null, "a", "h",
                List.of("orders"), AssignmentStrategy.RANGE, 0)).block().error());
    }

    @Test
    void aRejoinWithAForgottenIdIsAnUnknownMember() {
        JoinResponse r = coordinator.join(new JoinRequest(GROUP, "ghost", "a", "h", List.of("orders"),
                AssignmentStrategy.RANGE, SESSION_MS)).block();
        assertEquals(GroupError.UNKNOWN_MEMBER_ID, r.error());
        assertNull(r.memberId());
    }

    // ------------------------------------------------------------------ topics

    @Test
    void partitionsOfATopicCreatedLaterAreAssignedWhenTheEngineSaysSo() {
        JoinResponse a = coordinator.join(new JoinRequest(GROUP, null, "a", "h", List.of("orders", "later"),
                AssignmentStrategy.RANGE, SESSION_MS)).block();
        assertEquals(6, a.assignment().assigned().size());

        topics.topic("later", 2);
        coordinator.topicsChanged();

        MemberAssignment now = heartbeat(a, a.assignment().assigned()).assignment();
        assertEquals(8, now.assigned().size());
        assertTrue(now.generation() > a.assignment().generation());
    }

    @Test
    void deletingATopicForgetsItsOffsetsAndRevokesItsPartitions() {
        JoinResponse a = join("a");
        heartbeat(a, a.assignment().assigned());
        commit(a, Map.of(tp(0), 5L));

        topics.delete("orders");
        coordinator.topicDeleted("orders");

        assertEquals(Set.of(), heartbeat(a, a.assignment().assigned()).assignment().assigned());
        assertEquals(Map.of(), coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block().offsets());
    }

    // ------------------------------------------------------------------ commits

    @Test
    void commitsFromTheHolderAreStoredAndFetched() {
        JoinResponse a = join("a");
        CommitResponse r = commit(a, Map.of(tp(0), 10L, tp(1), 20L));

        assertTrue(r.allCommitted());
        OffsetFetchResponse f = coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of(tp(0), tp(2)))).block();
        assertEquals(Map.of(tp(0), 10L), f.offsets());
        assertEquals(PartitionLag.NO_OFFSET, f.offset(tp(2)));
    }

    @Test
    void aCommitFromAnUnknownMemberIsRejected() {
        join("a");
        CommitResponse r = coordinator.commit(new CommitRequest(GROUP, "ghost", 1, Map.of(tp(0), 1L))).block();
        assertEquals(GroupError.UNKNOWN_MEMBER_ID, r.error());
        assertFalse(r.committed(tp(0)));
        assertEquals(GroupError.UNKNOWN_MEMBER_ID, coordinator.commit(
                new CommitRequest("no-such-group", "ghost", 1, Map.of(tp(0), 1L))).block().error());
    }

    @Test
    void aCommitForAPartitionHeldByAnotherMemberIsRejectedAndTheRestStored() {
        JoinResponse a = join("a");
        JoinResponse b = join("b");
        Set<TopicPartition> aKeeps = heartbeat(a, a.assignment().assigned()).assignment().assigned();
        heartbeat(a, aKeeps);
        MemberAssignment bGot = heartbeat(b, Set.of()).assignment();
        TopicPartition mine = aKeeps.iterator().next();
        TopicPartition theirs = bGot.assigned().iterator().next();

        CommitResponse r = coordinator.commit(new CommitRequest(GROUP, a.memberId(), bGot.generation(),
                Map.of(mine, 7L, theirs, 7L))).block();

        assertEquals(GroupError.NONE, r.error());
        assertEquals(Map.of(theirs, GroupError.ILLEGAL_GENERATION), r.partitionErrors());
        assertEquals(Map.of(mine, 7L), coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block().offsets());
    }

    @Test
    void aCommitFromBeforeAPartitionWasHandedBackIsStale() {
        JoinResponse a = join("a");
        int firstEpoch = a.assignment().generation();
        JoinResponse b = join("b");
        Set<TopicPartition> aKeeps = heartbeat(a, a.assignment().assigned()).assignment().assigned();
        heartbeat(a, aKeeps);
        Set<TopicPartition> bGot = heartbeat(b, Set.of()).assignment().assigned();
        TopicPartition moved = bGot.iterator().next();
        leave(b);
        MemberAssignment back = heartbeat(a, aKeeps).assignment();
        assertTrue(back.assigned().contains(moved), "the partition came back to a");

        CommitResponse stale = coordinator.commit(new CommitRequest(GROUP, a.memberId(), firstEpoch,
                Map.of(moved, 3L))).block();
        assertEquals(Map.of(moved, GroupError.ILLEGAL_GENERATION), stale.partitionErrors());
        assertTrue(coordinator.commit(new CommitRequest(GROUP, a.memberId(), back.generation(),
                Map.of(moved, 3L))).block().allCommitted());
    }

    @Test
    void aCommitWithAnEpochNeverIssuedIsRejected() {
        JoinResponse a = join("a");
        CommitResponse r = coordinator.commit(new CommitRequest(GROUP, a.memberId(),
                a.assignment().generation() + 1, Map.of(tp(0), 1L))).block();
        assertEquals(GroupError.ILLEGAL_GENERATION, r.error());
    }

    @Test
    void aCommitForAPartitionThatDoesNotExistIsRejected() {
        JoinResponse a = join("a");
        topics.topic("orders", 3); // shrunk under the group's feet: the engine never does this, a peer might
        assertEquals(Map.of(tp(4), GroupError.UNKNOWN_TOPIC_OR_PARTITION), commit(a, Map.of(tp(4), 1L)).partitionErrors());
    }

    @Test
    void aNegativeOffsetIsRejected() {
        JoinResponse a = join("a");
        assertEquals(Map.of(tp(0), GroupError.INVALID_COMMIT_OFFSET), commit(a, Map.of(tp(0), -5L)).partitionErrors());
    }

    @Test
    void committedOffsetsSurviveARestart() {
        JoinResponse a = join("a");
        commit(a, Map.of(tp(0), 10L, tp(3), 30L));
        commit(a, Map.of(tp(0), 11L));
        coordinator.close();

        coordinator = LocalGroupCoordinator.open(dir, topics, time);

        assertEquals(Map.of(tp(0), 11L, tp(3), 30L),
                coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block().offsets());
        GroupDescription d = describe();
        assertEquals(GroupState.EMPTY, d.state());
        assertEquals(List.of(GROUP), coordinator.listGroups().block());
    }

    // ------------------------------------------------------------------ describe and list

    @Test
    void describeShowsMembersAssignmentCommittedOffsetsAndLag() {
        topics.offsets(tp(0), 0, 100);
        topics.offsets(tp(1), 40, 90);
        JoinResponse a = join("a");
        commit(a, Map.of(tp(0), 60L));

        GroupDescription d = describe();

        assertEquals(GROUP, d.groupId());
        assertEquals(AssignmentStrategy.RANGE, d.assignmentStrategy());
        assertEquals(1, d.members().size());
        assertEquals("a", d.members().get(0).clientId());
        assertEquals("embedded", d.members().get(0).host());
        assertEquals(sorted(List.copyOf(partitions(0, 1, 2, 3, 4, 5))), d.members().get(0).assignment(), "sorted");
        assertEquals(6, d.partitions().size());
        assertEquals(new PartitionLag(tp(0), 60, 100, 40), d.partitions().get(0));
        assertEquals(new PartitionLag(tp(1), PartitionLag.NO_OFFSET, 90, 50), d.partitions().get(1),
                "nothing committed: lag counts from the log start");
        assertEquals(40 + 50, d.totalLag());
    }

    @Test
    void anEmptyGroupStillCountsTheLagOfPartitionsItNeverCommittedOn() {
        topics.offsets(tp(0), 0, 100);
        topics.offsets(tp(1), 0, 30);
        JoinResponse a = join("a");
        commit(a, Map.of(tp(0), 100L));
        leave(a);

        GroupDescription d = describe();

        assertEquals(GroupState.EMPTY, d.state());
        assertEquals(6, d.partitions().size(), "every partition of the topic it committed on");
        assertEquals(new PartitionLag(tp(1), PartitionLag.NO_OFFSET, 30, 30), d.partitions().get(1));
        assertEquals(30, d.totalLag());
    }

    @Test
    void describingAGroupThatNeverExistedFailsWithUnknownGroup() {
        RivuletException e = assertThrows(RivuletException.class, () -> coordinator.describeGroup("nope").block());
        assertEquals(ErrorCode.UNKNOWN_GROUP, e.code());
        assertTrue(e.getMessage().contains("'nope'"));
    }

    @Test
    void listGroupsNamesGroupsWithMembersOrOffsetsSorted() {
        JoinResponse a = join("a");
        commit(a, Map.of(tp(0), 1L));
        leave(a);
        coordinator.join(new JoinRequest("alpha", null, "x", "h", List.of("orders"), AssignmentStrategy.RANGE,
                SESSION_MS)).block();

        assertEquals(List.of("alpha", GROUP), coordinator.listGroups().block());
    }

    @Test
    void aClosedCoordinatorRefusesRequests() {
        coordinator.close();
        StepVerifier.create(coordinator.listGroups()).expectError(RivuletClosedException.class).verify();
        StepVerifier.create(coordinator.join(new JoinRequest(GROUP, null, "a", "h", List.of("orders"),
                AssignmentStrategy.RANGE, SESSION_MS))).expectError(RivuletClosedException.class).verify();
    }

    // ------------------------------------------------------------------ helpers

    private JoinResponse join(String clientId) {
        return coordinator.join(new JoinRequest(GROUP, null, clientId, "embedded", List.of("orders"),
                AssignmentStrategy.RANGE, SESSION_MS)).block();
    }

    private HeartbeatResponse heartbeat(JoinResponse member, Set<TopicPartition> owned) {
        int epoch = member.assignment().generation();
        return coordinator.heartbeat(new HeartbeatRequest(GROUP, member.memberId(), epoch, owned)).block();
    }

    private LeaveResponse leave(JoinResponse member) {
        return coordinator.leave(new LeaveRequest(GROUP, member.memberId())).block();
    }

    private CommitResponse commit(JoinResponse member, Map<TopicPartition, Long> offsets) {
        return coordinator.commit(new CommitRequest(GROUP, member.memberId(), member.assignment().generation(),
                offsets)).block();
    }

    private GroupDescription describe() {
        return coordinator.describeGroup(GROUP).block();
    }

    private static TopicPartition tp(int p) {
        return new TopicPartition("orders", p);
    }

    private static Set<TopicPartition> partitions(int... ps) {
        Set<TopicPartition> out = new HashSet<>();
        for (int p : ps) {
            out.add(tp(p));
        }
        return out;
    }

    private static List<TopicPartition> sorted(List<TopicPartition> in) {
        return in.stream().sorted(Assignor.PARTITION_ORDER).toList();
    }

    private static boolean disjoint(Set<TopicPartition> a, Set<TopicPartition> b) {
        return a.stream().noneMatch(b::contains);
    }
}
