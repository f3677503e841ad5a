package io.rivulet.engine.cli;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.Headers;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.serde.Serdes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code rivulet perf e2e}: a consumer reads every partition from its current end while a producer
 * sends the plan's records; every {@value ProducePerf#TIMED_EVERY}th value carries the time the producer took it
 * ({@link Payloads#stamped}; the others share one unstamped value, as {@code perf produce} shares one), and the
 * consumer records the time until it receives it. Both run in this process, so one monotonic
 * clock serves both ends. Measures until the last record is received. With {@code --throughput} the
 * producer is held to that rate (records wait until due before they are stamped), which is how latency
 * is measured at a given load rather than at saturation.
 */
final class EndToEndPerf {
    private EndToEndPerf() {
    }

    static PerfResult run(Rivulet rivulet, TopicDescription topic, PerfPlan plan, Progress progress, StopSignal stop) {
        Map<Integer, Long> ends = topic.partitions().stream()
                .collect(Collectors.toMap(PartitionDescription::partition, PartitionDescription::endOffset));
        byte[] template = Payloads.random(plan.recordSize());
        ProducerRecord<byte[], byte[]> untimed =
                new ProducerRecord<>(plan.topic(), null, null, Payloads.unstamped(template), null, Headers.empty());
        Latencies latencies = new Latencies();
        Pacer pacer = plan.pacer();
        Flux<ProducerRecord<byte[], byte[]>> source = Flux.generate(() -> new long[1], (state, sink) -> {
            long sequence = state[0]++;
            if (sequence == plan.records()) {
                sink.complete();
            } else {
                if (pacer != null) {
                    pacer.await(sequence);
                }
                sink.next(!ProducePerf.timed(sequence) ? untimed : new ProducerRecord<>(plan.topic(), null,
                        null, Payloads.stamped(template, System.nanoTime()), null, Headers.empty()));
            }
            return state;
        });
        try (Producer<byte[], byte[]> producer = rivulet.producer(plan.producerOptions());
             Consumer<byte[], byte[]> consumer = rivulet.consumer(ConsumerOptions.builder(Serdes.byteArray(),
                     Serdes.byteArray()).build())) {
            Mono<Void> received = ConsumePerf.readAll(consumer, topic, partition -> StartAt.offset(ends.get(partition)),
                            plan.records())
                    .doOnNext(record -> {
                        if (Payloads.isStamped(record.value())) {
                            latencies.recordNanos(System.nanoTime() - Payloads.stamp(record.value()));
                        }
                        progress.add(1, ConsumePerf.size(record));
                    })
                    .then();
            long start = System.nanoTime();
            PerfPlan.withPacedSource(plan, source, records -> {
                stop.runUntilStopped(Mono.when(received, producer.send(records).then()).flux());
                return null;
            });
            long elapsed = System.nanoTime() - start;
            return PerfResult.of(PerfMode.E2E, progress.records(), progress.bytes(), elapsed, latencies,
                    progress.heapPeakBytes());
        }
    }
}
