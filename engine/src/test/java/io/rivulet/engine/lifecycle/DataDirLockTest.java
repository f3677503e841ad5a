package io.rivulet.engine.lifecycle;

import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.DataDirLockedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondEngineOnTheSameDirectoryIsRefusedWithWhoHoldsIt() {
        try (Rivulet first = Rivulet.embedded(dir)) {
            DataDirLockedException e = assertThrows(DataDirLockedException.class, () -> Rivulet.embedded(dir));
            assertTrue(e.getMessage().contains("PID " + ProcessHandle.current().pid()), e.getMessage());
        }
        assertDoesNotThrow(() -> Rivulet.embedded(dir).close(), "the lock is released on close");
    }

    @Test
    void severalEnginesRunInOneJvmOnDifferentDirectories(@TempDir Path other) {
        try (Rivulet a = Rivulet.embedded(dir); Rivulet b = Rivulet.embedded().dataDir(other).config(Map.of()).open()) {
            assertTrue(a.admin().listTopics().block().isEmpty());
            assertTrue(b.admin().listTopics().block().isEmpty());
        }
    }
}
