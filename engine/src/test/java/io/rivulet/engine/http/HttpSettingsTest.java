package io.rivulet.engine.http;

import io.rivulet.api.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpSettingsTest {

    @Test
    void defaultsListenOnLoopback8080() {
        HttpSettings s = HttpSettings.defaults();
        assertEquals("127.0.0.1", s.host());
        assertEquals(8080, s.port());
        assertEquals(256, s.wsSessionsMax());
        assertEquals(Duration.ofSeconds(30), s.wsStallTimeout());
    }

    @Test
    void readsDottedNames() {
        HttpSettings s = HttpSettings.fromProperties(Map.of("http.port", "0", "ws.sessions.max", "3",
                "ws.stall.timeout.ms", "1500"));
        assertEquals(0, s.port());
        assertEquals(3, s.wsSessionsMax());
        assertEquals(Duration.ofMillis(1500), s.wsStallTimeout());
    }

    @Test
    void refusesUnknownNamesAndBadValuesNamingTheKey() {
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> HttpSettings.fromProperties(Map.of("http.prot", "1")));
        assertEquals("http.prot", unknown.key());
        assertTrue(unknown.getMessage().contains("http.port"));
        assertEquals("http.port", assertThrows(InvalidConfigException.class,
                () -> HttpSettings.fromProperties(Map.of("http.port", "70000"))).key());
        assertEquals("ws.sessions.max", assertThrows(InvalidConfigException.class,
                () -> HttpSettings.fromProperties(Map.of("ws.sessions.max", "many"))).key());
    }

    @Test
    void everySettingHasADefaultThatParses() {
        HttpSettings.SETTINGS.forEach(s -> HttpSettings.fromProperties(Map.of(s.name(), s.defaultValue())));
    }

    @Test
    void aTokenAndTlsAreOffByDefaultAndNeverPrinted() {
        HttpSettings s = HttpSettings.defaults();
        assertEquals(null, s.token());
        assertEquals(null, s.tls());
        HttpSettings secured = s.withToken("s3cret");
        assertEquals("s3cret", secured.token());
        assertEquals(s.port(), secured.port());
        assertTrue(!secured.toString().contains("s3cret") && secured.toString().contains("token required"), secured.toString());
        InvalidConfigException empty = assertThrows(InvalidConfigException.class, () -> s.withToken(""));
        assertTrue(empty.getMessage().contains("RIVULET_TOKEN"), empty.getMessage());
    }

    @Test
    void httpDocsListEverySettingWithItsDefault() throws IOException {
        Pattern row = Pattern.compile("^\\| `((?:http|ws)\\.[a-z.]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);
        Matcher m = row.matcher(Files.readString(Path.of("..", "docs", "http.md")));
        Map<String, String> documented = new LinkedHashMap<>();
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        Map<String, String> declared = new LinkedHashMap<>();
        HttpSettings.SETTINGS.forEach(setting -> declared.put(setting.name(), setting.defaultValue()));
        assertEquals(declared, documented);
    }
}
