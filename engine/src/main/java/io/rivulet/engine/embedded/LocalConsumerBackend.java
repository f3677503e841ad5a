package io.rivulet.engine.embedded;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.consume.ConsumerBackend;
import io.rivulet.engine.consume.PartitionReader;
import io.rivulet.engine.fetch.PartitionStream;
import io.rivulet.engine.group.GroupCoordinator;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.partition.Partition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.function.Supplier;

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
        Supplier<Partition> partition = () -> engine.topics().partitionOrCreate(tp);
        return PartitionReader.of(tp,
                Mono.fromCallable(() -> {
                    Partition p = partition.get();
                    return new PartitionReader.Bounds(p.logStartOffset(), p.highWatermark());
                }),
                (start, handles) -> Flux.defer(() -> new PartitionStream<>(partition.get(), start, options.keySerde(),
                        options.valueSerde(), ignored -> handles, engine.fetchScheduler())));
    }

    @Override
    public void closed(AutoCloseable consumer) {
        engine.forget(consumer);
    }
}
