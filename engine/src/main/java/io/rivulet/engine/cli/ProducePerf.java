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
 * array and one {@code ProducerRecord}, so the producer, not the generator, is what is measured.
 *
 * <p>For the same reason the latency is timed on every {@value #TIMED_EVERY}th record, as Kafka's
 * producer perf tool samples its latencies: two clock reads a record cost about a tenth of the CPU of a
 * run at full speed on a small VM, and a systematic sample of a million records still puts 600 of them
 * above the p99.9. With {@code --throughput} each record waits until it is due before it is sent.
 */
final class ProducePerf {
    static final int TIMED_EVERY = 16;
    private static final int COUNTED_EVERY = 256;

    private ProducePerf() {
    }

    /** Whether the record at {@code sequence} is one whose latency is timed. */
    static boolean timed(long sequence) {
        return sequence % TIMED_EVERY == 0;
    }

    static PerfResult run(Rivulet rivulet, PerfPlan plan, Progress progress, StopSignal stop) {
        ProducerOptions<byte[], byte[]> options = plan.producerOptions();
        int ring = Integer.highestOneBit(Math.max(options.maxInFlightRecords(), 1 << 14) * 4 - 1) << 1;
        long mask = ring - 1;
        long[] sentAt = new long[ring];
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(plan.topic(), null, null, Payloads.random(plan.recordSize()), null, Headers.empty());
        // Written by the thread that hears results, read by the one that sends; the sender reads it again
        // only when its last reading would let the ring overflow, so the two threads rarely share its line.
        AtomicLong acknowledged = new AtomicLong();
        Latencies latencies = new Latencies();
        Pacer pacer = plan.pacer();

        Flux<ProducerRecord<byte[], byte[]>> source = Flux.generate(() -> new long[] {0, 0}, (state, sink) -> {
            long sequence = state[0];
            if (sequence == plan.records()) {
                sink.complete();
                return state;
            }
            if (sequence - state[1] >= ring && sequence - (state[1] = acknowledged.get()) >= ring) {
                sink.error(new IllegalStateException("more than " + ring + " records in flight: the producer "
                        + "does not bound them by max.in.flight.records"));
                return state;
            }
            if (pacer != null) {
                pacer.await(sequence);
            }
            if (timed(sequence)) {
                sentAt[(int) (sequence & mask)] = System.nanoTime();
            }
            state[0] = sequence + 1;
            sink.next(record);
            return state;
        });
        long start = System.nanoTime();
        try (Producer<byte[], byte[]> producer = rivulet.producer(options)) {
            PerfPlan.withPacedSource(plan, source, records -> {
                stop.runUntilStopped(producer.send(records).doOnNext(meta -> {
                    long sequence = acknowledged.get(); // results are serial: only this thread writes it
                    acknowledged.lazySet(sequence + 1);
                    if (timed(sequence)) {
                        latencies.recordNanos(System.nanoTime() - sentAt[(int) (sequence & mask)]);
                    }
                    if ((sequence + 1) % COUNTED_EVERY == 0) {
                        progress.add(COUNTED_EVERY, (long) COUNTED_EVERY * plan.recordSize());
                    }
                }));
                return null;
            });
        }
        long elapsed = System.nanoTime() - start;
        long uncounted = acknowledged.get() % COUNTED_EVERY;
        progress.add(uncounted, uncounted * plan.recordSize());
        return PerfResult.of(PerfMode.PRODUCE, progress.records(), progress.bytes(), elapsed, latencies,
                progress.heapPeakBytes());
    }
}
