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
import net.openhft.posix.MAdviseFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens whole files as single Chronicle mappings, and the file operations around them.
 *
 * <p>Chronicle's single-mapped files only unmap on release when {@code mappedFile.retain=true}
 * (without it the mapping outlives its last reference until GC). The property is read once when
 * Chronicle loads, so it is set here before first use and checked, and the launcher and test
 * flags set it too.
 */
public final class MappedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(MappedFiles.class);
    private static final int MAX_INTERRUPTED_ATTEMPTS = 100;
    private static volatile boolean freshPagesWarned;
    private static volatile boolean smallPagesWarned;
    private static volatile boolean populateWorks = true;
    private static final int MADV_POPULATE_WRITE = 23;
    private static final int EINVAL = 22;

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

    /**
     * Tells the kernel how to fault in the pages of this writable mapping of a file that holds no data yet: 2 MiB at
     * a time, each 2 MiB one page-cache folio ({@code MADV_HUGEPAGE} with {@code MADV_RANDOM}). By default a write
     * fault on a page not yet in the page cache reads ahead the whole {@code read_ahead_kb} window (8 MiB on the
     * benchmark machine): 2,048 pages allocated and zeroed in one fault, measured as a 20 ms stall every 8 MiB, and a
     * kernel that does not preempt ({@code PREEMPT_NONE}, the default) keeps that core from every other thread
     * meanwhile. With {@code MADV_RANDOM} alone each page faults on its own into a 4 KiB folio: no stalls, but a
     * page costs about twice the CPU, and writing back 4 KiB folios at a roll's fsync ten times (the seal thread then
     * held a core for seconds at 100 MB/s). With both, a fault reads in one 2 MiB folio around it (the kernel's
     * huge-page path has its own window, which the random hint keeps from doubling): a stall of about 4 ms every
     * 2 MiB, the least CPU per page, and the cheapest writeback of the three. Only for files without data: a reader
     * of existing data wants the read-ahead. Does nothing where there is no native access.
     */
    public static void adviseFreshPages(MappedBytes bytes, long length) {
        if (Posix.API == null || length <= 0) {
            return;
        }
        long address = bytes.bytesStore().addressForRead(0);
        if ((Posix.API.madvise(address, length, MAdviseFlag.MADV_RANDOM) != 0
                || Posix.API.madvise(address, length, MAdviseFlag.MADV_HUGEPAGE) != 0) && !freshPagesWarned) {
            freshPagesWarned = true;
            LOG.info("madvise failed ({}); fresh pages of segments fault in with the default read-ahead",
                    Posix.API.lastErrorStr());
        }
    }

    /**
     * Has the pages of {@code [offset, offset + length)} of a mapping advised by {@link #adviseFreshPages} fault in
     * 4 KiB at a time rather than as 2 MiB folios ({@code MADV_NOHUGEPAGE}; the random hint stays, so no read-ahead
     * either): a stall of microseconds per page instead of milliseconds per folio, for more CPU per page, most of it
     * when they are written back. For the pages ahead of a slow writer (see the log's {@code WriterPace}).
     * Page-aligned ranges only; does nothing where there is no native access.
     */
    public static void adviseSmallPages(MappedBytes bytes, long offset, long length) {
        if (Posix.API == null || length <= 0) {
            return;
        }
        long address = bytes.bytesStore().addressForRead(0) + offset;
        if (Posix.API.madvise(address, length, MAdviseFlag.MADV_NOHUGEPAGE) != 0 && !smallPagesWarned) {
            smallPagesWarned = true;
            LOG.info("madvise(MADV_NOHUGEPAGE) failed ({}); pages ahead of slow writers fault in as 2 MiB folios",
                    Posix.API.lastErrorStr());
        }
    }

    /**
     * Faults in {@code [offset, offset + length)} of a writable mapping for writing, without changing a byte
     * ({@code madvise(MADV_POPULATE_WRITE)}, Linux 5.14 and later), so it is safe beside a writer. Page-aligned
     * ranges only. Returns false where it is not available or fails (a range past the end of the file).
     */
    public static boolean populateForWrite(MappedBytes bytes, long offset, long length) {
        if (Posix.API == null || !populateWorks) {
            return false;
        }
        long address = bytes.bytesStore().addressForRead(0) + offset;
        if (Posix.API.madvise(address, length, MADV_POPULATE_WRITE) == 0) {
            return true;
        }
        if (Posix.API.lastError() == EINVAL) {
            populateWorks = false; // an older kernel: not asked again
            LOG.info("madvise(MADV_POPULATE_WRITE) is not available ({}); writers fault their pages in themselves",
                    Posix.API.lastErrorStr());
        }
        return false;
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
