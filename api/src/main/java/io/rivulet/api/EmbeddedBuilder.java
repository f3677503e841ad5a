package io.rivulet.api;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.spi.RivuletProvider;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configures and opens an engine inside this process; obtained from {@link Rivulet#embedded()}.
 *
 * <pre>{@code
 * Rivulet rivulet = Rivulet.embedded()
 *         .dataDir(Path.of("data"))
 *         .config("num.partitions", "6")
 *         .config("auto.create.topics.enable", "true")
 *         .open();
 * }</pre>
 *
 * <p>Settings use Kafka's broker names ({@code auto.create.topics.enable}, {@code num.partitions},
 * {@code log.retention.ms}, {@code log.segment.bytes}, …); the engine checks them when opening and
 * rejects unknown keys with {@link InvalidConfigException}. Not thread-safe.
 */
public final class EmbeddedBuilder {
    private Path dataDir;
    private final Map<String, String> config = new LinkedHashMap<>();

    EmbeddedBuilder() {
    }

    /** Where the engine keeps its log; created if missing. Required. */
    public EmbeddedBuilder dataDir(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        return this;
    }

    /** Sets one engine setting, replacing an earlier value for the key. */
    public EmbeddedBuilder config(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new InvalidConfigException(String.valueOf(key), value, "a config key must not be blank");
        }
        if (value == null) {
            throw new InvalidConfigException(key, null, "give a value, or leave the key out for its default");
        }
        config.put(key, value);
        return this;
    }

    /** Sets every entry of {@code settings}, as {@link #config(String, String)} does. */
    public EmbeddedBuilder config(Map<String, String> settings) {
        settings.forEach(this::config);
        return this;
    }

    /**
     * Opens the engine and returns once it serves requests.
     *
     * @throws InvalidConfigException if no data directory was set, or the engine rejects a setting
     * @throws io.rivulet.api.errors.EngineNotFoundException if no engine is on the classpath
     * @throws io.rivulet.api.errors.DataDirLockedException if another engine holds the directory
     */
    public Rivulet open() {
        if (dataDir == null) {
            throw new InvalidConfigException("data directory", null, "set it with Rivulet.embedded().dataDir(path)");
        }
        return EngineDiscovery.find(RivuletProvider.EMBEDDED, "an embedded engine on " + dataDir)
                .embedded(dataDir, Map.copyOf(config));
    }
}
