package io.rivulet.engine.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.batch.CompressionCodec;
import io.rivulet.storage.batch.KafkaBatches;
import io.rivulet.storage.batch.RecordHeader;
import io.rivulet.storage.batch.TestRecord;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Kafka producers' compressed batches, appended to a partition as the Kafka front door will append
 * them, reach a reader of the partition's record stream (the path the embedded consumer, the network
 * server and the HTTP/WebSocket consumers share) as the records the producer sent.
 */
class CompressedRecordsStreamTest {
    private static final TopicPartition TP = new TopicPartition("compressed", 0);
    private static final LogConfig CONFIG = LogConfig.from(Map.of("preallocate", "0", "segment.bytes", "1048576"));

    @TempDir
    Path dir;

    private final EngineMetrics metrics = new EngineMetrics();
    private final Scheduler scheduler = Schedulers.newSingle("compress-test-fetch");

    @AfterEach
    void close() {
        scheduler.dispose();
        metrics.close();
    }

    @Test
    void everyCodecReadsBackThroughTheRecordStream() {
        List<TestRecord> sent = new ArrayList<>();
        try (Partition p = new Partition(TP, PartitionLog.open(dir, CONFIG), metrics)) {
            for (CompressionCodec codec : CompressionCodec.values()) {
                List<TestRecord> batch = records(codec.label(), 3);
                p.append(KafkaBatches.wrap(KafkaBatches.encode(codec, batch)));
                sent.addAll(batch);
            }
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            StepVerifier.create(stream(p), 0)
                    .thenRequest(2).expectNextCount(2) // demand smaller than a batch
                    .thenRequest(sent.size() - 2).recordWith(() -> got).expectNextCount(sent.size() - 2)
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
            assertEquals(sent.size() - 2, got.size());
            for (int i = 0; i < got.size(); i++) {
                assertSame(sent.get(i + 2), got.get(i), i + 2);
            }
        }
    }

    @Test
    void aCompressedBatchThatDoesNotDecompressFailsTheStreamWithCorruptRecord() {
        try (Partition p = new Partition(TP, PartitionLog.open(dir, CONFIG), metrics)) {
            byte[] damaged = KafkaBatches.truncatedPayload(
                    KafkaBatches.encode(CompressionCodec.SNAPPY, records("s", 4)), 3);
            p.append(KafkaBatches.wrap(damaged));
            StepVerifier.create(stream(p))
                    .expectErrorSatisfies(e -> {
                        assertTrue(e instanceof RivuletException, e.toString());
                        assertEquals(ErrorCode.CORRUPT_RECORD, ((RivuletException) e).code(), e.toString());
                    })
                    .verify(Duration.ofSeconds(10));
        }
    }

    private PartitionStream<String, String> stream(Partition p) {
        return new PartitionStream<>(p, StartAt.earliest(), Serdes.string(), Serdes.string(),
                RecordHandles::unmanaged, scheduler);
    }

    private static List<TestRecord> records(String tag, int count) {
        List<TestRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] key = i == 1 ? null : utf8(tag + "-k" + i);
            byte[] value = i == 2 ? null : utf8(tag + "-v" + i + "-" + "x".repeat(i * 50));
            List<RecordHeader> headers = i == 0 ? List.of(new RecordHeader("codec", utf8(tag))) : List.of();
            out.add(new TestRecord(1_000L * i + 7, key, value, headers));
        }
        return out;
    }

    private static void assertSame(TestRecord sent, ConsumerRecord<String, String> got, long offset) {
        assertEquals(offset, got.offset());
        assertEquals(sent.timestamp(), got.timestamp());
        assertEquals(sent.key() == null ? null : new String(sent.key(), StandardCharsets.UTF_8), got.key());
        assertEquals(sent.value() == null ? null : new String(sent.value(), StandardCharsets.UTF_8), got.value());
        if (sent.headers().isEmpty()) {
            assertTrue(got.headers().isEmpty());
        } else {
            assertArrayEquals(sent.headers().get(0).value(), got.headers().lastValue("codec").orElseThrow());
        }
        if (sent.value() == null) {
            assertNull(got.value());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
