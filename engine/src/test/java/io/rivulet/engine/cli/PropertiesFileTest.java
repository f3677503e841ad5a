package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropertiesFileTest {

    @Test
    void readsSettingsSortedWithCommentsIgnoredAndValuesTrimmed() throws Exception {
        Map<String, String> settings = PropertiesFile.parse(new StringReader("""
                # engine settings
                num.partitions = 3
                log.retention.ms=86400000  \s
                """));
        assertEquals(Map.of("log.retention.ms", "86400000", "num.partitions", "3"), settings);
        assertEquals("log.retention.ms", settings.keySet().iterator().next());
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        CommandException error = assertThrows(CommandException.class, () -> PropertiesFile.read(dir.resolve("nope.properties")));
        assertTrue(error.getMessage().contains("nope.properties") && error.getMessage().contains("does not exist"),
                error.getMessage());
    }
}
