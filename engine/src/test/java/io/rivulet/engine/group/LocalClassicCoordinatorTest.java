package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.GroupState;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.engine.group.classic.ClassicCommitRequest;
import io.rivulet.engine.group.classic.ClassicCommitResponse;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.group.classic.ClassicError;
import io.rivulet.engine.group.classic.ClassicGroupConfig;
import io.rivulet.engine.group.classic.ClassicGroupDescription;
import io.rivulet.engine.group.classic.ClassicGroupListing;
import io.rivulet.engine.group.classic.ClassicGroupState;
import io.rivulet.engine.group.classic.ClassicHeartbeatRequest;
import io.rivulet.engine.group.classic.ClassicJoinRequest;
import io.rivulet.engine.group.classic.ClassicJoinResponse;
import io.rivulet.engine.group.classic.ClassicProtocol;
import io.rivulet.engine.group.classic.ClassicSyncRequest;
import io.rivulet.engine.group.classic.ClassicSyncResponse;
import io.rivulet.engine.metrics.GroupMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalClassicCoordinatorTest {
    private static final String GROUP = "kafka-app";
    private static final int SESSION_MS = 10_000;

    @TempDir
    Path dir;
    private final FakeTopics topics = new FakeTopics().topic("orders", 2);
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private LocalGroupCoordinator coordinator;
    private ClassicCoordinator classic;

    @BeforeEach
    void open() {
        reopen();
    }

    private void reopen() {
        coordinator = LocalGroupCoordinator.open(dir, topics, time, Schedulers.immediate(), GroupMetrics.none(),
                ClassicGroupConfig.defaults().withInitialRebalanceDelayMs(0));
        classic = coordinator.classic();
    }

    @AfterEach
    void close() {
        coordinator.close();
        time.dispose();
    }

    private static ClassicJoinRequest join(String memberId, String client, String type) {
        return new ClassicJoinRequest(GROUP, memberId, null, client, "/10.0.0.1", SESSION_MS, 30_000, type,
                List.of(new ClassicProtocol("range", new byte[]{1})), true);
    }

    private static <T> AtomicReference<T> start(Mono<T> mono) {
        AtomicReference<T> out = new AtomicReference<>();
        mono.subscribe(out::set);
        return out;
    }

    private ClassicJoinResponse joinNew(String client) {
        ClassicJoinResponse first = classic.join(join("", client, "consumer")).block();
        assertEquals(ClassicError.MEMBER_ID_REQUIRED, first.error());
        return classic.join(join(first.memberId(), client, "consumer")).block();
    }

    /** A consumer-protocol assignment (version 0) of {@code partitions} of one topic. */
    private static byte[] assignment(String topic, int... partitions) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + 4 + 2 + name.length + 4 + 4 * partitions.length + 4);
        b.putShort((short) 0).putInt(1).putShort((short) name.length).put(name).putInt(partitions.length);
        for (int p : partitions) {
            b.putInt(p);
        }
        return b.putInt(-1).array();
    }

    @Test
    void aHeldJoinIsAnsweredWhenTheOtherMemberRejoins() {
        ClassicJoinResponse a = joinNew("a");
        classic.sync(new ClassicSyncRequest(GROUP, a.generation(), a.memberId(), null, null, null, Map.of())).block();
        ClassicJoinResponse bFirst = classic.join(join("", "b", "consumer")).block();
        AtomicReference<ClassicJoinResponse> b = start(classic.join(join(bFirst.memberId(), "b", "consumer")));
        assertNull(b.get());
        assertEquals(ClassicError.REBALANCE_IN_PROGRESS,
                classic.heartbeat(new ClassicHeartbeatRequest(GROUP, a.generation(), a.memberId(), null)).block());
        ClassicJoinResponse aAgain = classic.join(join(a.memberId(), "a", "consumer")).block();
        assertEquals(2, aAgain.members().size());
        assertEquals(aAgain.generation(), b.get().generation());
    }

    @Test
    void theTimerExpiresASilentMemberAndRebalances() {
        ClassicJoinResponse a = joinNew("a");
        ClassicJoinResponse bFirst = classic.join(join("", "b", "consumer")).block();
        AtomicReference<ClassicJoinResponse> b = start(classic.join(join(bFirst.memberId(), "b", "consumer")));
        // a never rejoins nor heartbeats: its session (10 s) ends, which opens the barrier for b
        time.advanceTimeBy(Duration.ofSeconds(SESSION_MS / 1000 - 1));
        assertNull(b.get());
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertEquals(ClassicError.NONE, b.get().error());
        assertEquals(List.of(b.get().memberId()),
                classic.describeGroup(GROUP).block().members().stream().map(ClassicGroupDescription.Member::memberId).toList());
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID,
                classic.heartbeat(new ClassicHeartbeatRequest(GROUP, a.generation(), a.memberId(), null)).block());
    }

    @Test
    void committedOffsetsSurviveAReopenAndShowInTheEnginesDescription() {
        ClassicJoinResponse a = joinNew("a");
        ClassicSyncResponse synced = classic.sync(new ClassicSyncRequest(GROUP, a.generation(), a.memberId(), null,
                "consumer", "range", Map.of(a.memberId(), assignment("orders", 0, 1)))).block();
        assertEquals(ClassicError.NONE, synced.error());
        topics.offsets(TopicPartition.of("orders", 0), 0, 10);
        topics.offsets(TopicPartition.of("orders", 1), 0, 4);
        ClassicCommitResponse committed = classic.commit(new ClassicCommitRequest(GROUP, a.memberId(), null,
                a.generation(), Map.of(TopicPartition.of("orders", 0), 7L, TopicPartition.of("orders", 9), 1L))).block();
        assertEquals(ClassicError.NONE, committed.errorFor(TopicPartition.of("orders", 0)));
        assertEquals(ClassicError.UNKNOWN_TOPIC_OR_PARTITION, committed.errorFor(TopicPartition.of("orders", 9)));

        GroupDescription live = coordinator.describeGroup(GROUP).block();
        assertEquals(GroupState.STABLE, live.state());
        assertEquals(AssignmentStrategy.RANGE, live.assignmentStrategy());
        assertEquals(List.of(TopicPartition.of("orders", 0), TopicPartition.of("orders", 1)),
                live.members().get(0).assignment(), "decoded from the consumer assignment bytes");
        assertEquals("a", live.members().get(0).clientId());
        assertEquals(List.of(new PartitionLag(TopicPartition.of("orders", 0), 7, 10, 3),
                new PartitionLag(TopicPartition.of("orders", 1), PartitionLag.NO_OFFSET, 4, 4)), live.partitions());
        assertEquals(List.of(GROUP), coordinator.listGroups().block());

        coordinator.close();
        reopen();
        assertEquals(Map.of(TopicPartition.of("orders", 0), 7L), classic.committed(GROUP, Set.of()).block());
        GroupDescription after = coordinator.describeGroup(GROUP).block();
        assertEquals(GroupState.EMPTY, after.state());
        assertEquals(3, after.partitions().get(0).lag());
        assertEquals(List.of(new ClassicGroupListing(GROUP, "", ClassicGroupState.EMPTY, "classic")),
                classic.listGroups().block());
    }

    @Test
    void aCommitWithoutAMemberIsRefusedWhileTheGroupHasMembers() {
        ClassicCommitRequest simple = new ClassicCommitRequest(GROUP, "", null, -1,
                Map.of(TopicPartition.of("orders", 0), 3L));
        assertEquals(ClassicError.NONE, classic.commit(simple).block().error(), "an empty group takes it");
        joinNew("a");
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID, classic.commit(simple).block().error());
        assertEquals(ClassicError.UNKNOWN_MEMBER_ID, classic.commit(new ClassicCommitRequest(GROUP, "ghost", null,
                5, Map.of())).block().error());
    }

    @Test
    void aGroupIdServesOneKindOfConsumerAtATime() {
        JoinResponse rivulet = coordinator.join(new JoinRequest("shared", null, "r", "embedded", List.of("orders"),
                AssignmentStrategy.RANGE, SESSION_MS)).block();
        assertEquals(GroupError.NONE, rivulet.error());
        ClassicJoinRequest kafka = new ClassicJoinRequest("shared", "", null, "k", "h", SESSION_MS, 30_000,
                "consumer", List.of(new ClassicProtocol("range", new byte[0])), false);
        assertEquals(ClassicError.INCONSISTENT_GROUP_PROTOCOL, classic.join(kafka).block().error());
        assertEquals(ClassicGroupListing.CONSUMER, classic.listGroups().block().get(0).groupType(),
                "listed as a group of Rivulet's own protocol");

        coordinator.leave(new LeaveRequest("shared", rivulet.memberId())).block();
        assertEquals(ClassicError.NONE, classic.join(kafka).block().error());
        JoinResponse refused = coordinator.join(new JoinRequest("shared", null, "r", "embedded", List.of("orders"),
                AssignmentStrategy.RANGE, SESSION_MS)).block();
        assertEquals(GroupError.INCONSISTENT_GROUP_PROTOCOL, refused.error());
    }

    @Test
    void closingAnswersHeldJoinsAndRefusesNewCalls() {
        ClassicJoinResponse a = joinNew("a");
        ClassicJoinResponse bFirst = classic.join(join("", "b", "consumer")).block();
        AtomicReference<ClassicJoinResponse> b = start(classic.join(join(bFirst.memberId(), "b", "consumer")));
        coordinator.close();
        assertEquals(ClassicError.NOT_COORDINATOR, b.get().error());
        assertThrows(RivuletClosedException.class,
                () -> classic.heartbeat(new ClassicHeartbeatRequest(GROUP, a.generation(), a.memberId(), null)).block());
    }
}
