package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading and bounding configuration values, so every option reports errors the same way: by key. */
final class ConfigValues {
    private ConfigValues() {
    }

    static int parseInt(ConfigKey key, String raw) {
        requirePresent(key, raw);
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key.name(), raw, "expected a whole number", e);
        }
    }

    static long parseLong(ConfigKey key, String raw) {
        requirePresent(key, raw);
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key.name(), raw, "expected a whole number", e);
        }
    }

    static String requirePresent(ConfigKey key, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidConfigException(key.name(), raw, "a value is required");
        }
        return raw;
    }

    static List<String> parseList(String raw) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static int atLeast(ConfigKey key, int value, int min) {
        if (value < min) {
            throw new InvalidConfigException(key.name(), value, "must be >= " + min);
        }
        return value;
    }

    static Duration millisAtLeast(ConfigKey key, Duration value, long minMillis) {
        if (value == null) {
            throw new InvalidConfigException(key.name(), null, "a duration is required");
        }
        if (value.isNegative() || value.toMillis() < minMillis) {
            throw new InvalidConfigException(key.name(), value.toMillis(), "must be >= " + minMillis + " ms");
        }
        return value;
    }

    /** Rejects keys this options type does not know, naming the ones it does: a typo must not pass silently. */
    static void requireKnown(Map<String, String> properties, List<ConfigKey> known, String optionsType,
                             Map<String, String> setInCode) {
        Set<String> names = known.stream().map(ConfigKey::name).collect(Collectors.toSet());
        for (String key : properties.keySet()) {
            if (setInCode.containsKey(key)) {
                throw new InvalidConfigException(key, properties.get(key), setInCode.get(key));
            }
            if (!names.contains(key)) {
                throw new InvalidConfigException(key, properties.get(key), "not a " + optionsType
                        + " setting; known settings are " + known.stream().map(ConfigKey::name).toList());
            }
        }
    }
}
