package io.rivulet.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create.
 *
 * @param name              a valid topic name (see {@link TopicNames})
 * @param partitions        the number of partitions, {@code >= 1}; fixed at creation
 * @param replicationFactor how many nodes hold each partition, {@code >= 1}
 * @param configs           per-topic settings with Kafka's names ({@code retention.ms},
 *                          {@code retention.bytes}, {@code segment.bytes}, {@code max.message.bytes},
 *                          {@code min.insync.replicas}, …); the engine validates them
 */
public record NewTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    /** Validates the name, partition count and replication factor; copies the configs. */
    public NewTopic {
        TopicNames.validate(name);
        if (partitions < 1) {
            throw new IllegalArgumentException("topic '" + name + "' needs at least 1 partition but was given " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic '" + name + "' needs a replication factor of at least 1 but was given "
                    + replicationFactor);
        }
        Objects.requireNonNull(configs, "configs");
        configs.forEach((key, value) -> {
            Objects.requireNonNull(key, "config key");
            Objects.requireNonNull(value, () -> "value of topic config " + key);
        });
        configs = Map.copyOf(configs);
    }

    /** A topic with 1 partition, replication factor 1 and default configs. */
    public static NewTopic of(String name) {
        return new NewTopic(name, 1, (short) 1, Map.of());
    }

    /** This topic with {@code partitions} partitions. */
    public NewTopic withPartitions(int partitions) {
        return new NewTopic(name, partitions, replicationFactor, configs);
    }

    /** This topic with {@code replicationFactor} replicas per partition. */
    public NewTopic withReplicationFactor(int replicationFactor) {
        if (replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " is too large");
        }
        return new NewTopic(name, partitions, (short) replicationFactor, configs);
    }

    /** This topic with one more config entry (replacing an earlier value for the key). */
    public NewTopic withConfig(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(configs);
        more.put(key, value);
        return new NewTopic(name, partitions, replicationFactor, more);
    }
}
