package io.rivulet.engine.fetch;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Header;
import io.rivulet.api.Headers;
import io.rivulet.api.RecordOffset;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.SerializationException;
import io.rivulet.api.serde.Serde;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordHeader;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stored record of one partition into the application's types, wrapping a serde's failure in a
 * {@link SerializationException} that names the record and how to skip it. Shared by the reader of the
 * local log and the remote client, so both fail alike. Stateless apart from its serdes.
 */
public final class RecordDecoder<K, V> {
    private final TopicPartition tp;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public RecordDecoder(TopicPartition tp, Serde<K> keySerde, Serde<V> valueSerde) {
        this.tp = tp;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    public K key(BatchRecord rec) {
        try {
            return keySerde.deserialize(rec.key());
        } catch (RuntimeException ex) {
            throw SerializationException.deserializing("key", tp, rec.offset(), ex);
        }
    }

    public V value(BatchRecord rec) {
        try {
            return valueSerde.deserialize(rec.value());
        } catch (RuntimeException ex) {
            throw SerializationException.deserializing("value", tp, rec.offset(), ex);
        }
    }

    /** The whole record, with {@code handle} as its offset handle. */
    public ConsumerRecord<K, V> decode(BatchRecord rec, RecordOffset handle) {
        K key = key(rec);
        V value = value(rec);
        return new ConsumerRecord<>(tp.topic(), tp.partition(), rec.offset(), rec.timestamp(), key, value,
                headers(rec), handle);
    }

    public static Headers headers(BatchRecord rec) {
        if (rec.headerCount() == 0) {
            return Headers.empty();
        }
        List<RecordHeader> stored = rec.headers();
        List<Header> headers = new ArrayList<>(stored.size());
        for (RecordHeader h : stored) {
            headers.add(Header.of(h.key(), h.value()));
        }
        return Headers.of(headers);
    }
}
