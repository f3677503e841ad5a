package io.rivulet.engine.cli;

import io.rivulet.api.Acks;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.serde.Serdes;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.function.Function;

/**
 * What a perf run does: how many records of what size to which topic, and the producer settings
 * ({@code null} ones keep the producer's defaults).
 *
 * @param topic      the topic, created with {@code partitions} partitions if missing
 * @param records    how many records, {@code >= 1}
 * @param recordSize the value size in bytes
 * @param partitions partitions for a topic the run creates
 * @param acks       {@code acks}, or {@code null}
 * @param batchSize  {@code batch.size}, or {@code null}
 * @param lingerMs   {@code linger.ms}, or {@code null}
 * @param throughput records/s the producer is held to, or {@code -1} for as fast as it goes
 */
record PerfPlan(String topic, long records, int recordSize, int partitions, Acks acks, Integer batchSize, Long lingerMs,
                long throughput) {
    /** {@link #throughput} for an unpaced run. */
    static final long UNLIMITED = -1;

    /** The producer options for byte-array records. */
    ProducerOptions<byte[], byte[]> producerOptions() {
        ProducerOptions.Builder<byte[], byte[]> options = ProducerOptions.builder(Serdes.byteArray(), Serdes.byteArray());
        if (acks != null) {
            options.acks(acks);
        }
        if (batchSize != null) {
            options.batchSize(batchSize);
        }
        if (lingerMs != null) {
            options.linger(Duration.ofMillis(lingerMs));
        }
        return options.build();
    }

    /** A pacer for the plan's throughput, or {@code null} when unpaced. */
    Pacer pacer() {
        return throughput == UNLIMITED ? null : new Pacer(throughput);
    }

    /**
     * Runs {@code work} with {@code source} generated where pacing may park: on a thread of its own
     * ({@code rivulet-perf-pacer}) when paced, else on the thread that asks for records.
     */
    static <T, R> R withPacedSource(PerfPlan plan, Flux<T> source, Function<Flux<T>, R> work) {
        if (plan.throughput() == UNLIMITED) {
            return work.apply(source);
        }
        Scheduler pacer = Schedulers.newSingle("rivulet-perf-pacer");
        try {
            return work.apply(source.subscribeOn(pacer));
        } finally {
            pacer.dispose();
        }
    }

    /** This plan with another record count, paced as this one. */
    PerfPlan withRecordsPaced(long count) {
        return new PerfPlan(topic, count, recordSize, partitions, acks, batchSize, lingerMs, throughput);
    }

    /** This plan with another record count, unpaced. */
    PerfPlan withRecords(long count) {
        return new PerfPlan(topic, count, recordSize, partitions, acks, batchSize, lingerMs, UNLIMITED);
    }
}
