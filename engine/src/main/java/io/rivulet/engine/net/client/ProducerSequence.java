package io.rivulet.engine.net.client;

import io.rivulet.engine.replication.ProducerStateTable;
import io.rivulet.storage.batch.RecordBatchBuilder;

import java.util.function.LongSupplier;

/**
 * An idempotent remote producer's numbering of its batches to one partition: its producer id, its epoch and
 * the sequence number of the next record, from 0, each batch taking as many numbers as it has records and
 * wrapping to 0 after {@link Integer#MAX_VALUE}, as Kafka's producer does.
 *
 * <p>The producer id is a random positive 63-bit number chosen per producer instance (there is no broker that
 * hands ids out); two producers picking the same one is as unlikely as a 63-bit collision. The epoch starts at
 * 0. When a batch fails for good, its sequence number is lost and the leader would refuse every later batch as
 * out of order, so the next batch starts a new epoch at sequence 0; batches numbered in the old epoch that are
 * still out are refused as fenced once one of the new epoch lands (or out of order until their own deadline).
 *
 * <p>Thread-safe.
 */
final class ProducerSequence {
    private final LongSupplier newProducerId;
    private long producerId;
    private short epoch;
    private int next;

    ProducerSequence(long producerId, LongSupplier newProducerId) {
        this.producerId = producerId;
        this.newProducerId = newProducerId;
    }

    /** Numbers the batch in {@code builder} (its records all appended) and moves past it. */
    synchronized void stamp(RecordBatchBuilder builder) {
        builder.producer(producerId, epoch, next);
        next = ProducerStateTable.next(ProducerStateTable.lastSequence(next, builder.recordCount() - 1));
    }

    /**
     * Whether a batch stamped with {@code producerId} and {@code epoch} belongs to a session already left behind
     * (a batch of it failed for good): the leader can never take it, since the sequence it continues is broken.
     */
    synchronized boolean abandoned(long producerId, short epoch) {
        return producerId != this.producerId || epoch != this.epoch;
    }

    /** A batch stamped with {@code producerId} and {@code epoch} failed for good: start over in a new epoch. */
    synchronized void failed(long producerId, short epoch) {
        if (producerId != this.producerId || epoch != this.epoch) {
            return; // an older batch of an epoch already left behind
        }
        if (epoch == Short.MAX_VALUE) {
            this.producerId = newProducerId.getAsLong();
            this.epoch = 0;
        } else {
            this.epoch++;
        }
        next = 0;
    }
}
