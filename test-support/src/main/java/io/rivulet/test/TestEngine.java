package io.rivulet.test;

import io.rivulet.api.Rivulet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * An engine opened for a test and the temporary directory it lives in; closing it closes the engine and
 * deletes the directory. Closing is idempotent. Thread-safe.
 */
final class TestEngine implements AutoCloseable {
    private final Path dataDir;
    private final Rivulet rivulet;
    private boolean closed;

    private TestEngine(Path dataDir, Rivulet rivulet) {
        this.dataDir = dataDir;
        this.rivulet = rivulet;
    }

    /** Opens an engine with {@code config} on a new temporary directory. */
    static TestEngine open(Map<String, String> config) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rivulet-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
        try {
            return new TestEngine(dir, Rivulet.embedded().dataDir(dir).config(config).open());
        } catch (RuntimeException e) {
            try {
                delete(dir);
            } catch (UncheckedIOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    Path dataDir() {
        return dataDir;
    }

    Rivulet rivulet() {
        return rivulet;
    }

    /** Closes the engine, then deletes its directory; a failure to delete fails the test that owned it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rivulet.close();
        } finally {
            delete(dataDir);
        }
    }

    private static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(visited);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Already deleted (e.g. by the test itself).
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test data directory " + dir, e);
        }
    }
}
