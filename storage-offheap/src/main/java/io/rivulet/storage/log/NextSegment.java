package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.segment.MappedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next segment file, prepared in the background: created at full size and pre-touched page by
 * page, so when the log rolls it renames a warm file instead of page-faulting a fresh one on every
 * append (first touch measured about 0.5 GB/s against 8+ GB/s warm).
 *
 * <p>Confined to the log's writer, except the preparation itself, which runs on the executor.
 */
final class NextSegment implements AutoCloseable {
    static final String FILE_NAME = "next.log.prealloc";
    private static final Logger LOG = LoggerFactory.getLogger(NextSegment.class);
    private static final int PAGE = 4096;

    private final Path file;
    private final int capacity;
    private final Executor executor;
    private CompletableFuture<Void> ready;

    NextSegment(Path dir, int capacity, Executor executor) {
        this.file = dir.resolve(FILE_NAME);
        this.capacity = capacity;
        this.executor = executor;
    }

    /** Starts preparing a file unless one is ready or under way. */
    void prepare() {
        if (executor != null && ready == null) {
            ready = CompletableFuture.runAsync(this::createAndTouch, executor);
        }
    }

    /** Moves the prepared file to {@code target} if it is ready; false if the caller must create one. */
    boolean takeInto(Path target) {
        CompletableFuture<Void> r = ready;
        if (r == null || !r.isDone()) {
            return false;
        }
        ready = null;
        if (r.isCompletedExceptionally()) {
            return false;
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            LOG.warn("could not use preallocated segment {}: {}", file, e.toString());
            return false;
        }
    }

    private void createAndTouch() {
        try {
            Files.deleteIfExists(file);
            MappedBytes bytes = MappedFiles.map(file, capacity, false);
            try {
                BytesStore<?, ?> store = bytes.bytesStore();
                for (long p = 0; p < capacity; p += PAGE) {
                    store.writeByte(p, (byte) 0);
                }
            } finally {
                bytes.releaseLast();
            }
        } catch (IOException e) {
            throw LogIOException.of("cannot preallocate " + file, e);
        }
    }

    /** Waits for a preparation under way and removes the file. */
    @Override
    public void close() {
        CompletableFuture<Void> r = ready;
        ready = null;
        if (r != null) {
            try {
                r.join();
            } catch (RuntimeException ignored) {
                // a failed preparation leaves nothing to wait for
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", file, e.toString());
        }
    }
}
