package io.rivulet.api;

import io.rivulet.api.errors.EngineNotFoundException;
import io.rivulet.api.spi.RivuletProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registers {@link RecordingProvider} through a class loader that sees a services file in a temp
 * directory, set as the thread's context loader, so the rest of the suite still runs without an engine.
 */
class EngineDiscoveryTest {
    @TempDir
    Path services;

    private ClassLoader original;

    @BeforeEach
    void registerTestProvider() throws IOException {
        Path file = services.resolve("META-INF/services/" + RivuletProvider.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# a comment, as ServiceLoader allows\n" + RecordingProvider.class.getName() + "\n");
        original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(
                new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader()));
        RecordingProvider.reset();
    }

    @AfterEach
    void restoreClassLoader() throws IOException {
        ClassLoader ours = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(original);
        ((URLClassLoader) ours).close();
    }

    @Test
    void embeddedOpensThroughTheProviderWithDirAndConfig(@TempDir Path dir) {
        Rivulet rivulet = Rivulet.embedded().dataDir(dir).config("num.partitions", "6").open();

        assertSame(RecordingProvider.OPENED, rivulet);
        assertEquals("embedded", RecordingProvider.lastTarget);
        assertEquals(dir, RecordingProvider.lastDataDir);
        assertEquals(Map.of("num.partitions", "6"), RecordingProvider.lastConfig);
    }

    @Test
    void connectPassesTheUriAndConfigToTheProvider() {
        Rivulet rivulet = Rivulet.connect("rivulet://a:1,b:2", Map.of("client.id", "x"));

        assertSame(RecordingProvider.OPENED, rivulet);
        assertEquals("rivulet://a:1,b:2", RecordingProvider.lastUri);
        assertEquals(Map.of("client.id", "x"), RecordingProvider.lastConfig);
    }

    @Test
    void providersThatDeclineAreNamedInTheError(@TempDir Path dir) {
        RecordingProvider.supportsAnything = false;

        EngineNotFoundException e = assertThrows(EngineNotFoundException.class, () -> Rivulet.embedded(dir));
        assertTrue(e.getMessage().contains(RecordingProvider.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("io.rivulet:rivulet-engine"), e.getMessage());
    }
}
