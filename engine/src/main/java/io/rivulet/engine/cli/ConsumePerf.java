package io.rivulet.engine.cli;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.function.Function;

/**
 * {@code rivulet perf consume}: reads the plan's number of records from the earliest offset of every
 * partition (merged) and measures throughput; latency is not measured. A topic holding fewer records is
 * first filled up to that number, untimed.
 */
final class ConsumePerf {
    /** How many records each partition's read fetches ahead of the merge. */
    static final int PREFETCH = 1024;

    private ConsumePerf() {
    }

    static PerfResult run(Rivulet rivulet, TopicDescription topic, PerfPlan plan, Progress progress, StopSignal stop) {
        try (Consumer<byte[], byte[]> consumer = rivulet.consumer(ConsumerOptions.builder(Serdes.byteArray(),
                Serdes.byteArray()).build())) {
            long start = System.nanoTime();
            stop.runUntilStopped(readAll(consumer, topic, partition -> StartAt.earliest(), plan.records())
                    .doOnNext(record -> progress.add(1, size(record))));
            long elapsed = System.nanoTime() - start;
            return PerfResult.of(PerfMode.CONSUME, progress.records(), progress.bytes(), elapsed, null,
                    progress.heapPeakBytes());
        }
    }

    /** The first {@code count} records of every partition of {@code topic}, read from {@code start(partition)}, merged. */
    static Flux<ConsumerRecord<byte[], byte[]>> readAll(Consumer<byte[], byte[]> consumer, TopicDescription topic,
                                                        Function<Integer, StartAt> start, long count) {
        List<Flux<ConsumerRecord<byte[], byte[]>>> reads = topic.partitions().stream()
                .map(p -> consumer.read(TopicPartition.of(topic.name(), p.partition()), start.apply(p.partition())))
                .toList();
        return Flux.merge(Flux.fromIterable(reads), reads.size(), PREFETCH).take(count, true);
    }

    static long size(ConsumerRecord<byte[], byte[]> record) {
        return (record.value() == null ? 0 : record.value().length);
    }
}
