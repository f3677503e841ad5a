package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commits through the replicated offsets partition: done only once every in-sync replica holds them. */
class ReplicatedOffsetStoreTest {
    private static final TopicPartition ORDERS = new TopicPartition("orders", 0);
    private static final LogConfig CONFIG = LogConfig.from(Map.of("preallocate", "0", "segment.bytes", "1048576"));

    @TempDir
    Path dir;

    private Partition partition;

    @BeforeEach
    void openPartition() {
        partition = new Partition(new TopicPartition("__consumer_offsets", 0), PartitionLog.open(dir, CONFIG),
                new EngineMetrics());
    }

    @AfterEach
    void closePartition() {
        partition.close();
    }

    @Test
    void aCommitCompletesOnceTheInSyncReplicasHoldIt() {
        partition.becomeLeader(1, 1, List.of(1), List.of(1), 1);
        try (OffsetLog offsets = open()) {
            offsets.write("billing", Map.of(ORDERS, 7L));
            assertEquals(7, offsets.committed("billing", ORDERS));
        }
        try (OffsetLog replayed = open()) {
            assertEquals(7, replayed.committed("billing", ORDERS), "a new leader replays the partition");
        }
    }

    @Test
    void aCommitNoFollowerAcknowledgesTimesOutAndIsNotApplied() {
        partition.becomeLeader(1, 1, List.of(1, 2), List.of(1, 2), 1);
        try (OffsetLog offsets = open()) {
            RivuletException e = assertThrows(RivuletException.class,
                    () -> offsets.write("billing", Map.of(ORDERS, 7L)));
            assertEquals(ErrorCode.TIMEOUT, e.code(), e.getMessage());
            assertEquals(-1, offsets.committed("billing", ORDERS), "not answered as committed");
        }
    }

    @Test
    void aNodeThatNoLongerLeadsRefusesCommitsWithNotLeader() {
        partition.becomeLeader(1, 1, List.of(1), List.of(1), 1);
        try (OffsetLog offsets = open()) {
            partition.becomeFollower(2, 2);
            RivuletException e = assertThrows(RivuletException.class,
                    () -> offsets.write("billing", Map.of(ORDERS, 7L)));
            assertEquals(ErrorCode.NOT_LEADER, e.code(), e.getMessage());
        }
    }

    @Test
    void aSnapshotTrimsThePartitionBelowIt() {
        partition.becomeLeader(1, 1, List.of(1), List.of(1), 1);
        try (OffsetLog offsets = OffsetLog.open(new ReplicatedOffsetStore(partition, Duration.ofSeconds(5)),
                () -> 1_000L, 10)) {
            for (long i = 0; i < 100; i++) {
                offsets.write("billing", Map.of(ORDERS, i));
            }
            assertTrue(partition.logStartOffset() > 80, "the log starts at the last snapshot, not at 0: "
                    + partition.logStartOffset());
            assertTrue(partition.logStartOffset() <= partition.highWatermark());
        }
        try (OffsetLog replayed = open()) {
            assertEquals(99, replayed.committed("billing", ORDERS), "the snapshot and what followed replay the same");
        }
    }

    private OffsetLog open() {
        return OffsetLog.open(new ReplicatedOffsetStore(partition, Duration.ofMillis(300)), () -> 1_000L,
                OffsetLog.DEFAULT_COMPACTION_MIN_RECORDS);
    }
}
