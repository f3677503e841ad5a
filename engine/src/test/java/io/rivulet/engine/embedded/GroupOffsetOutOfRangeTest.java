package io.rivulet.engine.embedded;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.InvalidOffsetException;
import io.rivulet.api.serde.Serdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group whose committed offset no longer points into the partition (set past the end here; retention moving the
 * log start past it is the same case) starts where {@code auto.offset.reset} says, or fails typed with {@code none}.
 */
class GroupOffsetOutOfRangeTest {
    private static final TopicPartition TP = new TopicPartition("events", 0);

    @TempDir
    Path dir;
    private Rivulet rivulet;

    @BeforeEach
    void open() {
        rivulet = Rivulet.embedded(dir);
        rivulet.admin().createTopic(NewTopic.of("events")).block();
        produce(0, 10);
        rivulet.admin().alterGroupOffsets("g", Map.of(TP, 1_000L)).block(Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        rivulet.close();
    }

    @Test
    void earliestStartsAtTheLogStartAndCommitsThere() {
        ConsumerRecord<String, String> first = consumer(OffsetReset.EARLIEST).receive().next().block(Duration.ofSeconds(30));
        assertEquals(0, first.offset());
        assertEquals("v0", first.value());
    }

    @Test
    void latestStartsAtTheEndAndSeesOnlyNewRecords() {
        StepVerifier.create(consumer(OffsetReset.LATEST).receive().map(ConsumerRecord::offset).take(1))
                .then(() -> awaitPosition(10))
                .then(() -> produce(10, 11))
                .expectNext(10L)
                .verifyComplete();
    }

    @Test
    void noneFailsTheStreamWithATypedErrorThatNamesTheRange() {
        StepVerifier.create(consumer(OffsetReset.NONE).receive())
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof InvalidOffsetException, e.toString());
                    assertTrue(e.getMessage().contains("committed offset 1000") && e.getMessage().contains("[0, 10)")
                            && e.getMessage().contains("auto.offset.reset"), e.getMessage());
                })
                .verify(Duration.ofSeconds(30));
        assertEquals(1_000L, committed(), "a failed start leaves the committed offset as it was");
    }

    private io.rivulet.api.Consumer<String, String> consumer(OffsetReset reset) {
        return rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId("g").topics("events").autoOffsetReset(reset).build());
    }

    private void produce(int from, int to) {
        rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()))
                .send(Flux.range(from, to - from).map(i -> ProducerRecord.<String, String>of("events", "v" + i)))
                .blockLast(Duration.ofSeconds(30));
    }

    /** The reset position is committed as soon as the member starts, before any record comes. */
    private void awaitPosition(long offset) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (committed() != offset) {
            assertTrue(System.nanoTime() < deadline, "the group's position never moved to " + offset);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long committed() {
        return rivulet.admin().describeGroup("g").block(Duration.ofSeconds(10)).partitions().stream()
                .filter(p -> p.topicPartition().equals(TP)).findFirst().orElseThrow().committedOffset();
    }
}
