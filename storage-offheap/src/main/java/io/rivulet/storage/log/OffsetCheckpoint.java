package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.segment.MappedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An offset kept in a small text file of the log directory: the log start offset (so a
 * {@code deleteBefore} inside a segment survives a restart) and the recovery point (below it every
 * segment is sealed: trimmed and fsynced). Written to a temporary file, fsynced, renamed and the
 * directory fsynced, so after a crash or power loss it is the old value or the new one, whole.
 */
final class OffsetCheckpoint {
    static final String LOG_START = "log-start-offset";
    static final String RECOVERY_POINT = "recovery-point-offset";

    private OffsetCheckpoint() {
    }

    static long read(Path dir, String name, long fallback) {
        Path f = dir.resolve(name);
        try {
            if (!Files.exists(f)) {
                return fallback;
            }
            return Long.parseLong(Files.readString(f, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return fallback;
        }
    }

    static void write(Path dir, String name, long offset) {
        writeAtomically(dir, name, Long.toString(offset));
    }

    /**
     * Replaces the file {@code name} with {@code content} so that a crash or power loss leaves the old
     * content or the new, whole: a temporary file, fsynced, renamed over it, and the directory fsynced.
     */
    static void writeAtomically(Path dir, String name, String content) {
        Path tmp = dir.resolve(name + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            MappedFiles.force(tmp);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw LogIOException.of("cannot write " + name + " in " + dir, e);
        }
        MappedFiles.syncDirectory(dir);
    }
}
