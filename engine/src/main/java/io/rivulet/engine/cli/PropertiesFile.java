package io.rivulet.engine.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A Java properties file of engine settings ({@code rivulet server --config FILE}), read as UTF-8. */
final class PropertiesFile {
    private PropertiesFile() {
    }

    /** The settings in {@code file}, sorted by key. */
    static Map<String, String> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (NoSuchFileException e) {
            throw new CommandException("config file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The settings a properties text holds, sorted by key, with surrounding blanks of values trimmed. */
    static Map<String, String> parse(Reader text) throws IOException {
        Properties properties = new Properties();
        properties.load(text);
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            settings.put(key, properties.getProperty(key).strip());
        }
        return settings;
    }
}
