package io.rivulet.engine.embedded;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.RecordTooLargeException;
import io.rivulet.api.errors.SerializationException;
import io.rivulet.api.serde.Serde;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerBoundsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void neverHoldsMoreThanMaxInFlightRecordsBetweenTheCallerAndTheLog(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            int bound = 64;
            Producer<String, String> p = r.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .maxInFlightRecords(bound).linger(Duration.ofMillis(20)).build());
            AtomicLong emitted = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            AtomicLong worst = new AtomicLong();
            long n = p.send(Flux.range(0, 5000)
                            .doOnNext(i -> {
                                long inFlight = emitted.incrementAndGet() - answered.get();
                                worst.accumulateAndGet(inFlight, Math::max);
                            })
                            .map(i -> ProducerRecord.of("bounded", "v" + i)))
                    .doOnNext(m -> answered.incrementAndGet())
                    .count().block(Duration.ofSeconds(30));
            assertEquals(5000, n);
            assertTrue(worst.get() <= bound, "at most " + bound + " in flight, saw " + worst.get());
            assertTrue(worst.get() > 1, "records were batched, not sent one at a time");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDownstreamThatRequestsNothingStopsTheProducerPullingRecords(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            int bound = 32;
            Producer<String, String> p = r.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .maxInFlightRecords(bound).build());
            AtomicLong pulled = new AtomicLong();
            StepVerifier.create(p.send(Flux.range(0, 10_000).doOnNext(i -> pulled.incrementAndGet())
                            .map(i -> ProducerRecord.of("stalled", "v" + i))), 0)
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(300))
                    .then(() -> assertTrue(pulled.get() <= bound, "pulled " + pulled.get()))
                    .thenRequest(5)
                    .expectNextCount(5)
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRecordLargerThanMaxMessageBytesFailsOnlyItsOwnSend(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of("small").withConfig("max.message.bytes", "1024")).block();
            Producer<String, String> p = r.producer(EngineFixtures.strings());
            StepVerifier.create(p.send(ProducerRecord.of("small", "x".repeat(2000))))
                    .expectErrorSatisfies(e -> {
                        assertTrue(e instanceof RecordTooLargeException, e.toString());
                        assertTrue(e.getMessage().contains("max.message.bytes"), e.getMessage());
                    })
                    .verify(Duration.ofSeconds(5));
            RecordMetadata ok = p.send(ProducerRecord.of("small", "fits")).block(Duration.ofSeconds(5));
            assertEquals(0, ok.offset());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSerializerThatThrowsFailsThatSendWithATypedError(Mode mode) {
        Serde<String> broken = Serde.of("broken", s -> {
            throw new IllegalStateException("boom");
        }, b -> null);
        try (Rivulet r = mode.open(dir)) {
            Producer<String, String> bad = r.producer(ProducerOptions.builder(Serdes.string(), broken).build());
            StepVerifier.create(bad.send(ProducerRecord.of("t", "v")))
                    .expectError(SerializationException.class)
                    .verify(Duration.ofSeconds(5));
            assertEquals(0, r.producer(EngineFixtures.strings()).send(ProducerRecord.of("t", "v")).block().offset());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void resultsComeInTheOrderRecordsWereSentAcrossPartitions(Mode mode) {
        try (Rivulet r = mode.open(dir)) {
            r.admin().createTopic(NewTopic.of("spread").withPartitions(4)).block();
            Producer<String, String> p = r.producer(EngineFixtures.strings());
            var results = p.send(Flux.range(0, 2000)
                    .map(i -> ProducerRecord.of("spread", "key-" + i, Integer.toString(i)))).collectList().block();
            var perPartitionNext = new long[4];
            for (RecordMetadata m : results) {
                assertEquals(perPartitionNext[m.partition()]++, m.offset());
            }
        }
    }
}
