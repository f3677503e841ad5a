package io.rivulet.api.errors;

import io.rivulet.api.TopicPartition;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A serde failed to turn a key or value into bytes, or bytes back into a key or value.
 *
 * <p>The engine wraps any exception a serde throws in this type, naming the topic, partition and
 * offset as far as they are known (a record being sent has no offset yet, and may have no partition).
 * On the consumer side it ends the stream that met the record; the engine and other streams keep
 * running. The offending record is still uncommitted, so a plain {@code retry()} meets it again:
 * fix the serde, or skip it by reading from the next offset.
 */
public class SerializationException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Integer partition;
    private final Long offset;

    /** A failure inside a serde, before the engine knows which record it belongs to. */
    public SerializationException(String message) {
        this(message, null, null, null, null);
    }

    /** As {@link #SerializationException(String)}, with an underlying cause. */
    public SerializationException(String message, Throwable cause) {
        this(message, null, null, null, cause);
    }

    private SerializationException(String message, String topic, Integer partition, Long offset, Throwable cause) {
        super(ErrorCode.SERIALIZATION, message, cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /**
     * A failure to serialize the {@code part} ("key" or "value") of a record being sent to
     * {@code topic}; {@code partition} may be {@code null} when not yet chosen.
     */
    public static SerializationException serializing(String part, String topic, Integer partition, Throwable cause) {
        String where = partition == null ? "topic '" + topic + "'" : topic + "-" + partition;
        return new SerializationException("could not serialize the " + part + " of a record for " + where
                + ": " + describe(cause) + "; check the " + part + " serde in ProducerOptions",
                topic, partition, null, cause);
    }

    /** A failure to deserialize the {@code part} ("key" or "value") of the record at {@code offset}. */
    public static SerializationException deserializing(String part, TopicPartition topicPartition, long offset,
                                                       Throwable cause) {
        return new SerializationException("could not deserialize the " + part + " of the record at offset "
                + offset + " of " + topicPartition + ": " + describe(cause) + "; check the " + part
                + " serde in ConsumerOptions, or skip the record by reading from offset " + (offset + 1),
                topicPartition.topic(), topicPartition.partition(), offset, cause);
    }

    /** The topic of the record, if known. */
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    /** The partition of the record, if known. */
    public Optional<TopicPartition> topicPartition() {
        return topic == null || partition == null ? Optional.empty() : Optional.of(new TopicPartition(topic, partition));
    }

    /** The offset of the record, if known (only records being read have one). */
    public OptionalLong offset() {
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }
}
