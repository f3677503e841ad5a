package io.rivulet.engine.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * A replicated partition's high watermark, kept in {@value #FILE} beside its segments, so a restarted node
 * does not take its whole log for committed. Written to a temporary file and renamed, so it is the old value
 * or the new one; not fsynced: after a power loss an older (lower) value is safe, a missing file means the log
 * end as before. A partition that never replicated has no file, and its high watermark is its log end.
 */
final class HighWatermarkCheckpoint {
    static final String FILE = "high-watermark-checkpoint";

    private HighWatermarkCheckpoint() {
    }

    /** The checkpointed high watermark, if the partition has one and it is readable. */
    static OptionalLong read(Path dir) {
        Path f = dir.resolve(FILE);
        try {
            if (!Files.exists(f)) {
                return OptionalLong.empty();
            }
            long v = Long.parseLong(Files.readString(f, StandardCharsets.US_ASCII).trim());
            return v >= 0 ? OptionalLong.of(v) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.of(0); // unreadable: commit nothing until the leader says otherwise
        }
    }

    static void write(Path dir, long highWatermark) {
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Files.writeString(tmp, Long.toString(highWatermark), StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the high watermark of " + dir, e);
        }
    }
}
