package io.rivulet.engine.topic;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.storage.log.LogConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns topic-level settings (Kafka's topic config names) into a storage {@link LogConfig}, with api errors. */
public final class TopicSettings {
    /** Every topic-level setting name a topic config may carry. */
    public static final Set<String> NAMES = LogConfig.SETTINGS.stream().map(LogConfig.Setting::name)
            .collect(Collectors.toUnmodifiableSet());

    private TopicSettings() {
    }

    /** {@code base} with {@code overrides} applied; unknown names and bad values fail naming the key. */
    public static LogConfig apply(LogConfig base, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(base.toMap());
        merged.putAll(overrides);
        return logConfig(merged, "topic config");
    }

    public static LogConfig logConfig(Map<String, String> values, String what) {
        for (String key : values.keySet()) {
            if (!NAMES.contains(key)) {
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
