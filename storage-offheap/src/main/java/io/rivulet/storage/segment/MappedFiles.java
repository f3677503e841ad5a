package io.rivulet.storage.segment;

import io.rivulet.storage.LogIOException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedFile;

/**
 * Opens whole files as single Chronicle mappings, and the file operations around them.
 *
 * <p>Chronicle's single-mapped files only unmap on release when {@code mappedFile.retain=true}
 * (without it the mapping outlives its last reference until GC). The property is read once when
 * Chronicle loads, so it is set here before first use and checked, and the launcher and test
 * flags set it too.
 */
public final class MappedFiles {
    private static final int MAX_INTERRUPTED_ATTEMPTS = 100;

    static {
        if (System.getProperty("mappedFile.retain") == null) {
            System.setProperty("mappedFile.retain", "true");
        }
        if (System.getProperty("disable.single.threaded.check") == null) {
            System.setProperty("disable.single.threaded.check", "true");
        }
        checkRetain();
    }

    private MappedFiles() {
    }

    /** Maps {@code path} whole; a writable file is grown (sparsely) to {@code capacity}. */
    public static MappedBytes map(Path path, long capacity, boolean readOnly) {
        try {
            MappedBytes bytes = MappedBytes.singleMappedBytes(path.toFile(), Math.max(capacity, 1), readOnly);
            bytes.singleThreadedCheckDisabled(true);
            return bytes;
        } catch (FileNotFoundException e) {
            throw LogIOException.of("cannot map " + path, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw LogIOException.of("cannot map " + path, io);
            }
            throw e;
        }
    }

    /** Creates {@code path} if needed and allocates its first {@code length} bytes on disk ({@link DiskSpace#allocate}). */
    public static void reserve(Path path, long length) {
        try {
            java.nio.file.Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw LogIOException.of("cannot create " + path, e);
        }
        DiskSpace.allocate(path, 0, length);
    }

    /** fdatasync: on Linux this also writes back pages dirtied through any mapping of the file. */
    public static void force(Path path) {
        onChannel(path, StandardOpenOption.WRITE, "flush " + path, ch -> ch.force(false));
    }

    /**
     * Trims {@code path} to {@code length} (if longer) and fsyncs it, data and length together, so
     * after power loss the file is either as it was or trimmed and complete. Trimming first means
     * the pre-touched pages past the end are dropped instead of written back.
     */
    public static void trimAndSync(Path path, long length) {
        onChannel(path, StandardOpenOption.WRITE, "trim " + path + " to " + length + " bytes and sync it", ch -> {
            if (ch.size() > length) {
                ch.truncate(length);
            }
            ch.force(true);
        });
    }

    /** fsync of a directory, so files created, renamed or removed in it stay that way after power loss. */
    public static void syncDirectory(Path dir) {
        onChannel(dir, StandardOpenOption.READ, "sync directory " + dir, ch -> ch.force(true));
    }

    private interface ChannelWork {
        void run(FileChannel ch) throws IOException;
    }

    /**
     * Runs {@code work} on a channel of an existing file. A {@link FileChannel} gives up with
     * {@link ClosedByInterruptException} when its thread is interrupted, which would turn a
     * cancelled caller (a Reactor worker, an executor being shut down) into a failed fsync and an
     * offline log. The interrupt is set aside and restored afterwards, and work cut short by one is
     * repeated (all of it is idempotent): no I/O error was seen, so a repeat hides nothing.
     */
    private static void onChannel(Path path, StandardOpenOption mode, String what, ChannelWork work) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try (FileChannel ch = FileChannel.open(path, mode)) {
                    work.run(ch);
                    return;
                } catch (ClosedByInterruptException e) {
                    interrupted |= Thread.interrupted();
                    if (attempt == MAX_INTERRUPTED_ATTEMPTS) {
                        throw LogIOException.of("cannot " + what + ": interrupted " + attempt + " times", e);
                    }
                } catch (IOException e) {
                    throw LogIOException.of("cannot " + what, e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void checkRetain() {
        try {
            Field f = MappedFile.class.getDeclaredField("RETAIN");
            f.setAccessible(true);
            if (!f.getBoolean(null)) {
                throw new IllegalStateException("Chronicle was loaded without -DmappedFile.retain=true; "
                        + "segment mappings would not be released. Start the JVM with the flags in docs/operations.md");
            }
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            // A Chronicle version without the field releases mappings on its own.
        }
    }
}
