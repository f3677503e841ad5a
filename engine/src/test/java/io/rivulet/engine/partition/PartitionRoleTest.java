package io.rivulet.engine.partition;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A partition's role changes against writers racing them. */
class PartitionRoleTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final LogConfig CONFIG = LogConfig.from(Map.of("preallocate", "0", "segment.bytes", "4194304"));

    @TempDir
    Path dir;

    private final EngineMetrics metrics = new EngineMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void onceAPartitionFollowsNoWriteOfItsOwnReachesTheLog() throws Exception {
        for (int round = 0; round < 30; round++) {
            try (Partition p = new Partition(TP, PartitionLog.open(dir.resolve("r" + round), CONFIG), metrics)) {
                p.becomeLeader(1, 0, List.of(1, 2), List.of(1), 1);
                AtomicBoolean stop = new AtomicBoolean();
                Thread writer = new Thread(() -> {
                    try (RecordBatchBuilder b = new RecordBatchBuilder(64)) {
                        while (!stop.get()) {
                            b.reset().append(1L, null, new byte[] {1});
                            try {
                                p.append(b.build());
                            } catch (RivuletException refused) {
                                // NOT_LEADER once it follows: expected
                            }
                        }
                    }
                });
                writer.start();
                Thread.sleep(2);
                p.becomeFollower(1, 2);
                long end = p.logEndOffset();
                Thread.sleep(5);
                stop.set(true);
                writer.join();
                assertEquals(end, p.logEndOffset(), "round " + round + ": a write landed after the switch");
            }
        }
    }

    @Test
    void aFollowerAckAheadOfWhatTheLeaderStateHeardOfItsLogStillCounts() {
        try (Partition p = new Partition(TP, PartitionLog.open(dir.resolve("a"), CONFIG), metrics);
             RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            p.becomeLeader(1, 0, List.of(1, 2), List.of(1, 2), 1);
            p.replicaAcked(2, 0, 0);
            // in the log, not yet reported by its appender: a follower may copy it in between
            p.log().appendFast(b.append(1L, null, new byte[] {1}).append(2L, null, new byte[] {2}).build(), 0);
            p.replicaAcked(2, 0, 2);
            assertEquals(2, p.highWatermark());
        }
    }

    @Test
    void aRestartedReplicaStartsAtItsCheckpointedHighWatermarkNotItsLogEnd() {
        Path d = dir.resolve("hw");
        try (Partition p = new Partition(TP, PartitionLog.open(d, CONFIG), metrics);
             RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            p.becomeLeader(1, 0, List.of(1, 2), List.of(1, 2), 1);
            for (int i = 0; i < 5; i++) {
                p.append(b.reset().append(1L, null, new byte[] {(byte) i}).build());
            }
            p.replicaAcked(2, 0, 3); // the follower holds 3 of the 5: only they are committed
            assertEquals(3, p.highWatermark());
            p.checkpointHighWatermark();
        }
        try (Partition reopened = new Partition(TP, PartitionLog.open(d, CONFIG), metrics)) {
            assertEquals(5, reopened.logEndOffset());
            assertEquals(3, reopened.highWatermark(), "what was committed, not the whole log");
        }
    }

    @Test
    void aPartitionThatNeverReplicatedCommitsItsWholeLogOnOpen() {
        Path d = dir.resolve("alone");
        try (Partition p = new Partition(TP, PartitionLog.open(d, CONFIG), metrics);
             RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            p.append(b.append(1L, null, new byte[] {1}).build());
        }
        try (Partition reopened = new Partition(TP, PartitionLog.open(d, CONFIG), metrics)) {
            assertEquals(1, reopened.highWatermark());
        }
        assertEquals(false, java.nio.file.Files.exists(d.resolve(HighWatermarkCheckpoint.FILE)));
    }

    @Test
    void aFollowerRefusesProducersNamingItsLeader() {
        try (Partition p = new Partition(TP, PartitionLog.open(dir.resolve("f"), CONFIG), metrics);
             RecordBatchBuilder b = new RecordBatchBuilder(64)) {
            p.becomeFollower(3, 2);
            RivuletException e = assertThrows(RivuletException.class,
                    () -> p.append(b.append(1L, null, new byte[] {1}).build()));
            assertEquals(ErrorCode.NOT_LEADER, e.code());
            assertEquals(true, e.getMessage().contains("node 2"), e.getMessage());
        }
    }
}
