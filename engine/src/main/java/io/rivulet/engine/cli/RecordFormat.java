package io.rivulet.engine.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.rivulet.api.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How {@code rivulet consume} prints a record: its value alone, or one JSON object per line with
 * {@code topic, partition, offset, timestamp, key, value}. Keys and values are decoded as UTF-8; bytes
 * that are not valid UTF-8 show as U+FFFD (the replacement character), and a missing key or value as
 * {@code null}.
 */
enum RecordFormat {
    /** The value only ({@code null} for a record without one). */
    VALUE {
        @Override
        String format(ConsumerRecord<byte[], byte[]> record) {
            return String.valueOf(text(record.value()));
        }
    },
    /** One JSON object per record. */
    JSON {
        @Override
        String format(ConsumerRecord<byte[], byte[]> record) {
            return Json.line(new JsonRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    text(record.key()), text(record.value())));
        }
    };

    /** The record as one line of output (a value with line breaks spans several lines in {@link #VALUE}). */
    abstract String format(ConsumerRecord<byte[], byte[]> record);

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bytes as UTF-8 text, malformed sequences replaced; {@code null} stays {@code null}. */
    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The JSON shape of a record. */
    @JsonPropertyOrder({"topic", "partition", "offset", "timestamp", "key", "value"})
    record JsonRecord(String topic, int partition, long offset, long timestamp, String key, String value) {
    }
}
