package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.serde.Serde;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.rivulet.api.ConfigValues.atLeast;
import static io.rivulet.api.ConfigValues.millisAtLeast;

/**
 * How a {@link Consumer} behaves: immutable, built with {@link #builder(Serde, Serde)} or read from
 * Kafka-style properties with {@link #fromProperties(Map, Serde, Serde)}. Each setting's key, default
 * and meaning are declared in {@link ConsumerConfig}:
 *
 * <table>
 *   <caption>Consumer settings</caption>
 *   <tr><th>key</th><th>default</th><th>builder method</th></tr>
 *   <tr><td>{@code group.id}</td><td>none</td><td>{@link Builder#groupId(String)}</td></tr>
 *   <tr><td>{@code topics}</td><td>none</td><td>{@link Builder#topics(List)}</td></tr>
 *   <tr><td>{@code auto.offset.reset}</td><td>{@code latest}</td><td>{@link Builder#autoOffsetReset(OffsetReset)}</td></tr>
 *   <tr><td>{@code session.timeout.ms}</td><td>10000</td><td>{@link Builder#sessionTimeout(Duration)}</td></tr>
 *   <tr><td>{@code heartbeat.interval.ms}</td><td>3000</td><td>{@link Builder#heartbeatInterval(Duration)}</td></tr>
 *   <tr><td>{@code max.poll.records}</td><td>500</td><td>{@link Builder#maxPollRecords(int)}</td></tr>
 *   <tr><td>{@code max.ack.ahead}</td><td>10000</td><td>{@link Builder#maxAckAhead(int)}</td></tr>
 *   <tr><td>{@code partition.assignment.strategy}</td><td>{@code range}</td><td>{@link Builder#assignmentStrategy(AssignmentStrategy)}</td></tr>
 *   <tr><td>{@code auto.commit.interval.ms}</td><td>5000</td><td>{@link Builder#autoCommitInterval(Duration)}</td></tr>
 *   <tr><td>{@code client.id}</td><td>assigned</td><td>{@link Builder#clientId(String)}</td></tr>
 * </table>
 *
 * <p>{@code group.id} and {@code topics} are needed only by the group methods
 * ({@link Consumer#receive()}, {@link Consumer#receivePartitions()}), which fail with
 * {@link InvalidConfigException} without them; {@link Consumer#read(TopicPartition, StartAt)} needs
 * neither.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ConsumerOptions<K, V> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String groupId;
    private final List<String> topics;
    private final OffsetReset autoOffsetReset;
    private final Duration sessionTimeout;
    private final Duration heartbeatInterval;
    private final int maxPollRecords;
    private final int maxAckAhead;
    private final AssignmentStrategy assignmentStrategy;
    private final Duration autoCommitInterval;
    private final String clientId;

    private ConsumerOptions(Builder<K, V> b) {
        this.keySerde = b.keySerde;
        this.valueSerde = b.valueSerde;
        this.groupId = b.groupId;
        this.topics = b.topics;
        this.autoOffsetReset = b.autoOffsetReset;
        this.sessionTimeout = b.sessionTimeout;
        this.heartbeatInterval = b.heartbeatInterval;
        this.maxPollRecords = b.maxPollRecords;
        this.maxAckAhead = b.maxAckAhead;
        this.assignmentStrategy = b.assignmentStrategy;
        this.autoCommitInterval = b.autoCommitInterval;
        this.clientId = b.clientId;
    }

    /** A builder with every setting at its default. */
    public static <K, V> Builder<K, V> builder(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Builder<>(keySerde, valueSerde);
    }

    /**
     * Options from Kafka-style properties; keys not given keep their defaults.
     *
     * @throws InvalidConfigException for an unknown key (naming the known ones), a malformed or
     *         out-of-bounds value, or a key that must be set in code ({@code key.deserializer},
     *         {@code value.deserializer})
     */
    public static <K, V> ConsumerOptions<K, V> fromProperties(Map<String, String> properties,
                                                              Serde<K> keySerde, Serde<V> valueSerde) {
        return builder(keySerde, valueSerde).properties(properties).build();
    }

    /** A builder holding these options, to derive changed copies. */
    public Builder<K, V> toBuilder() {
        Builder<K, V> b = new Builder<>(keySerde, valueSerde);
        b.groupId = groupId;
        b.topics = topics;
        b.autoOffsetReset = autoOffsetReset;
        b.sessionTimeout = sessionTimeout;
        b.heartbeatInterval = heartbeatInterval;
        b.maxPollRecords = maxPollRecords;
        b.maxAckAhead = maxAckAhead;
        b.assignmentStrategy = assignmentStrategy;
        b.autoCommitInterval = autoCommitInterval;
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

    /** {@code group.id}, or empty when this consumer only reads manually. */
    public Optional<String> groupId() {
        return Optional.ofNullable(groupId);
    }

    /** The topics the group consumes, in the order given; empty when only reading manually. */
    public List<String> topics() {
        return topics;
    }

    /** {@code auto.offset.reset}. */
    public OffsetReset autoOffsetReset() {
        return autoOffsetReset;
    }

    /** {@code session.timeout.ms}. */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** {@code heartbeat.interval.ms}. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** {@code max.poll.records}: the most records fetched ahead of demand. */
    public int maxPollRecords() {
        return maxPollRecords;
    }

    /** {@code max.ack.ahead}: per partition, the most records delivered past the oldest unacknowledged one. */
    public int maxAckAhead() {
        return maxAckAhead;
    }

    /** {@code partition.assignment.strategy}. */
    public AssignmentStrategy assignmentStrategy() {
        return assignmentStrategy;
    }

    /** {@code auto.commit.interval.ms}; zero commits as soon as an acknowledged prefix advances. */
    public Duration autoCommitInterval() {
        return autoCommitInterval;
    }

    /** {@code client.id}, or empty to let the engine assign one. */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    @Override
    public String toString() {
        return "ConsumerOptions[group.id=" + groupId + ", topics=" + topics + ", auto.offset.reset="
                + autoOffsetReset.configValue() + ", session.timeout.ms=" + sessionTimeout.toMillis()
                + ", heartbeat.interval.ms=" + heartbeatInterval.toMillis() + ", max.poll.records=" + maxPollRecords
                + ", max.ack.ahead=" + maxAckAhead + ", partition.assignment.strategy="
                + assignmentStrategy.configValue() + ", auto.commit.interval.ms=" + autoCommitInterval.toMillis()
                + ", client.id=" + clientId + ", keySerde=" + keySerde + ", valueSerde=" + valueSerde + "]";
    }

    /**
     * Builds {@link ConsumerOptions}. Each setter checks its value at once, and {@link #build()} checks
     * settings against each other, throwing {@link InvalidConfigException} naming the Kafka key.
     * Not thread-safe.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private final Serde<K> keySerde;
        private final Serde<V> valueSerde;
        private String groupId;
        private List<String> topics = List.of();
        private OffsetReset autoOffsetReset = OffsetReset.LATEST;
        private Duration sessionTimeout = Duration.ofMillis(ConsumerConfig.DEFAULT_SESSION_TIMEOUT_MS);
        private Duration heartbeatInterval = Duration.ofMillis(ConsumerConfig.DEFAULT_HEARTBEAT_INTERVAL_MS);
        private int maxPollRecords = ConsumerConfig.DEFAULT_MAX_POLL_RECORDS;
        private int maxAckAhead = ConsumerConfig.DEFAULT_MAX_ACK_AHEAD;
        private AssignmentStrategy assignmentStrategy = AssignmentStrategy.RANGE;
        private Duration autoCommitInterval = Duration.ofMillis(ConsumerConfig.DEFAULT_AUTO_COMMIT_INTERVAL_MS);
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

        /** {@code group.id}: the group to join; must not be blank. */
        public Builder<K, V> groupId(String groupId) {
            if (groupId == null || groupId.isBlank()) {
                throw new InvalidConfigException(ConsumerConfig.GROUP_ID.name(), groupId, "must not be blank");
            }
            this.groupId = groupId;
            return this;
        }

        /** The topics the group consumes; each a valid topic name, without repeats. */
        public Builder<K, V> topics(List<String> topics) {
            Objects.requireNonNull(topics, "topics");
            for (String topic : topics) {
                TopicNames.validate(topic);
            }
            if (topics.stream().distinct().count() != topics.size()) {
                throw new InvalidConfigException(ConsumerConfig.TOPICS.name(), String.join(",", topics),
                        "list each topic once");
            }
            this.topics = List.copyOf(topics);
            return this;
        }

        /** As {@link #topics(List)}. */
        public Builder<K, V> topics(String... topics) {
            return topics(List.of(topics));
        }

        /** {@code auto.offset.reset}: where to start without a usable committed offset. */
        public Builder<K, V> autoOffsetReset(OffsetReset reset) {
            if (reset == null) {
                throw new InvalidConfigException(ConsumerConfig.AUTO_OFFSET_RESET.name(), null,
                        "expected one of earliest, latest, none");
            }
            this.autoOffsetReset = reset;
            return this;
        }

        /** {@code session.timeout.ms}, at least 10 ms: how long a member may stay silent before it is removed. */
        public Builder<K, V> sessionTimeout(Duration timeout) {
            this.sessionTimeout = millisAtLeast(ConsumerConfig.SESSION_TIMEOUT_MS, timeout, 10);
            return this;
        }

        /** {@code heartbeat.interval.ms}, at least 1 ms and below {@code session.timeout.ms} (checked by {@link #build()}). */
        public Builder<K, V> heartbeatInterval(Duration interval) {
            this.heartbeatInterval = millisAtLeast(ConsumerConfig.HEARTBEAT_INTERVAL_MS, interval, 1);
            return this;
        }

        /**
         * {@code max.poll.records}, {@code >= 1}: the most records the consumer prefetches beyond what
         * the subscriber has requested. Larger values smooth throughput; smaller ones bound memory.
         */
        public Builder<K, V> maxPollRecords(int records) {
            this.maxPollRecords = atLeast(ConsumerConfig.MAX_POLL_RECORDS, records, 1);
            return this;
        }

        /**
         * {@code max.ack.ahead}, {@code >= 1}: per partition, the most records delivered past the oldest
         * one not yet acknowledged. When reached, delivery from that partition pauses until the gap is
         * acknowledged (other partitions keep flowing). It bounds how many records a crash redelivers
         * and how much the commit tracker remembers; an application that never acknowledges a record
         * stalls its partition here rather than growing without bound.
         */
        public Builder<K, V> maxAckAhead(int records) {
            this.maxAckAhead = atLeast(ConsumerConfig.MAX_ACK_AHEAD, records, 1);
            return this;
        }

        /** {@code partition.assignment.strategy}. */
        public Builder<K, V> assignmentStrategy(AssignmentStrategy strategy) {
            if (strategy == null) {
                throw new InvalidConfigException(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY.name(), null,
                        "expected one of range, roundrobin, cooperative-sticky");
            }
            this.assignmentStrategy = strategy;
            return this;
        }

        /** {@code auto.commit.interval.ms}, {@code >= 0}: how often acknowledged prefixes are committed. */
        public Builder<K, V> autoCommitInterval(Duration interval) {
            this.autoCommitInterval = millisAtLeast(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS, interval, 0);
            return this;
        }

        /** {@code client.id}, or {@code null} to let the engine assign one; must not be blank. */
        public Builder<K, V> clientId(String clientId) {
            if (clientId != null && clientId.isBlank()) {
                throw new InvalidConfigException(ConsumerConfig.CLIENT_ID.name(), clientId, "must not be blank");
            }
            this.clientId = clientId;
            return this;
        }

        /** Applies Kafka-style properties (see {@link ConsumerOptions#fromProperties}). */
        public Builder<K, V> properties(Map<String, String> properties) {
            Objects.requireNonNull(properties, "properties");
            ConfigValues.requireKnown(properties, ConsumerConfig.ALL, "consumer", Map.of(
                    "key.deserializer", "set the key Serde in code: ConsumerOptions.builder(keySerde, valueSerde)",
                    "value.deserializer", "set the value Serde in code: ConsumerOptions.builder(keySerde, valueSerde)"));
            properties.forEach((key, raw) -> {
                switch (key) {
                    case "group.id" -> groupId(raw);
                    case "topics" -> topics(ConfigValues.parseList(ConfigValues.requirePresent(ConsumerConfig.TOPICS, raw)));
                    case "auto.offset.reset" -> autoOffsetReset(OffsetReset.parse(raw));
                    case "session.timeout.ms" -> sessionTimeout(millis(ConsumerConfig.SESSION_TIMEOUT_MS, raw));
                    case "heartbeat.interval.ms" -> heartbeatInterval(millis(ConsumerConfig.HEARTBEAT_INTERVAL_MS, raw));
                    case "max.poll.records" -> maxPollRecords(ConfigValues.parseInt(ConsumerConfig.MAX_POLL_RECORDS, raw));
                    case "max.ack.ahead" -> maxAckAhead(ConfigValues.parseInt(ConsumerConfig.MAX_ACK_AHEAD, raw));
                    case "partition.assignment.strategy" -> assignmentStrategy(AssignmentStrategy.parse(raw));
                    case "auto.commit.interval.ms" ->
                            autoCommitInterval(millis(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS, raw));
                    case "client.id" -> clientId(ConfigValues.requirePresent(ConsumerConfig.CLIENT_ID, raw));
                    default -> throw new IllegalStateException("declared but not read: " + key);
                }
            });
            return this;
        }

        /**
         * The options.
         *
         * @throws InvalidConfigException if {@code heartbeat.interval.ms} is not below {@code session.timeout.ms}
         */
        public ConsumerOptions<K, V> build() {
            if (heartbeatInterval.compareTo(sessionTimeout) >= 0) {
                throw new InvalidConfigException(ConsumerConfig.HEARTBEAT_INTERVAL_MS.name(), heartbeatInterval.toMillis(),
                        "must be below session.timeout.ms (" + sessionTimeout.toMillis()
                                + "), ideally a third of it or less, or the member is removed between heartbeats");
            }
            return new ConsumerOptions<>(this);
        }

        private static Duration millis(ConfigKey key, String raw) {
            return Duration.ofMillis(ConfigValues.parseLong(key, raw));
        }
    }
}
