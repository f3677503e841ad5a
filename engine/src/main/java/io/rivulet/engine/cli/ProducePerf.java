package io.rivulet.engine.cli;

import io.rivulet.api.Headers;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import reactor.core.publisher.Flux;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code rivulet perf produce}: sends the plan's records as one {@code Flux} and measures throughput
 * and the latency from the moment the producer takes a record to its acknowledgement.
 *
 * <p>Results arrive in send order, so the i-th result belongs to the i-th record: send times are kept in
 * a ring indexed by sequence, sized well above the producer's in-flight bound (a result that would
 * outrun the ring fails the run rather than report a wrong latency). Every record shares one value
 * array and one {@code ProducerRecord}, so the producer, not the generator, is what is measured. With
 * {@code --throughput} each record waits until it is due before its send time is taken.
 */
final class ProducePerf {
    private ProducePerf() {
    }

    static PerfResult run(Rivulet rivulet, PerfPlan plan, Progress progress, StopSignal stop) {
        ProducerOptions<byte[], byte[]> options = plan.producerOptions();
        int ring = Integer.highestOneBit(Math.max(options.maxInFlightRecords(), 1 << 14) * 4 - 1) << 1;
        long mask = ring - 1;
        long[] sentAt = new long[ring];
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(plan.topic(), null, null, Payloads.random(plan.recordSize()), null, Headers.empty());
        AtomicLong acknowledged = new AtomicLong();
        Latencies latencies = new Latencies();
        Pacer pacer = plan.pacer();

        Flux<ProducerRecord<byte[], byte[]>> source = Flux.generate(() -> 0L, (sequence, sink) -> {
            if (sequence == plan.records()) {
                sink.complete();
            } else if (sequence - acknowledged.get() >= ring) {
                sink.error(new IllegalStateException("more than " + ring + " records in flight: the producer "
                        + "does not bound them by max.in.flight.records"));
            } else {
                if (pacer != null) {
                    pacer.await(sequence);
                }
                sentAt[(int) (sequence & mask)] = System.nanoTime();
                sink.next(record);
            }
            return sequence + 1;
        });
        long start = System.nanoTime();
        try (Producer<byte[], byte[]> producer = rivulet.producer(options)) {
            PerfPlan.withPacedSource(plan, source, records -> {
                stop.runUntilStopped(producer.send(records).doOnNext(meta -> {
                    long sequence = acknowledged.getAndIncrement();
                    latencies.recordNanos(System.nanoTime() - sentAt[(int) (sequence & mask)]);
                    progress.add(1, plan.recordSize());
                }));
                return null;
            });
        }
        long elapsed = System.nanoTime() - start;
        return PerfResult.of(PerfMode.PRODUCE, progress.records(), progress.bytes(), elapsed, latencies,
                progress.heapPeakBytes());
    }
}
