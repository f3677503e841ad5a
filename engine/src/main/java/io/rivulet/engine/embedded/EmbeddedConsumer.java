package io.rivulet.engine.embedded;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.PartitionFlux;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.fetch.PartitionStream;
import io.rivulet.engine.fetch.RecordHandles;
import io.rivulet.engine.lifecycle.Engine;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** A consumer of this process: manual reads now; group-managed receive once the coordinator is wired. */
final class EmbeddedConsumer<K, V> implements Consumer<K, V> {
    private final Engine engine;
    private final ConsumerOptions<K, V> options;
    private volatile boolean closed;

    EmbeddedConsumer(Engine engine, ConsumerOptions<K, V> options) {
        this.engine = engine;
        this.options = options;
    }

    @Override
    public Flux<ConsumerRecord<K, V>> receive() {
        return Flux.error(new RivuletException(ErrorCode.UNKNOWN, "group consumption is not wired in yet"));
    }

    @Override
    public Flux<PartitionFlux<K, V>> receivePartitions() {
        return Flux.error(new RivuletException(ErrorCode.UNKNOWN, "group consumption is not wired in yet"));
    }

    @Override
    public Flux<ConsumerRecord<K, V>> read(TopicPartition partition, StartAt start) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(start, "start");
        return Flux.defer(() -> {
            if (closed) {
                return Flux.error(new RivuletClosedException("the consumer"));
            }
            return new PartitionStream<>(engine.topics().getOrCreate(partition.topic()).partition(partition.partition()),
                    start, options.keySerde(), options.valueSerde(), RecordHandles::unmanaged, engine.fetchScheduler());
        });
    }

    @Override
    public Mono<Void> commit() {
        return Mono.empty();
    }

    @Override
    public ConsumerOptions<K, V> options() {
        return options;
    }

    @Override
    public void close() {
        closed = true;
        engine.forget(this);
    }
}
