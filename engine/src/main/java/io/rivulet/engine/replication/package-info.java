/**
 * Replication's rules as plain values, apart from the streams that will carry them: what a partition
 * leader knows of its followers and where its high watermark stands ({@link
 * io.rivulet.engine.replication.ReplicaTracker}), the {@code acks=all} produces waiting on that
 * high watermark ({@link io.rivulet.engine.replication.AckWaiters}), and where a follower cuts its log
 * after a leader change ({@link io.rivulet.engine.replication.TruncationPoint}, KIP-101 and KIP-279), and
 * which idempotent producers' batches a leader appends, answers as duplicates or refuses as out of order
 * ({@link io.rivulet.engine.replication.ProducerStateTable}, KIP-98).
 *
 * <p>Nothing here does I/O, starts a thread or reads a clock: times are passed in, so every rule is
 * tested with plain values and property tests. Each class states who serializes its calls.
 */
package io.rivulet.engine.replication;
