package io.rivulet.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's JVM flag list (the parent POM's {@code rivulet.jvm.flags}, written into the jar at build
 * time as the resource {@value #RESOURCE}) and the system properties it sets.
 */
final class JvmFlags {
    static final String RESOURCE = "jvm.flags";

    private JvmFlags() {
    }

    /** The flag list the jar was built with, or an empty string when the resource is missing. */
    static String bundled() {
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled JVM flags", e);
        }
    }

    /** The {@code -Dkey=value} entries of {@code flags} (a blank-separated list), in order; {@code -Dkey} alone means "true". */
    static Map<String, String> systemProperties(String flags) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String flag : flags.trim().split("\\s+")) {
            if (!flag.startsWith("-D") || flag.length() == 2) {
                continue;
            }
            String setting = flag.substring(2);
            int eq = setting.indexOf('=');
            if (eq < 0) {
                properties.put(setting, "true");
            } else if (eq > 0) {
                properties.put(setting.substring(0, eq), setting.substring(eq + 1));
            }
        }
        return properties;
    }

    /** Sets each bundled system property that is not already set, so flags given to {@code java} win. */
    static void applySystemPropertyDefaults() {
        systemProperties(bundled()).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
