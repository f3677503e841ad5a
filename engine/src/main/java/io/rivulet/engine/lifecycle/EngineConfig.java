package io.rivulet.engine.lifecycle;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.engine.group.classic.ClassicGroupConfig;
import io.rivulet.engine.topic.TopicSettings;
import io.rivulet.storage.log.LogConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one engine, with Kafka's broker names. Log settings given here
 * ({@code log.retention.ms}, {@code log.segment.bytes}, …) are the defaults of every topic; a topic's own
 * config ({@code retention.ms}, {@code segment.bytes}, …) overrides them.
 *
 * @param nodeId                  this node's id, shown as leader and replica of its partitions
 * @param autoCreateTopics        create a topic on first produce or read when it does not exist
 * @param numPartitions           partitions of an auto-created topic, and of a created one that names none
 * @param retentionCheckIntervalMs how often retention and time-based flushes run
 * @param logDefaults             topic-level log settings every topic starts from
 * @param classicGroups           the limits of Kafka classic-protocol groups ({@code group.*})
 */
public record EngineConfig(int nodeId, boolean autoCreateTopics, int numPartitions, long retentionCheckIntervalMs,
                           LogConfig logDefaults, ClassicGroupConfig classicGroups) {

    /** An engine-only setting, with its default and what it does. */
    public record Setting(String name, String defaultValue, String doc) {
    }

    public static final List<Setting> ENGINE_SETTINGS = List.of(
            new Setting("node.id", "0", "This node's id, shown as the leader and replica of its partitions."),
            new Setting("auto.create.topics.enable", "true",
                    "Create a topic on first produce or read when it does not exist (with num.partitions partitions)."),
            new Setting("num.partitions", "1", "Partitions of an auto-created topic, and of a created one that names none."),
            new Setting("log.retention.check.interval.ms", "300000",
                    "How often retention deletes old segments and time-based flushes (flush.ms) run."),
            new Setting("group.max.size", String.valueOf(ClassicGroupConfig.DEFAULT_MAX_SIZE),
                    "Members a Kafka classic consumer group may have; one more gets GROUP_MAX_SIZE_REACHED."),
            new Setting("group.min.session.timeout.ms", String.valueOf(ClassicGroupConfig.DEFAULT_MIN_SESSION_TIMEOUT_MS),
                    "The shortest session.timeout.ms a Kafka classic consumer may ask for."),
            new Setting("group.max.session.timeout.ms", String.valueOf(ClassicGroupConfig.DEFAULT_MAX_SESSION_TIMEOUT_MS),
                    "The longest session.timeout.ms a Kafka classic consumer may ask for."),
            new Setting("group.initial.rebalance.delay.ms",
                    String.valueOf(ClassicGroupConfig.DEFAULT_INITIAL_REBALANCE_DELAY_MS),
                    "How long the first rebalance of an empty Kafka classic group waits for more members to join."));

    /**
     * Broker-wide names of the topic-level log settings, as Kafka spells them. The value is the
     * topic-level name in {@link LogConfig#SETTINGS}.
     */
    public static final Map<String, String> LOG_DEFAULT_KEYS = orderedMap(
            "log.segment.bytes", "segment.bytes",
            "log.roll.ms", "segment.ms",
            "log.index.size.max.bytes", "segment.index.bytes",
            "log.index.interval.bytes", "index.interval.bytes",
            "log.retention.ms", "retention.ms",
            "log.retention.bytes", "retention.bytes",
            "message.max.bytes", "max.message.bytes",
            "log.flush.interval.messages", "flush.messages",
            "log.flush.interval.ms", "flush.ms",
            "log.preallocate", "preallocate",
            "log.mapped.segments.max", "mapped.segments.max");

    public EngineConfig {
        if (numPartitions < 1) {
            throw new InvalidConfigException("num.partitions", numPartitions, "an integer >= 1");
        }
        if (retentionCheckIntervalMs < 1) {
            throw new InvalidConfigException("log.retention.check.interval.ms", retentionCheckIntervalMs,
                    "an integer >= 1 (milliseconds)");
        }
        if (nodeId < 0) {
            throw new InvalidConfigException("node.id", nodeId, "an integer >= 0");
        }
    }

    public static EngineConfig defaults() {
        return from(Map.of());
    }

    /** Reads settings by name; an unknown name or a bad value fails with the key and what to write. */
    public static EngineConfig from(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        ENGINE_SETTINGS.forEach(s -> unknown.remove(s.name()));
        unknown.removeAll(LOG_DEFAULT_KEYS.keySet());
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new InvalidConfigException(key, settings.get(key), "a known engine setting; see docs/configuration.md"
                    + " (engine settings: " + String.join(", ", names()) + ")");
        }
        Map<String, String> log = new LinkedHashMap<>();
        LOG_DEFAULT_KEYS.forEach((brokerKey, topicKey) -> {
            String v = settings.get(brokerKey);
            if (v != null) {
                log.put(topicKey, v);
            }
        });
        LogConfig logDefaults = TopicSettings.logConfig(log, "engine setting");
        return new EngineConfig(
                parseInt(settings, "node.id"),
                parseBoolean(settings, "auto.create.topics.enable"),
                parseInt(settings, "num.partitions"),
                parseLong(settings, "log.retention.check.interval.ms"),
                logDefaults,
                new ClassicGroupConfig(parseInt(settings, "group.max.size"),
                        parseInt(settings, "group.min.session.timeout.ms"),
                        parseInt(settings, "group.max.session.timeout.ms"),
                        parseInt(settings, "group.initial.rebalance.delay.ms")));
    }

    private static List<String> names() {
        List<String> names = new java.util.ArrayList<>();
        ENGINE_SETTINGS.forEach(s -> names.add(s.name()));
        names.addAll(LOG_DEFAULT_KEYS.keySet());
        return names;
    }

    private static String raw(Map<String, String> settings, String key) {
        String v = settings.get(key);
        if (v != null) {
            return v.trim();
        }
        return ENGINE_SETTINGS.stream().filter(s -> s.name().equals(key)).findFirst().orElseThrow().defaultValue();
    }

    private static int parseInt(Map<String, String> settings, String key) {
        long v = parseLong(settings, key);
        if (v != (int) v) {
            throw new InvalidConfigException(key, v, "an integer");
        }
        return (int) v;
    }

    private static long parseLong(Map<String, String> settings, String key) {
        String v = raw(settings, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, v, "an integer");
        }
    }

    private static boolean parseBoolean(Map<String, String> settings, String key) {
        String v = raw(settings, key);
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new InvalidConfigException(key, v, "true or false");
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
