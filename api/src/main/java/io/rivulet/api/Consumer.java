package io.rivulet.api;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads records: as a member of a consumer group ({@link #receive()}, {@link #receivePartitions()})
 * or manually from a chosen partition and position ({@link #read(TopicPartition, StartAt)}).
 * Obtained from {@link Rivulet#consumer(ConsumerOptions)}.
 *
 * <h2>Group consumption</h2>
 * Subscribing to {@code receive()} or {@code receivePartitions()} joins the group {@code group.id} for
 * the configured {@code topics}; cancelling, completing or failing that subscription leaves it, after
 * committing what was acknowledged. A consumer is one group member, so it has at most one group
 * subscription at a time (a second one fails with {@link IllegalStateException}); subscribe again after
 * the first ends — for example through {@code retry()} — and consumption resumes from the committed
 * positions. Delivery is at-least-once: see {@link RecordOffset} for how acknowledgements become commits.
 *
 * <p>Liveness rests on heartbeats alone (every {@code heartbeat.interval.ms}, sent by the engine):
 * slow processing or a subscriber that requests nothing never gets the member removed.
 *
 * <h2>Demand</h2>
 * Records are read from the log only as they are requested, plus at most {@code max.poll.records}
 * prefetched, so a slow subscriber holds a position in the log, not a buffer.
 *
 * <h2>Errors that end a stream</h2>
 * {@code SerializationException} (a serde failed on a record; other streams and the engine keep
 * running), {@code OffsetOutOfRangeException} (with {@code auto.offset.reset=none}, or a manual read
 * outside the log), {@code UnknownTopicException}, {@code InvalidConfigException} (a group method
 * without {@code group.id} or {@code topics}), {@code RivuletClosedException}. Rebalances are not
 * errors. Group streams never complete on their own; manual reads never complete either (they tail
 * the log): bound them with {@code take} or {@code timeout}.
 *
 * <p>Threading: thread-safe. Records of one partition are delivered serially, in offset order.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Consumer<K, V> extends AutoCloseable {

    /**
     * The records of every partition assigned to this member, merged into one stream. Records of one
     * partition keep their order; records of different partitions interleave. When a rebalance revokes
     * a partition its records stop; records of it still being processed can no longer be committed
     * and will be redelivered to the new owner.
     */
    Flux<ConsumerRecord<K, V>> receive();

    /**
     * One {@link PartitionFlux} per partition assigned to this member, emitted when it is assigned;
     * each inner flux completes when a rebalance revokes its partition, and has its own demand, so
     * partitions are processed in parallel, each in order. A partition assigned again later is emitted
     * again as a new inner flux.
     */
    Flux<PartitionFlux<K, V>> receivePartitions();

    /**
     * The records of one partition from {@code start} onwards, without a group: nothing is committed,
     * and the records' {@link RecordOffset} handles do nothing (see {@link RecordOffset#unmanaged}).
     * The stream tails the log forever; a start offset outside the log fails it with
     * {@link io.rivulet.api.errors.OffsetOutOfRangeException}. Each subscription reads independently.
     */
    Flux<ConsumerRecord<K, V>> read(TopicPartition partition, StartAt start);

    /**
     * Commits now the contiguous acknowledged prefix of every partition this member owns, and completes
     * when the commit is durable. Completes at once when there is nothing new to commit or no group
     * subscription is active.
     */
    Mono<Void> commit();

    /** The options this consumer was created with. */
    ConsumerOptions<K, V> options();

    /**
     * Commits what was acknowledged, leaves the group and ends every stream of this consumer (group
     * streams complete; later subscriptions fail with {@link io.rivulet.api.errors.RivuletClosedException}).
     * Idempotent. It may block, so do not call it on a non-blocking thread.
     */
    @Override
    void close();
}
