package io.rivulet.storage.segment;

import io.rivulet.storage.LogIOException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.Field;
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

    /** Sets the length of {@code path}, which may be mapped: callers never read past the new length. */
    public static void truncate(Path path, long length) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (ch.size() > length) {
                ch.truncate(length);
            }
        } catch (IOException e) {
            throw LogIOException.of("cannot truncate " + path + " to " + length + " bytes", e);
        }
    }

    /** fsync: on Linux this also writes back pages dirtied through any mapping of the file. */
    public static void force(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.force(false);
        } catch (IOException e) {
            throw LogIOException.of("cannot flush " + path, e);
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
