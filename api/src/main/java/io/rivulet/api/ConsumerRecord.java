package io.rivulet.api;

import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * A record delivered to a consumer.
 *
 * @param topic        the topic
 * @param partition    the partition
 * @param offset       the record's offset in its partition
 * @param timestamp    the record's timestamp in milliseconds since the epoch
 * @param key          the deserialized key, or {@code null}
 * @param value        the deserialized value, or {@code null}
 * @param headers      the headers
 * @param recordOffset the handle to acknowledge or commit this record (see {@link RecordOffset})
 * @param <K>          the key type
 * @param <V>          the value type
 */
public record ConsumerRecord<K, V>(String topic, int partition, long offset, long timestamp,
                                   K key, V value, Headers headers, RecordOffset recordOffset) {

    /** Requires headers and the offset handle; validates topic, partition and offset. */
    public ConsumerRecord {
        TopicNames.validate(topic);
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must be >= 0 but were " + partition + " and " + offset);
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(recordOffset, "recordOffset");
    }

    /** The topic and partition together. */
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** Marks this record processed; shorthand for {@code recordOffset().acknowledge()}. */
    public void acknowledge() {
        recordOffset.acknowledge();
    }

    /** Acknowledges and commits now; shorthand for {@code recordOffset().commit()}. */
    public Mono<Void> commit() {
        return recordOffset.commit();
    }
}
