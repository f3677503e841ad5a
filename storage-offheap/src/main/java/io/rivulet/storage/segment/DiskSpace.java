package io.rivulet.storage.segment;

import io.rivulet.storage.LogIOException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes sure the disk blocks under a region of a mapped file exist before the mapping writes there.
 *
 * <p>Mapped files are grown sparse, and a write through a mapping into a hole on a full disk is not an
 * error the writer can catch: the kernel raises SIGBUS, the JVM turns it into an asynchronous
 * {@link InternalError} and the batch is half written. Allocating the blocks first — with
 * {@code fallocate(2)} ({@link Fallocate}), or by writing zeros where that is not available — turns a full
 * disk into an ordinary {@code ENOSPC} {@link IOException} (a {@code StorageFullException}) before a single
 * byte of the batch is copied. Space is reserved a chunk at a time ahead of the writer, so the
 * cost is one {@code fallocate} call (or one sequential write of zeros) per chunk, and none for files prepared
 * in the background.
 */
final class DiskSpace {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final Path path;
    private final long limit;
    private final long chunk;
    private volatile long reserved; // written by the writer only; read by whoever faults pages in ahead of it

    /**
     * @param reserved bytes from the start already known to be backed by blocks
     * @param limit    the mapped length: nothing is reserved past it
     * @param chunk    how far ahead of the writer to reserve at a time
     */
    DiskSpace(Path path, long reserved, long limit, long chunk) {
        this.path = path;
        this.reserved = reserved;
        this.limit = limit;
        this.chunk = chunk;
    }

    /** A file whose blocks all exist (written in full when it was prepared). */
    static DiskSpace full(Path path, long length) {
        return new DiskSpace(path, length, length, 0);
    }

    /** How far from the start the blocks are known to exist. */
    long reserved() {
        return reserved;
    }

    /**
     * Reserves {@code [from, upTo)}, and a chunk beyond it, unless already reserved. {@code from} is the
     * writer's current end: everything before it is data, which is never overwritten.
     *
     * @throws LogIOException ({@code StorageFullException} when the disk is full) if the space cannot be had
     */
    void ensure(long from, long upTo) {
        if (upTo <= reserved) {
            return;
        }
        long start = Math.max(reserved, from);
        long end = Math.min(limit, Math.max(upTo, start + chunk));
        allocate(path, start, end);
        reserved = end;
    }

    /**
     * Backs {@code [start, end)} of {@code path} with disk blocks: with {@code fallocate(2)} where the file system
     * has it (no bytes written), else by writing zeros with plain file writes.
     */
    static void allocate(Path path, long start, long end) {
        if (Fallocate.allocate(path, start, end)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            long p = start;
            while (p < end) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(z.capacity(), end - p));
                p += ch.write(z, p);
            }
        } catch (IOException e) {
            throw LogIOException.of("cannot reserve " + (end - start) + " bytes at " + start + " in " + path, e);
        }
    }
}
