package io.rivulet.engine.cli;

import io.rivulet.api.Acks;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.serde.Serdes;

import java.time.Duration;

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
 */
record PerfPlan(String topic, long records, int recordSize, int partitions, Acks acks, Integer batchSize, Long lingerMs) {

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

    /** This plan with another record count. */
    PerfPlan withRecords(long count) {
        return new PerfPlan(topic, count, recordSize, partitions, acks, batchSize, lingerMs);
    }
}
