package io.rivulet.engine.metrics;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.partition.Partition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThroughputMetersTest {
    private static final int RECORDS = 5_000;

    @TempDir
    Path dir;

    @Test
    void recordsAndBytesInCountEveryAppendedRecordAndBatchByte() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.rivulet.admin().createTopic(NewTopic.of("clicks").withPartitions(3)).block();
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, RECORDS).map(i -> ProducerRecord.of("clicks", "k" + i, "value-" + i)))
                    .blockLast();

            long logBytes = 0;
            for (Partition p : m.engine.topics().get("clicks").partitions()) {
                logBytes += p.log().sizeInBytes();
            }
            assertEquals(RECORDS, m.counter("rivulet.records.in", "topic", "clicks"));
            assertEquals(logBytes, m.counter("rivulet.bytes.in", "topic", "clicks"), "every batch byte that reached the log");
            long appends = m.get("rivulet.append.latency", "topic", "clicks").timer().count();
            assertTrue(appends >= 3 && appends < RECORDS, "one timing per batch, not per record: " + appends);
        }
    }

    @Test
    void recordsAndBytesOutCountWhatAReaderWasDelivered() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, RECORDS).map(i -> ProducerRecord.of("t", "value-" + i)))
                    .blockLast();
            long logBytes = m.engine.topics().partition(new TopicPartition("t", 0)).log().sizeInBytes();

            int got = m.rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                    .read(new TopicPartition("t", 0), StartAt.earliest())
                    .take(RECORDS).count().block(Duration.ofSeconds(10)).intValue();

            assertEquals(RECORDS, got);
            MeteredEngine.await("records out reach " + RECORDS, () -> m.counter("rivulet.records.out", "topic", "t") == RECORDS);
            assertEquals(logBytes, m.counter("rivulet.bytes.out", "topic", "t"), "every batch was read once, whole");
            assertTrue(m.get("rivulet.read.latency", "topic", "t").timer().count() >= 1);
        }
    }

    @Test
    void logGaugesFollowThePartition() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.rivulet.producer(MeteredEngine.strings())
                    .send(Flux.range(0, 100).map(i -> ProducerRecord.of("g", "v" + i))).blockLast();
            Partition p = m.engine.topics().partition(new TopicPartition("g", 0));
            p.log().deleteBefore(40); // what retention does: move the log start

            String[] tp = {"topic", "g", "partition", "0"};
            assertEquals(100, m.gauge("rivulet.log.end.offset", tp));
            assertEquals(100, m.gauge("rivulet.high.watermark", tp));
            assertEquals(p.logStartOffset(), m.gauge("rivulet.log.start.offset", tp));
            assertEquals(p.log().sizeInBytes(), m.gauge("rivulet.log.size", tp));
            assertTrue(m.gauge("rivulet.log.size", tp) > 0);
        }
    }

    @Test
    void aCaughtUpReaderCountsAsParkedUntilItCancels() {
        try (MeteredEngine m = MeteredEngine.open(dir)) {
            m.rivulet.admin().createTopic(NewTopic.of("idle")).block();
            String[] tp = {"topic", "idle", "partition", "0"};
            assertEquals(0, m.gauge("rivulet.readers.parked", tp));

            Disposable reader = m.rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                    .read(new TopicPartition("idle", 0), StartAt.latest()).subscribe();
            MeteredEngine.await("the reader parks", () -> m.gauge("rivulet.readers.parked", tp) == 1);

            reader.dispose();
            MeteredEngine.await("the reader leaves", () -> m.gauge("rivulet.readers.parked", tp) == 0);
        }
    }
}
