package io.rivulet.engine.partition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The file {@value #FILE} beside a partition's segments that holds its {@link ProducerStateSnapshot}.
 * Written to {@value #FILE}.tmp and renamed over the old one, so a reader finds the old snapshot or the
 * new one, never a mix; the snapshot's own CRC catches a file torn by a power loss, which then counts
 * as no snapshot. Only I/O: the bytes are {@link ProducerStateSnapshot}'s business. Stateless.
 */
final class ProducerStateSnapshotFile {
    static final String FILE = "producer-state.snapshot";
    /** Far above any real snapshot (16 batches of 24 bytes per producer): a larger file is not read. */
    static final long MAX_BYTES = 64L << 20;

    private ProducerStateSnapshotFile() {
    }

    /** The file's bytes, or empty when there is none. */
    static Optional<byte[]> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        long size = Files.size(f);
        if (size > MAX_BYTES) {
            throw new IOException(f + " has " + size + " bytes, more than any producer-state snapshot");
        }
        return Optional.of(Files.readAllBytes(f));
    }

    /**
     * Replaces the snapshot with {@code bytes}. With {@code sync} the new file and the directory are
     * fsynced (a clean close); without, it is left to the page cache (a segment roll, on the append path).
     */
    static void write(Path dir, byte[] bytes, boolean sync) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (sync) {
                ch.force(true);
            }
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (sync) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
    }

    /** Removes the snapshot (and a leftover temporary file), if any. */
    static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE + ".tmp"));
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
