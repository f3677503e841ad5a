package io.rivulet.storage.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * A mapped file of fixed-size entries: the common part of {@link OffsetIndex} and {@link TimeIndex}.
 * The entry count lives in memory; the file holds only entries, and its length is trusted only
 * when the segment was sealed or shut down cleanly (then it is trimmed to the entries).
 */
abstract class IndexFile implements AutoCloseable {
    private final Path path;
    private final int entrySize;
    private final MappedBytes bytes;
    private final BytesStore<?, ?> store;
    private final int maxEntries;
    private volatile int entries;
    private final DiskSpace space;

    IndexFile(Path path, int entrySize, long capacity, boolean readOnly, boolean trustLength) {
        this.path = path;
        this.entrySize = entrySize;
        long length = length(path);
        long mapped = readOnly ? length : Math.max(capacity, length);
        this.bytes = MappedFiles.map(path, mapped, readOnly);
        this.store = bytes.bytesStore();
        this.maxEntries = (int) (mapped / entrySize);
        this.entries = trustLength ? (int) (length / entrySize) : validPrefix((int) (length / entrySize));
        this.space = readOnly ? null : new DiskSpace(path, 0, mapped, RESERVE_CHUNK);
    }

    /** Index space is reserved this far ahead of the last entry (see {@link DiskSpace}). */
    private static final long RESERVE_CHUNK = 64 * 1024;

    /** Makes sure entry {@code n} can be written through the mapping without faulting on a full disk. */
    final void reserveEntry(int n) {
        space.ensure((long) n * entrySize, (long) (n + 1) * entrySize);
    }

    final Path path() {
        return path;
    }

    final BytesStore<?, ?> store() {
        return store;
    }

    final MappedBytes bytes() {
        return bytes;
    }

    public final int entries() {
        return entries;
    }

    final boolean isFull() {
        return entries >= maxEntries;
    }

    final void publish(int count) {
        entries = count;
    }

    /** Forgets entries from {@code n} on and zeroes them, so a later crash cannot revive them. */
    final void discardFrom(int n) {
        int old = entries;
        if (n < old) {
            entries = n;
            bytes.zeroOut((long) n * entrySize, (long) old * entrySize);
        }
    }

    /** Bytes the entries occupy: the length to trim the file to when sealing. */
    final long sizeInBytes() {
        return (long) entries * entrySize;
    }

    /** True when entry {@code entry} can follow entry {@code entry - 1} in a valid index. */
    abstract boolean follows(int entry);

    abstract boolean plausibleFirst();

    private int validPrefix(int candidates) {
        if (candidates == 0 || isZero(0) || !plausibleFirst()) {
            return 0;
        }
        int n = 1;
        while (n < candidates && !isZero(n) && follows(n)) {
            n++;
        }
        return n;
    }

    private boolean isZero(int entry) {
        long p = (long) entry * entrySize;
        for (int i = 0; i < entrySize; i += 4) {
            if (store.readInt(p + i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static long length(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (java.io.IOException e) {
            throw io.rivulet.storage.LogIOException.of("cannot read size of " + path, e);
        }
    }

    @Override
    public void close() {
        if (bytes.refCount() > 0) {
            bytes.releaseLast();
        }
    }
}
