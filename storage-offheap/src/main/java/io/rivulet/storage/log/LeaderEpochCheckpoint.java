package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@value #FILE_NAME} of a log directory: its {@link LeaderEpochHistory} as text, one entry
 * a line after a version and a count, replaced atomically like {@link OffsetCheckpoint}.
 *
 * <pre>
 * 0          format version
 * 2          number of entries
 * 0 0        epoch, start offset
 * 3 1200
 * </pre>
 */
final class LeaderEpochCheckpoint {
    static final String FILE_NAME = "leader-epoch-checkpoint";
    private static final int VERSION = 0;

    /** The file exists but does not hold a valid history; the message says what is wrong. */
    static final class CorruptException extends Exception {
        CorruptException(String message) {
            super(message);
        }
    }

    private LeaderEpochCheckpoint() {
    }

    /**
     * The history in {@code dir}; empty when there is no file (a new log, or one written before
     * leader epochs were kept).
     *
     * @throws CorruptException if the file is malformed
     * @throws LogIOException   if it cannot be read
     */
    static LeaderEpochHistory read(Path dir) throws CorruptException {
        Path f = dir.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return LeaderEpochHistory.empty();
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CorruptException(f + " is not ASCII text");
        } catch (IOException e) {
            throw LogIOException.of("cannot read " + f, e);
        }
        try {
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
                throw new CorruptException(f + " does not start with version " + VERSION + " and a count");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (count < 0 || lines.size() != count + 2) {
                throw new CorruptException(f + " announces " + count + " entries but has " + (lines.size() - 2));
            }
            List<EpochEntry> entries = new ArrayList<>(count);
            for (String line : lines.subList(2, lines.size())) {
                String[] fields = line.trim().split(" ");
                if (fields.length != 2) {
                    throw new CorruptException(f + " has a malformed entry: '" + line + "'");
                }
                entries.add(new EpochEntry(Integer.parseInt(fields[0]), Long.parseLong(fields[1])));
            }
            return LeaderEpochHistory.of(entries);
        } catch (IllegalArgumentException e) { // NumberFormatException too
            throw new CorruptException(f + " is malformed: " + e.getMessage());
        }
    }

    /** Replaces the file with {@code history}, atomically. */
    static void write(Path dir, LeaderEpochHistory history) {
        StringBuilder s = new StringBuilder().append(VERSION).append('\n').append(history.entries().size()).append('\n');
        for (EpochEntry e : history.entries()) {
            s.append(e.epoch()).append(' ').append(e.startOffset()).append('\n');
        }
        OffsetCheckpoint.writeAtomically(dir, FILE_NAME, s.toString());
    }
}
