package io.rivulet.engine.group;

import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetLogTest {
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @TempDir
    Path dir;

    @Test
    void replaysTheLastCommitOfEachPartition() {
        try (OffsetLog log = open()) {
            log.write("g1", Map.of(A0, 5L, A1, 7L));
            log.write("g1", Map.of(A0, 9L));
            log.write("g2", Map.of(A0, 1L));
        }
        try (OffsetLog log = open()) {
            assertEquals(Map.of(A0, 9L, A1, 7L), log.committed("g1"));
            assertEquals(1L, log.committed("g2", A0));
            assertEquals(PartitionLag.NO_OFFSET, log.committed("g2", A1));
            assertEquals(Set.of("g1", "g2"), log.groups());
        }
    }

    @Test
    void tombstonesDeleteOnReplay() {
        try (OffsetLog log = open()) {
            log.write("g1", Map.of(A0, 5L, B0, 7L));
            log.write("g2", Map.of(B0, 3L));
            log.deleteTopic("b");
            assertEquals(Map.of(A0, 5L), log.committed("g1"));
        }
        try (OffsetLog log = open()) {
            assertEquals(Map.of(A0, 5L), log.committed("g1"));
            assertEquals(Set.of("g1"), log.groups(), "a group left with no offsets is gone");
        }
    }

    @Test
    void aTornLastCommitIsLostWholeAndTheRestSurvives() throws IOException {
        try (OffsetLog log = open()) {
            log.write("g", Map.of(A0, 1L, A1, 1L));
            log.write("g", Map.of(A0, 2L, A1, 2L));
            log.write("g", Map.of(A0, 3L, A1, 3L));
        }
        Path segment = lastSegment();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 10); // a crash in the middle of writing the last batch
        }
        Files.delete(dir.resolve(".clean-shutdown"));

        try (OffsetLog log = open()) {
            assertEquals(Map.of(A0, 2L, A1, 2L), log.committed("g"), "the torn commit goes whole, never half");
            log.write("g", Map.of(A0, 4L));
        }
        try (OffsetLog log = open()) {
            assertEquals(Map.of(A0, 4L, A1, 2L), log.committed("g"), "the log takes commits again after recovery");
        }
    }

    @Test
    void snapshotsKeepTheLogBoundedAndLoseNothing() {
        LogConfig small = OffsetLog.CONFIG.with("max.message.bytes", 4096).with("segment.bytes", 8192);
        Map<TopicPartition, Long> expected = new HashMap<>();
        long maxRetained = 0;
        try (OffsetLog log = OffsetLog.open(dir, () -> 0L, 50, small)) {
            for (long i = 0; i < 3_000; i++) {
                TopicPartition tp = new TopicPartition("t", (int) (i % 10));
                log.write("g", Map.of(tp, i));
                expected.put(tp, i);
                maxRetained = Math.max(maxRetained, log.logEndOffset() - log.logStartOffset());
            }
        }
        // 10 live positions: a snapshot every 50 writes, plus at most one segment (8 KiB, ~90 one-record
        // batches) kept below it; without snapshots the log would hold all 3000.
        assertTrue(maxRetained < 300, "the log kept " + maxRetained + " records for 10 live positions");
        try (OffsetLog log = OffsetLog.open(dir, () -> 0L, 50, small)) {
            assertEquals(expected, log.committed("g"));
        }
    }

    @Test
    void aLargeCommitSpansSeveralBatchesAndReplays() {
        LogConfig small = OffsetLog.CONFIG.with("max.message.bytes", 4096).with("segment.bytes", 1 << 20);
        Map<TopicPartition, Long> many = new HashMap<>();
        for (int p = 0; p < 1000; p++) {
            many.put(new TopicPartition("wide", p), (long) p * 3);
        }
        try (OffsetLog log = OffsetLog.open(dir, () -> 0L, 10_000, small)) {
            log.write("g", many);
        }
        try (OffsetLog log = OffsetLog.open(dir, () -> 0L, 10_000, small)) {
            assertEquals(many, log.committed("g"));
        }
    }

    @Test
    void replaySkipsRecordsOfUnknownTypes() {
        try (PartitionLog raw = PartitionLog.open(dir, OffsetLog.CONFIG);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            b.reset().append(0, new byte[]{0, 99, 1, 2}, "from the future".getBytes(StandardCharsets.UTF_8));
            b.append(0, OffsetRecord.key("g", A0), OffsetRecord.value(42, 0));
            raw.append(b.build());
        }
        try (OffsetLog log = open()) {
            assertEquals(Map.of(A0, 42L), log.committed("g"));
        }
    }

    @Test
    void recordsRoundTrip() {
        OffsetRecord.Key key = OffsetRecord.readKey(OffsetRecord.key("gröup", new TopicPartition("t.x_1", 17)));
        assertEquals(new OffsetRecord.Key("gröup", new TopicPartition("t.x_1", 17)), key);
        assertEquals(new OffsetRecord.Value(123_456_789_012L, 99L),
                OffsetRecord.readValue(OffsetRecord.value(123_456_789_012L, 99L)));
        assertEquals(null, OffsetRecord.readKey(new byte[]{0, 1, 0}), "a truncated key is not a key");
    }

    private OffsetLog open() {
        return OffsetLog.open(dir, () -> 1_000L);
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .sorted(Comparator.comparing(Path::getFileName)).toList();
            return logs.get(logs.size() - 1);
        }
    }
}
