package io.rivulet.api;

import reactor.core.publisher.Mono;

/**
 * The handle a group consumer attaches to each record it delivers, through which the application says
 * the record is done. This is how {@link Consumer#receive()} gives at-least-once delivery.
 *
 * <h2>How commits work</h2>
 * <ul>
 *   <li>{@link #acknowledge()} marks this record processed. Records may be acknowledged in any order
 *       (for example from {@code flatMap}). Per partition, the consumer commits only the contiguous
 *       acknowledged prefix: if offsets 5, 6 and 8 are acknowledged but 7 is not, it commits 7 (the
 *       next offset to read, as in Kafka) and waits for 7 before committing further.</li>
 *   <li>Commits are batched: the consumer commits every {@code auto.commit.interval.ms}, on
 *       {@link Consumer#commit()}, when a partition is revoked, and on close.</li>
 *   <li><b>Every delivered record must be acknowledged</b>, including those the application filters
 *       out; an unacknowledged record holds its partition's commit position back, and once
 *       {@code max.ack.ahead} records have been delivered past it, delivery from that partition pauses.</li>
 *   <li>Commits are fenced by the group generation: after a rebalance revokes the partition,
 *       {@code acknowledge()} on its records does nothing, and {@code commit()} fails with
 *       {@link io.rivulet.api.errors.IllegalGenerationException}; the records are redelivered to the
 *       partition's new owner.</li>
 * </ul>
 *
 * <p>Thread-safe: a record may be acknowledged from any thread. Neither method blocks.
 */
public interface RecordOffset {

    /** The partition the record came from. */
    TopicPartition topicPartition();

    /** The record's offset. */
    long offset();

    /** Marks the record processed; it is committed with the next batch once every earlier record is. Idempotent. */
    void acknowledge();

    /**
     * Acknowledges the record and asks for a commit now. The {@code Mono} completes once a commit that
     * covers this record is durable, which needs every earlier record of the partition to be
     * acknowledged too; it fails with {@link io.rivulet.api.errors.IllegalGenerationException} if the
     * partition is revoked first. Nothing happens until it is subscribed.
     */
    Mono<Void> commit();

    /**
     * A handle for records that belong to no group, as delivered by
     * {@link Consumer#read(TopicPartition, StartAt)}: {@code acknowledge()} does nothing, and
     * {@code commit()} fails with {@link IllegalStateException}, since there is no group to commit
     * to — a manual reader keeps its own position.
     */
    static RecordOffset unmanaged(TopicPartition topicPartition, long offset) {
        return new UnmanagedOffset(topicPartition, offset);
    }
}
