package io.rivulet.storage.segment;

import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * {@code fallocate(2)}: disk blocks for a region of a file, allocated by the file system without writing them.
 * Where it is not to be had — another OS, a file system that does not support it, no native access — every call
 * answers {@code false} and the caller writes zeros instead, which reserves the same blocks at the cost of
 * writing them.
 */
final class Fallocate {
    private static final Logger LOG = LoggerFactory.getLogger(Fallocate.class);
    private static final int O_RDWR = 2;
    private static final PosixAPI POSIX = Boolean.getBoolean("rivulet.storage.noFallocate") ? null : Posix.API;
    private static final boolean supported = POSIX != null;
    private static volatile boolean warned;

    private Fallocate() {
    }

    /**
     * Allocates {@code [start, end)} of {@code path}.
     *
     * @return false when fallocate is not available here or failed: the caller writes zeros instead, which fails
     *         with an exact error ({@code ENOSPC} on a full disk)
     */
    static boolean allocate(Path path, long start, long end) {
        if (!supported || end <= start) {
            return supported;
        }
        int fd = POSIX.open(path.toString(), O_RDWR, 0);
        if (fd < 0) {
            return false;
        }
        try {
            if (POSIX.fallocate(fd, 0, start, end - start) == 0) {
                return true;
            }
            // A full disk, or a file system without it: writing zeros then says which, with an exact error.
            if (!warned) {
                warned = true;
                LOG.info("fallocate failed for {} ({}); the log writes zeros to reserve that space", path,
                        POSIX.lastErrorStr());
            }
            return false;
        } finally {
            POSIX.close(fd);
        }
    }
}
