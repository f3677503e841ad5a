package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the declared log settings with their defaults. */
class ConfigurationDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\| `(-?\\d+)` \\|", Pattern.MULTILINE);

    @Test
    void configurationPageMatchesTheDeclaredSettings() throws IOException {
        Path doc = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc);
        Map<String, Long> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            documented.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Map<String, Long> declared = new LinkedHashMap<>();
        for (LogConfig.Setting s : LogConfig.SETTINGS) {
            declared.put(s.name(), s.defaultValue());
            assertTrue(text.contains(s.doc()), "docs/configuration.md lacks the documentation of " + s.name());
        }
        assertEquals(declared, documented);
    }

    @Test
    void badValuesAreRefusedNamingTheSettingAndItsRange() {
        LogConfig.InvalidLogConfigException e = assertThrows(LogConfig.InvalidLogConfigException.class,
                () -> LogConfig.from(Map.of("segment.bytes", "100")));
        assertEquals("segment.bytes=100 is out of range; expected [4096, 2147483647], default 1073741824", e.getMessage());
        assertThrows(LogConfig.InvalidLogConfigException.class, () -> LogConfig.from(Map.of("retention.ms", "soon")));
        assertThrows(LogConfig.InvalidLogConfigException.class,
                () -> LogConfig.from(Map.of("segment.bytes", "65536", "max.message.bytes", "100000")));
    }

    @Test
    void defaultsAreKafkas() {
        LogConfig c = LogConfig.defaults();
        assertEquals(1 << 30, c.segmentBytes());
        assertEquals(4096, c.indexIntervalBytes());
        assertEquals(7L * 24 * 3600 * 1000, c.retentionMs());
        assertEquals(-1, c.retentionBytes());
        assertEquals(1 << 20, c.maxMessageBytes());
        assertEquals(c, LogConfig.from(c.toMap()));
    }
}
