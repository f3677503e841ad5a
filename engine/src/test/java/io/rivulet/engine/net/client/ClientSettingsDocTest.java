package io.rivulet.engine.net.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/protocol.md's table of client settings names exactly the keys a client reads, with their defaults. */
class ClientSettingsDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\| ([^|]+?) \\|", Pattern.MULTILINE);

    @Test
    void protocolDocsListEveryClientSettingWithItsDefault() throws IOException {
        String text = Files.readString(Path.of("..", "docs", "protocol.md"));
        int start = text.indexOf("## Client settings");
        int end = text.indexOf("\n## ", start + 1);
        Map<String, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(text.substring(start, end < 0 ? text.length() : end));
        while (m.find()) {
            documented.put(m.group(1), m.group(2).trim());
        }
        ClientSettings d = ClientSettings.from(Map.of());
        Map<String, String> declared = new TreeMap<>(Map.of(
                "request.timeout.ms", String.valueOf(d.requestTimeout().toMillis()),
                "reconnect.backoff.ms", String.valueOf(d.backoff().toMillis()),
                "reconnect.backoff.max.ms", String.valueOf(d.backoffMax().toMillis()),
                "socket.request.max.bytes", String.valueOf(d.maxFrameBytes()),
                "rivulet.token", d.token() == null ? "none" : d.token(),
                "ssl.enabled", String.valueOf(d.tls() != null),
                "ssl.truststore.certificates", "none"));
        assertEquals(new TreeSet<>(ClientSettings.KEYS), declared.keySet(), "this test's defaults are behind ClientSettings.KEYS");
        assertEquals(declared, documented);
    }
}
