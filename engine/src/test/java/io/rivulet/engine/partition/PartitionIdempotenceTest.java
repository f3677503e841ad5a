package io.rivulet.engine.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionIdempotenceTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final long PRODUCER = 99;
    private static final LogConfig CONFIG = LogConfig.from(Map.of("preallocate", "0", "segment.bytes", "1048576"));

    @TempDir
    Path dir;

    private final EngineMetrics metrics = new EngineMetrics();
    private final RecordBatchBuilder builder = new RecordBatchBuilder(256);

    @AfterEach
    void close() {
        builder.close();
        metrics.close();
    }

    @Test
    void aBatchSentAgainIsAnsweredWithItsOffsetAndAppendedOnce() {
        try (Partition p = open(dir.resolve("a"))) {
            p.append(batch(RecordBatch.NO_PRODUCER_ID, -1, 2)); // offsets 0-1, no producer
            assertEquals(2, p.append(batch(PRODUCER, 0, 3)));
            assertEquals(2, p.append(batch(PRODUCER, 0, 3)), "the original offset");
            assertEquals(5, p.logEndOffset(), "appended once");
            assertEquals(5, p.append(batch(PRODUCER, 3, 1)));
        }
    }

    @Test
    void aBatchAheadOfAMissingOneIsRefusedAsRetriable() {
        try (Partition p = open(dir.resolve("a"))) {
            p.append(batch(PRODUCER, 0, 3));
            RivuletException e = assertThrows(RivuletException.class, () -> p.append(batch(PRODUCER, 5, 1)));
            assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE, e.code());
            assertEquals(true, e.code().retriable());
            assertEquals(3, p.logEndOffset());
        }
    }

    @Test
    void anOlderEpochIsFenced() {
        try (Partition p = open(dir.resolve("a"))) {
            p.append(batch(PRODUCER, (short) 1, 0, 1));
            RivuletException e = assertThrows(RivuletException.class,
                    () -> p.append(batch(PRODUCER, (short) 0, 1, 1)));
            assertEquals(ErrorCode.PRODUCER_FENCED, e.code());
        }
    }

    @Test
    void aReopenedLogRemembersItsProducers() {
        Path d = dir.resolve("a");
        try (Partition p = open(d)) {
            p.append(batch(PRODUCER, 0, 3));
            p.append(batch(PRODUCER, 3, 3));
        }
        try (Partition p = open(d)) {
            assertEquals(3, p.append(batch(PRODUCER, 3, 3)), "a duplicate found in the log read on open");
            assertEquals(6, p.logEndOffset());
            assertEquals(6, p.append(batch(PRODUCER, 6, 1)));
        }
    }

    @Test
    void aFollowerThatBecomesLeaderKnowsTheSequencesItCopied() {
        try (Partition leader = open(dir.resolve("leader")); Partition follower = open(dir.resolve("follower"))) {
            leader.becomeLeader(1, 1, List.of(1, 2), List.of(1, 2), 1);
            follower.becomeFollower(1, 1);
            leader.append(batch(PRODUCER, 0, 2));
            leader.append(batch(PRODUCER, 2, 2));
            copy(leader, follower, 0);

            follower.becomeLeader(2, 2, List.of(1, 2), List.of(2), 1);
            assertEquals(2, follower.append(batch(PRODUCER, 2, 2)), "the last batch, sent again to the new leader");
            assertEquals(4, follower.logEndOffset());
            assertThrows(RivuletException.class, () -> follower.append(batch(PRODUCER, 5, 1)));
        }
    }

    @Test
    void truncationForgetsTheBatchesItCut() {
        try (Partition leader = open(dir.resolve("leader")); Partition follower = open(dir.resolve("follower"))) {
            leader.becomeLeader(1, 1, List.of(1, 2), List.of(1, 2), 1);
            follower.becomeFollower(1, 1);
            leader.append(batch(PRODUCER, 0, 2));
            leader.append(batch(PRODUCER, 2, 2));
            copy(leader, follower, 0);
            follower.truncateTo(2); // the second batch never reached the new leader's quorum

            follower.becomeLeader(2, 2, List.of(1, 2), List.of(2), 1);
            assertEquals(2, follower.append(batch(PRODUCER, 2, 2)), "appended again, not taken for a duplicate");
            assertEquals(4, follower.logEndOffset());
        }
    }

    private Partition open(Path d) {
        return new Partition(TP, PartitionLog.open(d, CONFIG), metrics);
    }

    private static void copy(Partition from, Partition to, long offset) {
        try (LogSlice slice = from.readForReplica(offset, 1 << 20)) {
            for (Iterator<RecordBatch> it = slice.batches(); it.hasNext(); ) {
                to.appendAsFollower(it.next());
            }
        }
    }

    private RecordBatch batch(long producerId, int baseSequence, int records) {
        return batch(producerId, (short) (producerId == RecordBatch.NO_PRODUCER_ID ? -1 : 0), baseSequence, records);
    }

    private RecordBatch batch(long producerId, short epoch, int baseSequence, int records) {
        builder.reset();
        for (int i = 0; i < records; i++) {
            builder.append(1_000L + i, null, new byte[] {(byte) i});
        }
        return builder.producer(producerId, epoch, baseSequence).build();
    }
}
