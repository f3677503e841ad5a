package io.rivulet.engine.embedded;

import io.rivulet.api.Acks;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProduceAndReadTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recordsComeBackInOrderPerPartitionWithTheOffsetsTheProducerReported(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of("orders").withPartitions(3)).block();
            Producer<String, String> p = r.producer(EngineFixtures.strings());
            List<RecordMetadata> sent = p.send(Flux.range(0, 3000)
                    .map(i -> ProducerRecord.of("orders", "k" + (i % 50), "v" + i))).collectList().block();
            assertEquals(3000, sent.size());
            Map<Integer, List<Long>> offsets = new HashMap<>();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata m = sent.get(i);
                offsets.computeIfAbsent(m.partition(), k -> new ArrayList<>()).add(m.offset());
            }
            // results come in the order sent, and per partition the offsets count up from 0
            offsets.values().forEach(list -> {
                for (int i = 0; i < list.size(); i++) {
                    assertEquals(i, list.get(i));
                }
            });
            Consumer<String, String> c = r.consumer(EngineFixtures.reader());
            int total = 0;
            for (int part = 0; part < 3; part++) {
                List<ConsumerRecord<String, String>> got = c.read(new TopicPartition("orders", part), StartAt.earliest())
                        .take(offsets.getOrDefault(part, List.of()).size()).collectList().block(Duration.ofSeconds(10));
                long last = -1;
                int lastValue = -1;
                for (ConsumerRecord<String, String> rec : got) {
                    assertEquals(last + 1, rec.offset());
                    last = rec.offset();
                    int v = Integer.parseInt(rec.value().substring(1));
                    assertTrue(v > lastValue, "order kept within the partition");
                    lastValue = v;
                }
                total += got.size();
            }
            assertEquals(3000, total);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withAcksZeroEveryRecordIsReportedWithoutAnOffsetAndArrivesInOrder(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of("fire").withPartitions(1)).block();
            Producer<String, String> p = r.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.NONE).linger(Duration.ofMillis(1)).build());
            List<RecordMetadata> sent = p.send(Flux.range(0, 2000)
                    .map(i -> ProducerRecord.of("fire", "k", "v" + i))).collectList().block(Duration.ofSeconds(30));
            assertEquals(2000, sent.size());
            assertTrue(sent.stream().allMatch(m -> m.offset() == -1), "acks=0 has no offsets to report");
            List<ConsumerRecord<String, String>> got = r.consumer(EngineFixtures.reader())
                    .read(new TopicPartition("fire", 0), StartAt.earliest())
                    .take(2000).collectList().block(Duration.ofSeconds(10));
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i, got.get(i).offset());
                assertEquals("v" + i, got.get(i).value(), "in the order sent");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void requestTenYieldsExactlyTen(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.producer(EngineFixtures.strings()).send(Flux.range(0, 100).map(i -> ProducerRecord.of("t", "v" + i)))
                    .blockLast();
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(new TopicPartition("t", 0), StartAt.earliest()), 0)
                    .thenRequest(10)
                    .expectNextCount(10)
                    .expectNoEvent(Duration.ofMillis(200))
                    .thenRequest(1)
                    .assertNext(rec -> assertEquals(10, rec.offset()))
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLiveTailSeesARecordWrittenAfterItCaughtUp(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            Producer<String, String> p = r.producer(EngineFixtures.strings());
            p.send(ProducerRecord.of("live", "before")).block();
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(new TopicPartition("live", 0), StartAt.latest()))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(100))
                    .then(() -> p.send(ProducerRecord.of("live", "after")).subscribe())
                    .assertNext(rec -> assertEquals("after", rec.value()))
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everythingIsStillThereAfterCloseAndReopen(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of("durable").withPartitions(2)).block();
            r.producer(EngineFixtures.strings()).send(Flux.range(0, 500)
                    .map(i -> new ProducerRecord<String, String>("durable", i % 2, null, "v" + i, null, null))).blockLast();
        }
        try (Rivulet r = mode.open(dir)) {
            assertEquals(List.of("durable"), r.admin().listTopics().block());
            var d = r.admin().describeTopic("durable").block();
            assertEquals(2, d.partitionCount());
            assertEquals(250, d.partitions().get(0).endOffset());
            assertEquals(250, d.partitions().get(1).endOffset());
            List<ConsumerRecord<String, String>> got = r.consumer(EngineFixtures.reader())
                    .read(new TopicPartition("durable", 1), StartAt.offset(100)).take(150).collectList().block();
            assertEquals(150, got.size());
            assertEquals("v201", got.get(0).value());
            assertEquals("v499", got.get(149).value());
        }
    }
}
