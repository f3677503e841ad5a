package io.rivulet.engine.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.replication.ProducerStateTable;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partition reopened after a restart knows its idempotent producers from the snapshot plus the log's tail. */
class ProducerStateSnapshotRestartTest {
    private static final TopicPartition TP = new TopicPartition("snap", 0);
    private static final long PRODUCER = 42;
    private static final LogConfig SMALL_SEGMENTS = LogConfig.from(Map.of("preallocate", "0",
            "segment.bytes", "4096", "segment.index.bytes", "4096", "max.message.bytes", "2048"));

    @TempDir
    Path dir;

    private final EngineMetrics metrics = new EngineMetrics();
    private final RecordBatchBuilder builder = new RecordBatchBuilder(512);

    @AfterEach
    void close() {
        builder.close();
        metrics.close();
    }

    @Test
    void aDuplicateRetriedAfterRestartGetsItsOriginalOffsetFromTheSnapshot() {
        long lastBase;
        long end;
        try (Partition p = open()) {
            p.append(plain(3)); // offsets 0-2, no producer: the snapshot must not start at 0 by accident
            lastBase = appendProducerBatches(p, 0, 4);
            end = p.logEndOffset();
        }
        assertTrue(Files.exists(dir.resolve(ProducerStateSnapshotFile.FILE)), "written on close");
        try (Partition p = open()) {
            assertEquals(-1, p.producerStateLoadedFrom(), "not loaded before an idempotent producer shows up");
            assertEquals(lastBase, p.append(producerBatch(3)), "the retried batch's original offset");
            assertEquals(end, p.producerStateLoadedFrom(), "read the log only from the snapshot's offset");
            assertEquals(end, p.logEndOffset(), "nothing appended twice");
            assertEquals(end, p.append(producerBatch(4)), "the next sequence is accepted");
        }
    }

    @Test
    void aSnapshotTakenAtARollIsFollowedByAScanOfTheRest() throws Exception {
        try (Partition p = open()) {
            appendProducerBatches(p, 0, 40); // rolls several 4 KiB segments
            assertTrue(p.log().segmentCount() > 2, "segments: " + p.log().segmentCount());
            ProducerStateSnapshot atRoll = ProducerStateSnapshot.decode(
                    Files.readAllBytes(dir.resolve(ProducerStateSnapshotFile.FILE)));
            assertTrue(atRoll.offset() > 0 && atRoll.offset() <= p.logEndOffset(), "offset " + atRoll.offset());

            // What a crash leaves: the last roll's snapshot and batches after it. Loading from it alone must
            // find a batch appended after the snapshot.
            ProducerStates reloaded = new ProducerStates(p.log());
            ProducerStateTable t = reloaded.table();
            assertEquals(atRoll.offset(), reloaded.loadedFrom());
            long lastBase = p.logEndOffset() - 2;
            assertEquals(new ProducerStateTable.Duplicate(lastBase, lastBase + 1), t.check(PRODUCER, (short) 0, 2 * 39, 1));
        }
    }

    @Test
    void aSnapshotBeyondTheLogEndIsIgnoredAndTheWholeLogRead() throws Exception {
        long lastBase;
        try (Partition p = open()) {
            lastBase = appendProducerBatches(p, 0, 3);
        }
        ProducerStateTable wrong = new ProducerStateTable();
        wrong.appended(PRODUCER, (short) 0, 0, 1, 500);
        ProducerStateSnapshotFile.write(dir, new ProducerStateSnapshot(1_000, wrong).encode(), false);

        try (Partition p = open()) {
            assertFalse(Files.exists(dir.resolve(ProducerStateSnapshotFile.FILE)), "deleted on open");
            assertEquals(lastBase, p.append(producerBatch(2)));
            assertEquals(0, p.producerStateLoadedFrom(), "read from the log start");
        }
    }

    @Test
    void aCorruptSnapshotIsIgnoredAndTheWholeLogRead() throws Exception {
        long lastBase;
        try (Partition p = open()) {
            lastBase = appendProducerBatches(p, 0, 3);
        }
        Path file = dir.resolve(ProducerStateSnapshotFile.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        try (Partition p = open()) {
            assertEquals(lastBase, p.append(producerBatch(2)));
            assertEquals(0, p.producerStateLoadedFrom());
        }
    }

    @Test
    void truncationDeletesTheSnapshotSoCutBatchesAreNotRemembered() {
        try (Partition p = open()) {
            appendProducerBatches(p, 0, 3); // sequences 0-5 at offsets 0-5
        }
        try (Partition p = open()) {
            p.truncateTo(4); // the third batch is cut
            assertFalse(Files.exists(dir.resolve(ProducerStateSnapshotFile.FILE)));
            assertEquals(4, p.append(producerBatch(2)), "appended again, not taken for a duplicate");
            assertEquals(0, p.producerStateLoadedFrom());
        }
    }

    private Partition open() {
        return new Partition(TP, PartitionLog.open(dir, SMALL_SEGMENTS), metrics);
    }

    /** Appends batches {@code from..to-1} of the producer (two records each); returns the last one's base offset. */
    private long appendProducerBatches(Partition p, int from, int to) {
        long base = -1;
        for (int i = from; i < to; i++) {
            base = p.append(producerBatch(i));
        }
        return base;
    }

    /** The producer's batch number {@code n}: sequences 2n and 2n+1, values big enough to fill segments. */
    private RecordBatch producerBatch(int n) {
        builder.reset();
        builder.append(1_000L + n, null, new byte[200]);
        builder.append(1_000L + n, null, new byte[200]);
        return builder.producer(PRODUCER, (short) 0, 2 * n).build();
    }

    private RecordBatch plain(int records) {
        builder.reset();
        for (int i = 0; i < records; i++) {
            builder.append(1L, null, new byte[] {(byte) i});
        }
        return builder.build();
    }
}
