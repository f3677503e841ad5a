package io.rivulet.api;

import java.util.Objects;

/**
 * One setting, declared once: its Kafka-style name, its default as text, and one line of
 * documentation. The configuration reference page is generated from (or checked against) these
 * declarations in {@link ProducerConfig} and {@link ConsumerConfig}.
 *
 * @param name          the key, e.g. {@code batch.size}
 * @param defaultValue  the default as it would be written in a properties file, or {@code null} when
 *                      there is none (the setting is required or optional without a default)
 * @param documentation what the setting does, in one or two sentences
 */
public record ConfigKey(String name, String defaultValue, String documentation) {

    /** Requires a name and documentation. */
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(documentation, "documentation");
    }

    @Override
    public String toString() {
        return name;
    }
}
