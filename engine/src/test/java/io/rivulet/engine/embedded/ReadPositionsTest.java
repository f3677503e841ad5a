package io.rivulet.engine.embedded;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.SerializationException;
import io.rivulet.api.serde.Serde;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.fetch.StartPositions;
import io.rivulet.engine.partition.Partition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadPositionsTest {
    private static final TopicPartition TP = new TopicPartition("events", 0);

    @TempDir
    Path dir;

    private static void produceAtTimes(Rivulet r, long... times) {
        Producer<String, String> p = r.producer(EngineFixtures.strings());
        p.send(Flux.range(0, times.length)
                .map(i -> ProducerRecord.<String, String>of("events", "v" + i).withTimestamp(times[i]))).blockLast();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTimestampStartsAtTheFirstRecordAtOrAfterItAndPastTheNewestWaitsForNewRecords(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            produceAtTimes(r, 1000, 2000, 3000, 4000);
            List<ConsumerRecord<String, String>> from2500 = r.consumer(EngineFixtures.reader())
                    .read(TP, StartAt.timestamp(2500)).take(2).collectList().block(Duration.ofSeconds(5));
            assertEquals(List.of(2L, 3L), from2500.stream().map(ConsumerRecord::offset).toList());
            assertEquals(3000, from2500.get(0).timestamp());
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(TP, StartAt.timestamp(9999)))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(100))
                    .then(() -> produceAtTimes(r, 10_000))
                    .assertNext(rec -> assertEquals(4, rec.offset()))
                    .thenCancel().verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anOffsetPastTheEndIsATypedErrorNotASilentJump(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            produceAtTimes(r, 1, 2, 3);
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(TP, StartAt.offset(7)))
                    .expectErrorSatisfies(e -> {
                        OffsetOutOfRangeException o = (OffsetOutOfRangeException) e;
                        assertEquals(7, o.requestedOffset());
                        assertEquals(0, o.logStartOffset());
                        assertEquals(3, o.endOffset());
                    }).verify(Duration.ofSeconds(5));
            // exactly the end is allowed: it waits for the next record
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(TP, StartAt.offset(3)))
                    .expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verify();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anOffsetBelowTheLogStartIsATypedError(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            produceAtTimes(r, 1, 2, 3, 4, 5);
            Mode.engine(r).topics().partition(TP).log().deleteBefore(3);
            StepVerifier.create(r.consumer(EngineFixtures.reader()).read(TP, StartAt.offset(1)))
                    .expectErrorSatisfies(e -> {
                        assertTrue(e instanceof OffsetOutOfRangeException, e.toString());
                        assertTrue(e.getMessage().contains("[3, 5)"), e.getMessage());
                    }).verify(Duration.ofSeconds(5));
            assertEquals(3, r.consumer(EngineFixtures.reader()).read(TP, StartAt.earliest()).blockFirst().offset());
        }
    }

    /**
     * What an embedded cursor and a node's fetch stream do when their first read falls below a log start that
     * retention moved after they resolved their position: begin again only when the log chose the position.
     */
    @Test
    void aReaderThatChoseItsStartBeginsAgainWhenRetentionMovedTheLogStartBeforeItsFirstRecord() {
        try (Rivulet r = Mode.EMBEDDED.open(dir)) {
            produceAtTimes(r, 1, 2, 3, 4, 5);
            Partition p = Mode.engine(r).topics().partition(TP);
            long chosen = StartPositions.resolve(p, StartAt.earliest());
            assertEquals(0, chosen);
            p.log().deleteBefore(3); // retention, between resolving and the first read
            assertEquals(3, StartPositions.startOver(p, StartAt.earliest(), chosen, false));
            assertEquals(3, StartPositions.startOver(p, StartAt.timestamp(1), chosen, false), "a time, resolved again");
            assertEquals(-1, StartPositions.startOver(p, StartAt.earliest(), chosen, true),
                    "records were delivered: falling below the start means some were missed");
            assertEquals(-1, StartPositions.startOver(p, StartAt.offset(0), chosen, false),
                    "the caller named the offset");
            assertEquals(-1, StartPositions.startOver(p, StartAt.earliest(), 3, false),
                    "not below the start: no reason");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDeserializerThatThrowsFailsThatStreamAndTheEngineServesOthers(Mode mode) {
        Serde<String> picky = Serde.of("picky", s -> s.getBytes(), b -> {
            if (new String(b).equals("v1")) {
                throw new IllegalArgumentException("cannot parse v1");
            }
            return new String(b);
        });
        try (Rivulet r = mode.open(dir)) {
            produceAtTimes(r, 1, 2, 3);
            StepVerifier.create(r.consumer(ConsumerOptions.builder(Serdes.string(), picky).build()).read(TP, StartAt.earliest()))
                    .assertNext(rec -> assertEquals("v0", rec.value()))
                    .expectErrorSatisfies(e -> {
                        SerializationException s = (SerializationException) e;
                        assertEquals(1, s.offset().getAsLong());
                        assertTrue(s.getMessage().contains("reading from offset 2"), s.getMessage());
                    }).verify(Duration.ofSeconds(5));
            assertEquals(3, r.consumer(EngineFixtures.reader()).read(TP, StartAt.earliest()).take(3).count().block());
            StepVerifier.create(r.consumer(ConsumerOptions.builder(Serdes.string(), picky).build())
                            .read(TP, StartAt.earliest()).retry(0).onErrorResume(e -> Flux.empty()).take(1))
                    .expectNextCount(1).verifyComplete();
        }
    }
}
