package io.rivulet.api;

import io.rivulet.api.errors.EngineNotFoundException;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API module's own test classpath holds no engine, which is exactly the situation under test. */
class RivuletTest {

    @Test
    void embeddedWithoutAnEngineOnTheClasspathNamesTheArtifactToAdd(@TempDir Path dir) {
        EngineNotFoundException e = assertThrows(EngineNotFoundException.class, () -> Rivulet.embedded(dir));
        assertEquals(ErrorCode.ENGINE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("io.rivulet:rivulet-engine"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void embeddedBuilderWithoutAnEngineFailsTheSameWay(@TempDir Path dir) {
        EmbeddedBuilder builder = Rivulet.embedded().dataDir(dir).config("num.partitions", "3");
        assertThrows(EngineNotFoundException.class, builder::open);
    }

    @Test
    void connectWithoutAnEngineOnTheClasspathNamesTheArtifactToAdd() {
        EngineNotFoundException e = assertThrows(EngineNotFoundException.class,
                () -> Rivulet.connect("rivulet://localhost:7070"));
        assertTrue(e.getMessage().contains("io.rivulet:rivulet-engine"), e.getMessage());
    }

    @Test
    void connectRejectsAMalformedUriBeforeLookingForAnEngine() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Rivulet.connect("http://localhost"));
        assertEquals("uri", e.key());
    }

    @Test
    void embeddedBuilderRequiresADataDirectory() {
        EmbeddedBuilder builder = Rivulet.embedded();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, builder::open);
        assertTrue(e.getMessage().contains("dataDir(path)"), e.getMessage());
    }

    @Test
    void embeddedBuilderRejectsANullConfigValue() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Rivulet.embedded().config("num.partitions", null));
        assertEquals("num.partitions", e.key());
    }
}
