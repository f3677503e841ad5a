package io.rivulet.api;

/**
 * Chooses the partition of a record sent without an explicit one. Set it with
 * {@link ProducerOptions.Builder#partitioner(Partitioner)}; without one the engine hashes the
 * serialized key with murmur2 exactly as the Kafka Java client does (so a key lands on the same
 * partition number as with a Kafka producer) and spreads keyless records with a sticky partitioner.
 *
 * <p>Called on the producer's thread for every record: it must be fast, non-blocking and thread-safe.
 */
@FunctionalInterface
public interface Partitioner {
    /** Returned to let the engine's default choose the partition of this record. */
    int DEFAULT = -1;

    /**
     * The partition for a record.
     *
     * @param topic          the topic
     * @param key            the key as sent, possibly {@code null}
     * @param keyBytes       the serialized key, possibly {@code null}; do not modify it
     * @param partitionCount the topic's number of partitions, {@code >= 1}
     * @return a partition in {@code [0, partitionCount)}, or {@link #DEFAULT}; anything else fails the
     *         send with {@link io.rivulet.api.errors.ErrorCode#UNKNOWN_PARTITION}
     */
    int partition(String topic, Object key, byte[] keyBytes, int partitionCount);
}
