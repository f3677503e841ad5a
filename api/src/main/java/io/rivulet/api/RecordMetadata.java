package io.rivulet.api;

/**
 * Where a sent record was written, emitted once the engine acknowledged it at the producer's
 * {@code acks} level.
 *
 * @param topic     the topic
 * @param partition the partition chosen
 * @param offset    the record's offset, or {@link #UNKNOWN_OFFSET} with {@code acks=0}, where the
 *                  producer does not wait to learn it
 * @param timestamp the record's timestamp in milliseconds since the epoch (the one sent, or the time
 *                  the producer accepted it)
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {
    /** The offset reported when it is not known ({@code acks=0}). */
    public static final long UNKNOWN_OFFSET = -1L;

    /** Validates the topic and partition; the offset is {@code >= 0} or {@link #UNKNOWN_OFFSET}. */
    public RecordMetadata {
        TopicNames.validate(topic);
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 but was " + partition);
        }
        if (offset < UNKNOWN_OFFSET) {
            throw new IllegalArgumentException("offset must be >= 0 or UNKNOWN_OFFSET but was " + offset);
        }
    }

    /** The topic and partition together. */
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** Whether the offset is known (false with {@code acks=0}). */
    public boolean hasOffset() {
        return offset != UNKNOWN_OFFSET;
    }
}
