package io.rivulet.engine.embedded;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.consume.ConsumerBackend;
import io.rivulet.engine.consume.PartitionReader;
import io.rivulet.engine.fetch.PartitionStream;
import io.rivulet.engine.fetch.RecordHandles;
import io.rivulet.engine.group.GroupCoordinator;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.partition.Partition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Consumers served by the engine in this process: its group coordinator and its partitions' logs. */
final class LocalConsumerBackend implements ConsumerBackend {
    private final Engine engine;

    LocalConsumerBackend(Engine engine) {
        this.engine = engine;
    }

    @Override
    public GroupCoordinator coordinator() {
        return engine.groups();
    }

    @Override
    public Scheduler groupScheduler() {
        return engine.groupScheduler();
    }

    @Override
    public String host() {
        return "embedded";
    }

    @Override
    public <K, V> PartitionReader<K, V> reader(TopicPartition tp, ConsumerOptions<K, V> options) {
        return new PartitionReader<>() {
            @Override
            public TopicPartition id() {
                return tp;
            }

            @Override
            public Mono<Bounds> bounds() {
                return Mono.fromCallable(() -> {
                    Partition p = partition();
                    return new Bounds(p.logStartOffset(), p.highWatermark());
                });
            }

            @Override
            public Flux<ConsumerRecord<K, V>> read(StartAt start, RecordHandles handles) {
                return Flux.defer(() -> new PartitionStream<>(partition(), start, options.keySerde(),
                        options.valueSerde(), ignored -> handles, engine.fetchScheduler()));
            }

            private Partition partition() {
                return engine.topics().getOrCreate(tp.topic()).partition(tp.partition());
            }
        };
    }

    @Override
    public void closed(AutoCloseable consumer) {
        engine.forget(consumer);
    }
}
