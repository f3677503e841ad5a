package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupState;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.IllegalGenerationException;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.RivuletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members driven by their own timers on virtual time, against the real coordinator: sharing,
 * leaving, dying, committing, and fencing.
 */
class GroupMemberTest {
    private static final String GROUP = "billing";
    private static final Duration HEARTBEAT = Duration.ofMillis(100);
    private static final Duration SESSION = Duration.ofMillis(1_000);
    private static final Duration AUTO_COMMIT = Duration.ofMillis(500);
    private static final Duration NEVER = Duration.ofDays(1);

    @TempDir
    Path dir;
    private final FakeTopics topics = new FakeTopics().topic("orders", 6);
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final RecordingHandler.Ownership ownership = new RecordingHandler.Ownership();
    private final List<GroupMember> started = new ArrayList<>();
    private final Map<String, RecordingHandler> handlers = new HashMap<>();
    private LocalGroupCoordinator coordinator;

    @BeforeEach
    void open() {
        coordinator = LocalGroupCoordinator.open(dir, topics, time);
    }

    @AfterEach
    void close() {
        started.forEach(GroupMember::halt);
        coordinator.close();
        time.dispose();
    }

    @Test
    void threeMembersShareSixPartitionsTwoEach() {
        start("a", AUTO_COMMIT);
        start("b", AUTO_COMMIT);
        start("c", AUTO_COMMIT);
        advance(Duration.ofSeconds(2));

        for (String name : List.of("a", "b", "c")) {
            assertEquals(2, ownership.of(name).size(), name + " owns " + ownership.of(name));
        }
        assertEquals(6, ownership.owners.size());
        assertEquals(List.of(), ownership.violations);
        assertEquals(GroupState.STABLE, coordinator.describeGroup(GROUP).block().state());
    }

    @Test
    void whenOneLeavesTheOthersTakeThreeEachAndNoPartitionIsEverOwnedTwice() {
        start("a", AUTO_COMMIT);
        start("b", AUTO_COMMIT);
        GroupMember c = start("c", AUTO_COMMIT);
        advance(Duration.ofSeconds(2));

        AtomicBoolean left = new AtomicBoolean();
        c.close().subscribe(null, e -> { }, () -> left.set(true));
        advance(Duration.ofSeconds(2));

        assertTrue(left.get());
        assertEquals(3, ownership.of("a").size());
        assertEquals(3, ownership.of("b").size());
        assertEquals(Set.of(), ownership.of("c"));
        assertEquals(List.of(), ownership.violations);
        assertEquals(2, coordinator.describeGroup(GROUP).block().members().size());
    }

    @Test
    void aKilledMembersPartitionsMoveAfterTheSessionTimeout() {
        start("a", AUTO_COMMIT);
        start("b", AUTO_COMMIT);
        GroupMember c = start("c", AUTO_COMMIT);
        advance(Duration.ofSeconds(2));

        c.halt(); // kill -9: no leave, no more heartbeats
        ownership.forget("c");
        advance(Duration.ofMillis(850));
        assertEquals(2, ownership.of("a").size(), "still within c's session");
        assertEquals(3, coordinator.describeGroup(GROUP).block().members().size());

        advance(Duration.ofSeconds(1));
        assertEquals(3, ownership.of("a").size());
        assertEquals(3, ownership.of("b").size());
        assertEquals(List.of(), ownership.violations);
        assertEquals(2, coordinator.describeGroup(GROUP).block().members().size());
    }

    @Test
    void committedOffsetsSurviveARestartAndTheNextOwnerResumesThere() {
        GroupMember a = start("a", AUTO_COMMIT);
        advance(HEARTBEAT);
        handlers.get("a").process(10, true);
        advance(AUTO_COMMIT);
        assertEquals(6, coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block().offsets().size());
        closeAndWait(a);

        coordinator.close();
        coordinator = LocalGroupCoordinator.open(dir, topics, time);
        start("d", AUTO_COMMIT);

        RecordingHandler d = handlers.get("d");
        assertEquals(6, d.assigned.size());
        d.assigned.values().forEach(p -> assertEquals(10, p.committedOffset(), p.topicPartition().toString()));
    }

    @Test
    void revokedPartitionsAreCommittedBeforeTheirNextOwnerStarts() {
        start("a", NEVER);
        advance(HEARTBEAT);
        handlers.get("a").process(5, true);
        assertEquals(Map.of(), coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block().offsets(),
                "nothing committed yet");

        start("b", NEVER);
        advance(Duration.ofSeconds(1));

        RecordingHandler b = handlers.get("b");
        assertEquals(3, b.assigned.size());
        b.assigned.values().forEach(p -> assertEquals(5, p.committedOffset(), p.topicPartition().toString()));
        assertEquals(List.of(), ownership.violations);
    }

    @Test
    void aStaleCommitFromAnExpiredMemberIsRejected() {
        start("a", NEVER);
        GroupMember b = start("b", NEVER);
        advance(Duration.ofSeconds(2));
        RecordingHandler bh = handlers.get("b");
        Set<TopicPartition> bOwned = Set.copyOf(bh.assigned.keySet());
        bh.process(7, true);

        b.halt();
        ownership.forget("b");
        advance(Duration.ofSeconds(2));

        StepVerifier.create(b.commit()).expectErrorSatisfies(e -> {
            assertTrue(e instanceof IllegalGenerationException, e.toString());
            assertEquals(ErrorCode.ILLEGAL_GENERATION, ((RivuletException) e).code());
        }).verify();
        Map<TopicPartition, Long> committed = coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, bOwned)).block()
                .offsets();
        assertEquals(Map.of(), committed, "the stale positions were not stored");
    }

    @Test
    void aMemberPausedByBackpressureIsNeverEvicted() {
        GroupMember a = start("a", AUTO_COMMIT, 3);
        advance(HEARTBEAT);
        handlers.get("a").process(3, false); // never acknowledged: every partition is at max.ack.ahead
        assertFalse(a.tracker().canDeliver(new TopicPartition("orders", 0)));
        String id = a.memberId();
        int generation = a.generation();

        advance(Duration.ofHours(1));

        assertEquals(id, a.memberId());
        assertEquals(generation, a.generation());
        assertEquals(6, a.owned().size());
    }

    @Test
    void aMemberCutOffFromTheCoordinatorDropsItsPartitionsAndRejoinsLater() {
        Switchable flaky = new Switchable(coordinator);
        GroupMember a = start("a", AUTO_COMMIT, 100, flaky);
        start("b", AUTO_COMMIT);
        advance(Duration.ofSeconds(2));
        String firstId = a.memberId();

        flaky.down = true;
        advance(Duration.ofMillis(1_500));
        assertEquals(3, handlers.get("a").lost.size(), "a gave up its partitions once its session was surely over");
        assertEquals(6, ownership.of("b").size());

        flaky.down = false;
        advance(Duration.ofSeconds(2));
        assertNotEquals(firstId, a.memberId());
        assertEquals(3, ownership.of("a").size());
        assertEquals(3, ownership.of("b").size());
        assertEquals(List.of(), ownership.violations);
    }

    @Test
    void aMemberForgottenByARestartedCoordinatorLosesItsPartitionsAndRejoinsFromTheCommittedOffsets() {
        Switchable via = new Switchable(coordinator);
        GroupMember a = start("a", AUTO_COMMIT, 100, via);
        advance(HEARTBEAT);
        handlers.get("a").process(8, true);
        advance(AUTO_COMMIT);
        String firstId = a.memberId();

        coordinator.close(); // the engine restarts under the member
        coordinator = LocalGroupCoordinator.open(dir, topics, time);
        via.target = coordinator;
        advance(Duration.ofMillis(300));

        RecordingHandler h = handlers.get("a");
        assertEquals(6, h.lost.size(), "UNKNOWN_MEMBER_ID: everything was lost");
        assertNotEquals(firstId, a.memberId());
        assertEquals(6, h.assigned.size());
        h.assigned.values().forEach(p -> assertEquals(8, p.committedOffset()));
    }

    @Test
    void committingARecordWaitsForItsPrefixAndSucceedsOnceCovered() {
        GroupMember a = start("a", NEVER);
        PartitionAcks acks = handlers.get("a").assigned.get(new TopicPartition("orders", 0)).acks();
        acks.delivered(0);
        acks.delivered(1);
        acks.acknowledge(1);
        AtomicBoolean done = new AtomicBoolean();
        a.commit(acks, 1).subscribe(null, e -> { }, () -> done.set(true));
        assertFalse(done.get(), "record 0 is not acknowledged yet");

        acks.acknowledge(0);

        assertTrue(done.get());
        assertEquals(2L, coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block()
                .offset(new TopicPartition("orders", 0)));
    }

    @Test
    void committingARecordOfAPartitionRevokedFirstFails() {
        GroupMember a = start("a", NEVER);
        advance(HEARTBEAT);
        Map<TopicPartition, AssignedPartition> before = Map.copyOf(handlers.get("a").assigned);
        before.values().forEach(p -> p.acks().delivered(0));
        List<Throwable> failures = new ArrayList<>();
        before.values().forEach(p -> a.commit(p.acks(), 0).subscribe(null, failures::add));

        start("b", NEVER);
        advance(Duration.ofSeconds(1));

        assertEquals(3, failures.size(), "the three partitions that moved to b");
        failures.forEach(e -> assertTrue(e instanceof IllegalGenerationException, e.toString()));
    }

    @Test
    void aMemberWithAnotherStrategyIsRefused() {
        start("a", AUTO_COMMIT);
        GroupMember x = new GroupMember(coordinator, config("x", AssignmentStrategy.ROUND_ROBIN, AUTO_COMMIT, 100),
                handler("x"), time);

        StepVerifier.create(x.start()).expectErrorSatisfies(e -> {
            assertTrue(e instanceof InvalidConfigException, e.toString());
            assertTrue(e.getMessage().contains("partition.assignment.strategy"), e.getMessage());
        }).verify();
    }

    @Test
    void closeCommitsWhatWasAcknowledgedAndLeaves() {
        GroupMember a = start("a", NEVER);
        advance(HEARTBEAT);
        handlers.get("a").process(4, true);

        closeAndWait(a);

        Map<TopicPartition, Long> committed = coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block()
                .offsets();
        assertEquals(6, committed.size());
        committed.values().forEach(o -> assertEquals(4L, o));
        assertEquals(GroupState.EMPTY, coordinator.describeGroup(GROUP).block().state());
        assertEquals(Set.of(), ownership.of("a"));
    }

    @Test
    void aZeroCommitIntervalCommitsAsSoonAsThePositionMoves() {
        start("a", Duration.ZERO);
        handlers.get("a").process(3, true);

        Map<TopicPartition, Long> committed = coordinator.fetchOffsets(new OffsetFetchRequest(GROUP, Set.of())).block()
                .offsets();
        assertEquals(6, committed.size());
        committed.values().forEach(o -> assertEquals(3L, o));
    }

    // ------------------------------------------------------------------ helpers

    private GroupMember start(String name, Duration autoCommit) {
        return start(name, autoCommit, 100);
    }

    private GroupMember start(String name, Duration autoCommit, int maxAckAhead) {
        return start(name, autoCommit, maxAckAhead, coordinator);
    }

    private GroupMember start(String name, Duration autoCommit, int maxAckAhead, GroupCoordinator via) {
        GroupMember m = new GroupMember(via, config(name, AssignmentStrategy.COOPERATIVE_STICKY, autoCommit,
                maxAckAhead), handler(name), time);
        m.start().block();
        started.add(m);
        return m;
    }

    private RecordingHandler handler(String name) {
        RecordingHandler h = new RecordingHandler(name, ownership, time, Duration.ofMillis(50));
        handlers.put(name, h);
        return h;
    }

    private static MemberConfig config(String name, AssignmentStrategy strategy, Duration autoCommit, int maxAckAhead) {
        return new MemberConfig(GROUP, name, "embedded", List.of("orders"), strategy, SESSION, HEARTBEAT, autoCommit,
                maxAckAhead);
    }

    private void advance(Duration d) {
        for (long ms = 0; ms < d.toMillis(); ms += 10) { // small steps, so races get a chance to show
            time.advanceTimeBy(Duration.ofMillis(Math.min(10, d.toMillis() - ms)));
        }
    }

    private void closeAndWait(GroupMember m) {
        AtomicBoolean done = new AtomicBoolean();
        m.close().subscribe(null, e -> { }, () -> done.set(true));
        advance(Duration.ofSeconds(1));
        assertTrue(done.get(), "close completed");
    }

    /** A way to the coordinator that can be cut, or pointed at a restarted one. */
    private static final class Switchable implements GroupCoordinator {
        volatile GroupCoordinator target;
        volatile boolean down;

        Switchable(GroupCoordinator target) {
            this.target = target;
        }

        private <T> Mono<T> unlessDown(java.util.function.Supplier<Mono<T>> call) {
            return Mono.defer(() -> down
                    ? Mono.error(new RivuletException(ErrorCode.DISCONNECTED, "coordinator unreachable"))
                    : call.get());
        }

        @Override
        public Mono<JoinResponse> join(JoinRequest request) {
            return unlessDown(() -> target.join(request));
        }

        @Override
        public Mono<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
            return unlessDown(() -> target.heartbeat(request));
        }

        @Override
        public Mono<LeaveResponse> leave(LeaveRequest request) {
            return unlessDown(() -> target.leave(request));
        }

        @Override
        public Mono<CommitResponse> commit(CommitRequest request) {
            return unlessDown(() -> target.commit(request));
        }

        @Override
        public Mono<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request) {
            return unlessDown(() -> target.fetchOffsets(request));
        }

        @Override
        public Mono<io.rivulet.api.GroupDescription> describeGroup(String groupId) {
            return target.describeGroup(groupId);
        }

        @Override
        public Mono<List<String>> listGroups() {
            return target.listGroups();
        }

        @Override
        public Mono<Void> deleteGroup(String groupId) {
            return target.deleteGroup(groupId);
        }

        @Override
        public Mono<Void> alterOffsets(String groupId, java.util.Map<io.rivulet.api.TopicPartition, Long> offsets) {
            return target.alterOffsets(groupId, offsets);
        }

        @Override
        public Mono<Void> deleteOffsets(String groupId, java.util.Set<io.rivulet.api.TopicPartition> partitions) {
            return target.deleteOffsets(groupId, partitions);
        }
    }
}
