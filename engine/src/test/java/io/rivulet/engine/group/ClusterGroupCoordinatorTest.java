package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.metrics.GroupMetrics;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster's coordinator on one node, over a real {@code __consumer_offsets-0} replica: it serves only while
 * the node leads the partition, its commits are appended to the partition, and a node that takes over replays
 * them.
 */
class ClusterGroupCoordinatorTest {
    private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 0);
    private static final TopicPartition ORDERS = new TopicPartition("orders", 0);
    private static final LogConfig CONFIG = LogConfig.from(Map.of("preallocate", "0", "segment.bytes", "1048576"));

    @TempDir
    Path dir;

    private final EngineMetrics metrics = new EngineMetrics();
    private final FakeTopics topics = new FakeTopics().topic("orders", 1);
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private Partition partition;
    private ClusterGroupCoordinator coordinator;

    @BeforeEach
    void open() {
        topics.offsets(ORDERS, 0, 100);
        partition = new Partition(OFFSETS, PartitionLog.open(dir, CONFIG), metrics);
        coordinator = new ClusterGroupCoordinator(1, p -> LocalGroupCoordinator.replicated(p, topics, clock,
                Schedulers.immediate(), GroupMetrics.none(), Duration.ofSeconds(5)), Schedulers.immediate());
    }

    @AfterEach
    void close() {
        coordinator.close();
        partition.close();
        clock.dispose();
    }

    @Test
    void refusesWithNotLeaderUntilItLeadsTheOffsetsPartition() {
        RivuletException e = assertThrows(RivuletException.class, () -> coordinator.listGroups().block());
        assertEquals(ErrorCode.NOT_LEADER, e.code());
        assertTrue(e.getMessage().contains("__consumer_offsets-0"), e.getMessage());
        assertFalse(coordinator.isActive());
    }

    @Test
    void commitsAreAppendedToTheReplicatedPartition() {
        lead(1);
        commit(42);
        assertTrue(partition.logEndOffset() > 0, "the commit is in the partition's log");
        assertEquals(42, fetched());
    }

    @Test
    void stopsServingWhenLeadershipMovesAndReplaysWhenItComesBack() {
        lead(1);
        commit(42);
        partition.becomeFollower(2, 2);
        coordinator.leadership(partition, false, 2);
        RivuletException e = assertThrows(RivuletException.class, this::fetched);
        assertEquals(ErrorCode.NOT_LEADER, e.code());

        lead(3);
        assertEquals(42, fetched(), "the new coordinator replayed the committed offset");
        assertTrue(coordinator.describeGroup("billing").block().members().isEmpty(), "members are not carried over");
    }

    @Test
    void theSameEpochAgainChangesNothing() {
        lead(1);
        JoinResponse joined = joined();
        coordinator.leadership(partition, true, 1); // a later image, same leadership
        assertEquals(GroupError.NONE, coordinator.heartbeat(new HeartbeatRequest("billing", joined.memberId(),
                joined.assignment().generation(), joined.assignment().assigned())).block().error(),
                "the member is still known");
    }

    private void lead(int epoch) {
        partition.becomeLeader(1, epoch, List.of(1), List.of(1), 1);
        coordinator.leadership(partition, true, epoch);
        assertTrue(coordinator.isActive());
    }

    private JoinResponse joined() {
        return coordinator.join(new JoinRequest("billing", null, "c", "h", List.of("orders"), AssignmentStrategy.RANGE,
                10_000)).block();
    }

    private void commit(long offset) {
        JoinResponse joined = joined();
        CommitResponse r = coordinator.commit(new CommitRequest("billing", joined.memberId(),
                joined.assignment().generation(), Map.of(ORDERS, offset))).block();
        assertEquals(GroupError.NONE, r.error(), r.toString());
    }

    private long fetched() {
        return coordinator.fetchOffsets(new OffsetFetchRequest("billing", java.util.Set.of(ORDERS))).block().offsets()
                .getOrDefault(ORDERS, -1L);
    }
}
