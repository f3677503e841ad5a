package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.serde.Serde;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.rivulet.api.ConfigValues.atLeast;
import static io.rivulet.api.ConfigValues.millisAtLeast;

/**
 * How a {@link Producer} behaves: immutable, built with {@link #builder(Serde, Serde)} or read from
 * Kafka-style properties with {@link #fromProperties(Map, Serde, Serde)}. Each setting's key, default
 * and meaning are declared in {@link ProducerConfig}:
 *
 * <table>
 *   <caption>Producer settings</caption>
 *   <tr><th>key</th><th>default</th><th>builder method</th></tr>
 *   <tr><td>{@code acks}</td><td>{@code all}</td><td>{@link Builder#acks(Acks)}</td></tr>
 *   <tr><td>{@code batch.size}</td><td>16384</td><td>{@link Builder#batchSize(int)}</td></tr>
 *   <tr><td>{@code linger.ms}</td><td>5</td><td>{@link Builder#linger(Duration)}</td></tr>
 *   <tr><td>{@code max.in.flight.records}</td><td>16384</td><td>{@link Builder#maxInFlightRecords(int)}</td></tr>
 *   <tr><td>{@code client.id}</td><td>assigned</td><td>{@link Builder#clientId(String)}</td></tr>
 *   <tr><td>(partitioner)</td><td>murmur2 / sticky</td><td>{@link Builder#partitioner(Partitioner)}</td></tr>
 * </table>
 *
 * <p>Serdes and the partitioner are objects, so they are set in code, never through properties.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ProducerOptions<K, V> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Acks acks;
    private final int batchSize;
    private final Duration linger;
    private final int maxInFlightRecords;
    private final Duration deliveryTimeout;
    private final Partitioner partitioner;
    private final String clientId;

    private ProducerOptions(Builder<K, V> b) {
        this.keySerde = b.keySerde;
        this.valueSerde = b.valueSerde;
        this.acks = b.acks;
        this.batchSize = b.batchSize;
        this.linger = b.linger;
        this.maxInFlightRecords = b.maxInFlightRecords;
        this.deliveryTimeout = b.deliveryTimeout;
        this.partitioner = b.partitioner;
        this.clientId = b.clientId;
    }

    /** A builder with every setting at its default. */
    public static <K, V> Builder<K, V> builder(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Builder<>(keySerde, valueSerde);
    }

    /** Options with every setting at its default. */
    public static <K, V> ProducerOptions<K, V> of(Serde<K> keySerde, Serde<V> valueSerde) {
        return builder(keySerde, valueSerde).build();
    }

    /**
     * Options from Kafka-style properties; keys not given keep their defaults.
     *
     * @throws InvalidConfigException for an unknown key (naming the known ones), a malformed or
     *         out-of-bounds value, or a key that must be set in code ({@code key.serializer},
     *         {@code value.serializer}, {@code partitioner.class})
     */
    public static <K, V> ProducerOptions<K, V> fromProperties(Map<String, String> properties,
                                                              Serde<K> keySerde, Serde<V> valueSerde) {
        return builder(keySerde, valueSerde).properties(properties).build();
    }

    /** A builder holding these options, to derive changed copies. */
    public Builder<K, V> toBuilder() {
        Builder<K, V> b = new Builder<>(keySerde, valueSerde);
        b.acks = acks;
        b.batchSize = batchSize;
        b.linger = linger;
        b.maxInFlightRecords = maxInFlightRecords;
        b.deliveryTimeout = deliveryTimeout;
        b.partitioner = partitioner;
        b.clientId = clientId;
        return b;
    }

    /** The key serde. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** The value serde. */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** {@code acks}. */
    public Acks acks() {
        return acks;
    }

    /** {@code batch.size}, in bytes. */
    public int batchSize() {
        return batchSize;
    }

    /** {@code linger.ms}. */
    public Duration linger() {
        return linger;
    }

    /** {@code max.in.flight.records}. */
    public int maxInFlightRecords() {
        return maxInFlightRecords;
    }

    /** The custom partitioner, or empty for the engine's default (murmur2 of the key, sticky without a key). */
    /** {@code delivery.timeout.ms}. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    public Optional<Partitioner> partitioner() {
        return Optional.ofNullable(partitioner);
    }

    /** {@code client.id}, or empty to let the engine assign one. */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    @Override
    public String toString() {
        return "ProducerOptions[acks=" + acks.configValue() + ", batch.size=" + batchSize + ", linger.ms="
                + linger.toMillis() + ", max.in.flight.records=" + maxInFlightRecords + ", delivery.timeout.ms=" + deliveryTimeout.toMillis()
                + ", client.id=" + clientId
                + ", keySerde=" + keySerde + ", valueSerde=" + valueSerde + ", partitioner=" + partitioner + "]";
    }

    /**
     * Builds {@link ProducerOptions}. Each setter checks its value at once and throws
     * {@link InvalidConfigException} naming the Kafka key. Not thread-safe.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private final Serde<K> keySerde;
        private final Serde<V> valueSerde;
        private Acks acks = Acks.ALL;
        private int batchSize = ProducerConfig.DEFAULT_BATCH_SIZE;
        private Duration linger = Duration.ofMillis(ProducerConfig.DEFAULT_LINGER_MS);
        private int maxInFlightRecords = ProducerConfig.DEFAULT_MAX_IN_FLIGHT_RECORDS;
        private Duration deliveryTimeout = Duration.ofMillis(ProducerConfig.DEFAULT_DELIVERY_TIMEOUT_MS);
        private Partitioner partitioner;
        private String clientId;

        private Builder(Serde<K> keySerde, Serde<V> valueSerde) {
            if (keySerde == null) {
                throw new InvalidConfigException("key serde", null, "pass a Serde for keys, e.g. Serdes.string()");
            }
            if (valueSerde == null) {
                throw new InvalidConfigException("value serde", null, "pass a Serde for values, e.g. Serdes.string()");
            }
            this.keySerde = keySerde;
            this.valueSerde = valueSerde;
        }

        /** {@code acks}: how much of a write is confirmed before its send completes. */
        public Builder<K, V> acks(Acks acks) {
            if (acks == null) {
                throw new InvalidConfigException(ProducerConfig.ACKS.name(), null, "expected one of 0, 1, all, -1");
            }
            this.acks = acks;
            return this;
        }

        /** {@code batch.size}: the most bytes per partition batch, {@code >= 0}; 0 sends each record alone. */
        public Builder<K, V> batchSize(int bytes) {
            this.batchSize = atLeast(ProducerConfig.BATCH_SIZE, bytes, 0);
            return this;
        }

        /** {@code linger.ms}: how long a batch that is not full waits for more records, {@code >= 0}. */
        public Builder<K, V> linger(Duration linger) {
            this.linger = millisAtLeast(ProducerConfig.LINGER_MS, linger, 0);
            return this;
        }

        /**
         * {@code max.in.flight.records}, {@code >= 1}: the most records a {@code send} stream requests
         * from its source before earlier ones are acknowledged. It is the only buffer between the caller
         * and the log: when it is full the producer stops requesting, so a fast source slows to the
         * engine's pace instead of filling memory.
         */
        public Builder<K, V> maxInFlightRecords(int records) {
            this.maxInFlightRecords = atLeast(ProducerConfig.MAX_IN_FLIGHT_RECORDS, records, 1);
            return this;
        }

        /**
         * {@code delivery.timeout.ms}, {@code >= 1}: how long a batch to a remote node is sent again after a
         * retriable failure (a failover, a lost connection) before its sends fail.
         */
        public Builder<K, V> deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = millisAtLeast(ProducerConfig.DELIVERY_TIMEOUT_MS, timeout, 1);
            return this;
        }

        /** A custom partitioner, or {@code null} for the engine's default. */
        public Builder<K, V> partitioner(Partitioner partitioner) {
            this.partitioner = partitioner;
            return this;
        }

        /** {@code client.id}, or {@code null} to let the engine assign one; must not be blank. */
        public Builder<K, V> clientId(String clientId) {
            if (clientId != null && clientId.isBlank()) {
                throw new InvalidConfigException(ProducerConfig.CLIENT_ID.name(), clientId, "must not be blank");
            }
            this.clientId = clientId;
            return this;
        }

        /** Applies Kafka-style properties (see {@link ProducerOptions#fromProperties}). */
        public Builder<K, V> properties(Map<String, String> properties) {
            Objects.requireNonNull(properties, "properties");
            ConfigValues.requireKnown(properties, ProducerConfig.ALL, "producer", Map.of(
                    "key.serializer", "set the key Serde in code: ProducerOptions.builder(keySerde, valueSerde)",
                    "value.serializer", "set the value Serde in code: ProducerOptions.builder(keySerde, valueSerde)",
                    "partitioner.class", "set a Partitioner in code: ProducerOptions.Builder.partitioner(...)"));
            properties.forEach((key, raw) -> {
                switch (key) {
                    case "acks" -> acks(Acks.parse(raw));
                    case "batch.size" -> batchSize(ConfigValues.parseInt(ProducerConfig.BATCH_SIZE, raw));
                    case "linger.ms" -> linger(Duration.ofMillis(ConfigValues.parseLong(ProducerConfig.LINGER_MS, raw)));
                    case "max.in.flight.records" ->
                            maxInFlightRecords(ConfigValues.parseInt(ProducerConfig.MAX_IN_FLIGHT_RECORDS, raw));
                    case "delivery.timeout.ms" -> deliveryTimeout(
                            Duration.ofMillis(ConfigValues.parseLong(ProducerConfig.DELIVERY_TIMEOUT_MS, raw)));
                    case "client.id" -> clientId(ConfigValues.requirePresent(ProducerConfig.CLIENT_ID, raw));
                    default -> throw new IllegalStateException("declared but not read: " + key);
                }
            });
            return this;
        }

        /** The options. */
        public ProducerOptions<K, V> build() {
            return new ProducerOptions<>(this);
        }
    }
}
