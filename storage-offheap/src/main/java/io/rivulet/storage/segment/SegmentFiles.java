package io.rivulet.storage.segment;

import java.nio.file.Path;

/** File names of a segment: its base offset in 20 digits, as Kafka names them, and an extension. */
public final class SegmentFiles {
    public static final String LOG = ".log";
    public static final String INDEX = ".index";
    public static final String TIME_INDEX = ".timeindex";
    /** Suffix of a segment file renamed for deletion; recovery removes any it finds. */
    public static final String DELETED = ".deleted";

    private SegmentFiles() {
    }

    public static String name(long baseOffset, String extension) {
        return String.format("%020d%s", baseOffset, extension);
    }

    public static Path log(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset, LOG));
    }

    public static Path index(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset, INDEX));
    }

    public static Path timeIndex(Path dir, long baseOffset) {
        return dir.resolve(name(baseOffset, TIME_INDEX));
    }

    /** {@code file} renamed for deletion. */
    public static Path deleted(Path file) {
        return file.resolveSibling(file.getFileName() + DELETED);
    }

    /** True for a file {@link #deleted} named. */
    public static boolean isDeleted(Path file) {
        return file.getFileName().toString().endsWith(DELETED);
    }

    /** The base offset a segment file name encodes, or -1 if it is not a segment log file. */
    public static long baseOffsetOf(Path file) {
        String n = file.getFileName().toString();
        if (!n.endsWith(LOG) || n.length() != 20 + LOG.length()) {
            return -1;
        }
        try {
            return Long.parseLong(n.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
