package io.rivulet.engine.consume;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.fetch.RecordHandles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.function.BiFunction;

/**
 * One partition as a consumer reads it: from the log in this process, or streamed from a node. The group
 * logic ({@link GroupSession}, {@link AssignedStream}) is the same over either.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface PartitionReader<K, V> {
    TopicPartition id();

    /** The partition's log start offset and high watermark now. */
    Mono<Bounds> bounds();

    /**
     * The records from {@code start}, pulled by demand, tailing the log; {@code handles} gives each record its
     * offset handle and may pause the stream.
     */
    Flux<ConsumerRecord<K, V>> read(StartAt start, RecordHandles handles);

    /** A reader made of its parts: {@code bounds} must be lazy (asked anew on each subscription). */
    static <K, V> PartitionReader<K, V> of(TopicPartition tp, Mono<Bounds> bounds,
                                           BiFunction<StartAt, RecordHandles, Flux<ConsumerRecord<K, V>>> read) {
        return new PartitionReader<>() {
            @Override
            public TopicPartition id() {
                return tp;
            }

            @Override
            public Mono<Bounds> bounds() {
                return bounds;
            }

            @Override
            public Flux<ConsumerRecord<K, V>> read(StartAt start, RecordHandles handles) {
                return read.apply(start, handles);
            }
        };
    }

    /**
     * Where a partition's readable records begin and end.
     *
     * @param logStartOffset the first offset still in the log
     * @param highWatermark  the offset the next committed record gets
     */
    record Bounds(long logStartOffset, long highWatermark) {
    }
}
