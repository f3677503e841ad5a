package io.rivulet.engine.lifecycle;

import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.DataDirLockedException;
import io.rivulet.engine.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second process on a data directory gets a clear error naming the PID that holds it. */
class DataDirLockIT {
    @TempDir
    Path dir;

    @Test
    void anotherProcessHoldingTheDirectoryIsNamedByItsPid() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(LockHolderChild.class, List.of(), dir.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("HOLDING "), "child said: " + line);
            long pid = Long.parseLong(line.substring("HOLDING ".length()).trim());
            assertEquals(child.pid(), pid);

            DataDirLockedException e = assertThrows(DataDirLockedException.class, () -> Rivulet.embedded(dir));
            assertTrue(e.getMessage().contains("PID " + pid), e.getMessage());
        } finally {
            child.getOutputStream().close(); // the child closes its engine and exits
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertDoesNotThrow(() -> Rivulet.embedded(dir).close(), "the lock is free once the holder is gone");
    }
}
