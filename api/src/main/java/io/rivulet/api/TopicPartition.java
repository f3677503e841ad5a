package io.rivulet.api;

/**
 * One partition of a topic: the unit of order, of parallelism and of assignment in a group.
 *
 * @param topic     a valid topic name (see {@link TopicNames})
 * @param partition the partition number, from 0
 */
public record TopicPartition(String topic, int partition) {

    /** Validates both parts; an invalid name throws {@link io.rivulet.api.errors.InvalidTopicException}. */
    public TopicPartition {
        TopicNames.validate(topic);
        if (partition < 0) {
            throw new IllegalArgumentException("partition of topic '" + topic + "' must be >= 0 but was " + partition);
        }
    }

    /** The partition {@code partition} of {@code topic}. */
    public static TopicPartition of(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    /** Kafka's form, {@code topic-partition}, as used in directory names and logs. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
