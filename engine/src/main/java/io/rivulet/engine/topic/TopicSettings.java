package io.rivulet.engine.topic;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.storage.log.LogConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns topic-level settings (Kafka's topic config names) into a storage {@link LogConfig}, with api errors.
 * One setting is not the log's but replication's: {@value #MIN_INSYNC_REPLICAS}.
 */
public final class TopicSettings {
    /** How many in-sync replicas an {@code acks=all} write needs; default 1. */
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    /** Every topic-level setting name a topic config may carry. */
    public static final Set<String> NAMES = java.util.stream.Stream.concat(
            LogConfig.SETTINGS.stream().map(LogConfig.Setting::name), java.util.stream.Stream.of(MIN_INSYNC_REPLICAS))
            .collect(Collectors.toUnmodifiableSet());

    private TopicSettings() {
    }

    /** {@code base} with {@code overrides} applied; unknown names and bad values fail naming the key. */
    public static LogConfig apply(LogConfig base, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(base.toMap());
        merged.putAll(overrides);
        minInsyncReplicas(merged);
        merged.remove(MIN_INSYNC_REPLICAS);
        return logConfig(merged, "topic config");
    }

    /** The topic's {@value #MIN_INSYNC_REPLICAS}: 1 when not set; a whole number of at least 1. */
    public static int minInsyncReplicas(Map<String, String> overrides) {
        String v = overrides.get(MIN_INSYNC_REPLICAS);
        if (v == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidConfigException(MIN_INSYNC_REPLICAS, v, "a whole number of at least 1 (how many in-sync "
                + "replicas an acks=all write needs)");
    }

    public static LogConfig logConfig(Map<String, String> values, String what) {
        for (String key : values.keySet()) {
            if (!LogConfig.SETTINGS.stream().anyMatch(setting -> setting.name().equals(key))) {
                throw new InvalidConfigException(key, values.get(key), "a known " + what + ": one of "
                        + LogConfig.SETTINGS.stream().map(LogConfig.Setting::name).collect(Collectors.joining(", ")));
            }
        }
        try {
            return LogConfig.from(values);
        } catch (LogConfig.InvalidLogConfigException e) {
            String key = e.getMessage().split("=", 2)[0];
            throw new InvalidConfigException(key, values.get(key), e.getMessage(), e);
        }
    }
}
