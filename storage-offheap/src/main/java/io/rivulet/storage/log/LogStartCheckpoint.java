package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The log start offset, kept in a small text file so a {@code deleteBefore} inside a segment
 * survives a restart. Written to a temporary file, fsynced and renamed, so it is whole or absent.
 */
final class LogStartCheckpoint {
    static final String FILE_NAME = "log-start-offset";

    private LogStartCheckpoint() {
    }

    static long read(Path dir, long fallback) {
        Path f = dir.resolve(FILE_NAME);
        try {
            if (!Files.exists(f)) {
                return fallback;
            }
            return Long.parseLong(Files.readString(f, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return fallback;
        }
    }

    static void write(Path dir, long offset) {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(tmp, Long.toString(offset), StandardCharsets.US_ASCII);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw LogIOException.of("cannot write log start offset in " + dir, e);
        }
    }
}
