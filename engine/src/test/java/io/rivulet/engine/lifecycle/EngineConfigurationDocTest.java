package io.rivulet.engine.lifecycle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/configuration.md lists exactly the engine settings, with their defaults and docs, and the broker-name map. */
class EngineConfigurationDocTest {
    private static final Pattern ENGINE_ROW = Pattern.compile("^\\| `([a-z.]+)` \\| ([^`|]+?) \\| (.+?) \\|$",
            Pattern.MULTILINE);
    private static final Pattern NAME_ROW = Pattern.compile("^\\| `([a-z.]+)` \\| `([a-z.]+)` \\|$", Pattern.MULTILINE);

    @Test
    void configurationPageMatchesTheDeclaredEngineSettings() throws IOException {
        String text = Files.readString(Path.of("..", "docs", "configuration.md"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ENGINE_ROW.matcher(text);
        while (m.find()) {
            documented.put(m.group(1), m.group(2).trim() + " | " + m.group(3).trim());
        }
        Map<String, String> declared = new LinkedHashMap<>();
        EngineConfig.ENGINE_SETTINGS.forEach(s -> declared.put(s.name(), s.defaultValue() + " | " + s.doc()));
        assertEquals(declared, documented);

        Map<String, String> names = new LinkedHashMap<>();
        Matcher n = NAME_ROW.matcher(text);
        while (n.find()) {
            names.put(n.group(1), n.group(2));
        }
        assertEquals(EngineConfig.LOG_DEFAULT_KEYS, names);
    }

    @Test
    void defaultsAreASingleNodesDefaults() {
        EngineConfig c = EngineConfig.defaults();
        assertEquals(0, c.nodeId());
        assertEquals(true, c.autoCreateTopics());
        assertEquals(1, c.numPartitions());
        assertEquals(300_000, c.retentionCheckIntervalMs());
        assertEquals(1 << 30, c.logDefaults().segmentBytes());
        assertEquals(123_456, EngineConfig.from(Map.of("log.retention.ms", "123456")).logDefaults().retentionMs());
    }
}
