package io.rivulet.engine.embedded;

import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.RecordMetadata;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.metrics.StallWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A send held back by max.in.flight.records shows in the engine's producer stall watch, and leaves it when freed. */
class InFlightStallTest {
    @TempDir
    Path dir;

    @Test
    void aSendWhoseResultsAreNotTakenWaitsOnItsInFlightBoundAndSaysSo() throws Exception {
        try (Rivulet r = EngineFixtures.open(dir)) {
            StallWatch stalls = ((EmbeddedRivulet) r).engine().metrics().producerStalls();
            var producer = r.producer(ProducerOptions.builder(Serdes.string(), Serdes.string()).maxInFlightRecords(8).build());
            AtomicReference<Subscription> results = new AtomicReference<>();
            AtomicInteger received = new AtomicInteger();
            CompletableFuture<Void> done = new CompletableFuture<>();
            producer.send(Flux.range(0, 100).map(i -> ProducerRecord.of("held", "v" + i)))
                    .subscribe(new BaseSubscriber<>() {
                        @Override
                        protected void hookOnSubscribe(Subscription s) {
                            results.set(s); // takes no result yet: all 8 slots fill and stay full
                        }

                        @Override
                        protected void hookOnNext(RecordMetadata m) {
                            received.incrementAndGet();
                        }

                        @Override
                        protected void hookOnComplete() {
                            done.complete(null);
                        }

                        @Override
                        protected void hookOnError(Throwable e) {
                            done.completeExceptionally(e);
                        }
                    });
            waitFor(() -> stalls.waiting() == 1);
            results.get().request(Long.MAX_VALUE);
            waitFor(() -> stalls.waiting() == 0);
            assertEquals(0, stalls.waiting());
            done.get(10, TimeUnit.SECONDS); // the send finishes before the engine closes
            assertEquals(100, received.get(), "every record's result, once the results are taken");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
