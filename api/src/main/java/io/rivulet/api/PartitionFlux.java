package io.rivulet.api;

import reactor.core.publisher.Flux;

/**
 * The records of one assigned partition, as emitted by {@link Consumer#receivePartitions()}: a
 * {@code Flux} that knows its {@link #topicPartition()}, like Reactor's {@code GroupedFlux}.
 *
 * <p>Each inner flux has its own demand: a slow partition pauses only itself, and records within it
 * arrive in offset order. It completes when a rebalance revokes the partition (after the consumer has
 * committed what was acknowledged) and errors only for failures of that partition. It may be
 * subscribed once; the engine implements it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public abstract class PartitionFlux<K, V> extends Flux<ConsumerRecord<K, V>> {

    /** For the engine's implementations. */
    protected PartitionFlux() {
    }

    /** The partition whose records this flux carries. */
    public abstract TopicPartition topicPartition();
}
