package io.rivulet.engine.embedded;

import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.InvalidTopicException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.TopicExistsException;
import io.rivulet.api.errors.UnknownTopicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void createDescribeListDelete(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of("a").withPartitions(3).withConfig("retention.ms", "60000")).block();
            r.admin().createTopic(NewTopic.of("b")).block();
            assertEquals(List.of("a", "b"), r.admin().listTopics().block());
            var d = r.admin().describeTopic("a").block();
            assertEquals(3, d.partitionCount());
            assertEquals("60000", d.configs().get("retention.ms"));
            assertEquals(0, d.partitions().get(2).endOffset());
            assertEquals(List.of(0), d.partitions().get(0).isr());
            r.admin().deleteTopic("a").block();
            assertEquals(List.of("b"), r.admin().listTopics().block());
            assertFalse(Files.exists(dir.resolve("topics").resolve("a")));
            assertThrows(UnknownTopicException.class, () -> r.admin().describeTopic("a").block());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void badNamesDuplicateTopicsAndBadConfigsGetTypedErrors(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            assertThrows(InvalidTopicException.class, () -> NewTopic.of("no spaces"));
            assertThrows(InvalidTopicException.class, () -> NewTopic.of(".."));
            assertThrows(InvalidTopicException.class, () -> NewTopic.of("x".repeat(250)));
            assertThrows(InvalidTopicException.class, () -> r.admin().createTopic(NewTopic.of("__mine")).block());
            r.admin().createTopic(NewTopic.of("t")).block();
            assertThrows(TopicExistsException.class, () -> r.admin().createTopic(NewTopic.of("t")).block());
            InvalidConfigException unknownKey = assertThrows(InvalidConfigException.class,
                    () -> r.admin().createTopic(NewTopic.of("u").withConfig("retention.mss", "1")).block());
            assertEquals("retention.mss", unknownKey.key());
            InvalidConfigException badValue = assertThrows(InvalidConfigException.class,
                    () -> r.admin().createTopic(NewTopic.of("v").withConfig("segment.bytes", "ten")).block());
            assertEquals("segment.bytes", badValue.key());
            assertThrows(InvalidConfigException.class,
                    () -> r.admin().createTopic(NewTopic.of("w").withReplicationFactor(3)).block());
            assertEquals(List.of("t"), r.admin().listTopics().block(), "failed creates leave nothing behind");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutAutoCreateAnUnknownTopicIsATypedErrorForProduceAndRead(Mode mode) {
        try (Rivulet r = mode.open(dir, Map.of("auto.create.topics.enable", "false"))) {
            StepVerifier.create(r.producer(EngineFixtures.strings()).send(ProducerRecord.of("nope", "v")))
                    .expectError(UnknownTopicException.class).verify(Duration.ofSeconds(5));
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(new TopicPartition("nope", 0), StartAt.earliest()))
                    .expectError(UnknownTopicException.class).verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void autoCreateUsesNumPartitionsAndAnUnknownPartitionIsATypedError(Mode mode) {
        try (Rivulet r = mode.open(dir, Map.of("num.partitions", "4"))) {
            r.producer(EngineFixtures.strings()).send(ProducerRecord.of("auto", "v")).block();
            assertEquals(4, r.admin().describeTopic("auto").block().partitionCount());
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(new TopicPartition("auto", 9), StartAt.earliest()))
                    .expectErrorSatisfies(e -> assertEquals(ErrorCode.UNKNOWN_PARTITION, ((RivuletException) e).code()))
                    .verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unknownEngineSettingsAreRejectedWithTheKey(Mode mode) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> mode.open(dir, Map.of("log.retention.hourz", "1")));
        assertEquals("log.retention.hourz", e.key());
        assertTrue(e.getMessage().contains("log.retention.ms"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aProducerFollowsATopicThatWasDeletedAndCreatedAgainWithFewerPartitions(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of("shrinks").withPartitions(4)).block();
            var producer = r.producer(EngineFixtures.strings());
            producer.send(ProducerRecord.<String, String>of("shrinks", "before").withPartition(3)).block(Duration.ofSeconds(10));
            r.admin().deleteTopic("shrinks").block();
            r.admin().createTopic(NewTopic.of("shrinks").withPartitions(1)).block();
            // a key the old layout put on partition 1, 2 or 3, none of which exists any more
            String key = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "k" + i)
                    .filter(k -> io.rivulet.engine.produce.Murmur2.partition(
                            k.getBytes(java.nio.charset.StandardCharsets.UTF_8), 4) != 0)
                    .findFirst().orElseThrow();
            // the first send may still aim at the old layout and be refused by name; the next one knows better
            var first = producer.send(ProducerRecord.of("shrinks", key, "after")).onErrorResume(e -> {
                assertEquals(ErrorCode.UNKNOWN_PARTITION, ((RivuletException) e).code(), e.getMessage());
                return producer.send(ProducerRecord.of("shrinks", key, "after"));
            }).block(Duration.ofSeconds(10));
            assertEquals(0, first.partition());
            assertEquals(1, r.admin().describeTopic("shrinks").block().partitions().get(0).endOffset());
        }
    }
}
