package io.rivulet.api;

/**
 * A record to send.
 *
 * @param topic     the topic, a valid name
 * @param partition the partition, or {@code null} to let the producer's partitioner choose (a hash of
 *                  the key, or a sticky partition for records without a key)
 * @param key       the key, or {@code null}; records with equal keys land on the same partition
 * @param value     the value, or {@code null} (a tombstone)
 * @param timestamp the record's time in milliseconds since the epoch, or {@code null} for the time the
 *                  producer accepts it
 * @param headers   the headers, never {@code null} (a {@code null} argument becomes {@link Headers#empty()})
 * @param <K>       the key type
 * @param <V>       the value type
 */
public record ProducerRecord<K, V>(String topic, Integer partition, K key, V value, Long timestamp, Headers headers) {

    /** Validates the topic name, the partition ({@code >= 0}) and the timestamp ({@code >= 0}). */
    public ProducerRecord {
        TopicNames.validate(topic);
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 or null (let the partitioner choose) but was "
                    + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0 ms since the epoch, or null (now), but was "
                    + timestamp);
        }
        headers = headers == null ? Headers.empty() : headers;
    }

    /** A record without a key. */
    public static <K, V> ProducerRecord<K, V> of(String topic, V value) {
        return new ProducerRecord<>(topic, null, null, value, null, Headers.empty());
    }

    /** A keyed record; the partitioner picks the partition from the key. */
    public static <K, V> ProducerRecord<K, V> of(String topic, K key, V value) {
        return new ProducerRecord<>(topic, null, key, value, null, Headers.empty());
    }

    /** This record sent to an explicit partition. */
    public ProducerRecord<K, V> withPartition(int partition) {
        return new ProducerRecord<>(topic, partition, key, value, timestamp, headers);
    }

    /** This record with an explicit timestamp, in milliseconds since the epoch. */
    public ProducerRecord<K, V> withTimestamp(long timestamp) {
        return new ProducerRecord<>(topic, partition, key, value, timestamp, headers);
    }

    /** This record with these headers instead of its own. */
    public ProducerRecord<K, V> withHeaders(Headers headers) {
        return new ProducerRecord<>(topic, partition, key, value, timestamp, headers);
    }

    /** This record with one more header (the value is copied). */
    public ProducerRecord<K, V> withHeader(String key, byte[] value) {
        return new ProducerRecord<>(topic, partition, this.key, this.value, timestamp, headers.with(key, value));
    }
}
