package io.rivulet.storage.segment;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.batch.BigEndian;
import io.rivulet.storage.batch.RecordBatch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * One segment of a partition log: a {@code .log} file of record batches starting at
 * {@link #baseOffset()}, with its offset and time indexes beside it.
 *
 * <p>The active segment is mapped writable at its full, preallocated capacity; appends copy a batch
 * into the mapping once. When the log rolls, the segment is sealed in two steps: {@link #beginSeal}
 * on the writer (the last time-index entry; no more appends), then {@link #completeSeal}, usually
 * on a background thread (fsync, trim the files, drop the writable mapping). Between the two the
 * segment is still read through its writable mapping. A sealed segment is mapped read-only on
 * demand, so the log can bound how many stay mapped ({@link #unmap}).
 *
 * <p>Threading: the append, truncate, restore and {@link #beginSeal} methods are confined to the
 * log's single writer; {@link #completeSeal}, {@link #renameForDeletion} and
 * {@link #deleteRenamedFiles} may run on another thread after the writer handed the segment over. {@link #acquire}, {@link #size} and the lookups are
 * safe from any thread; a reader sees only bytes below a size the writer published after writing
 * them.
 */
public final class Segment {
    private final Path dir;
    private final long baseOffset;
    private final long indexCapacity;
    private final int indexIntervalBytes;
    private final long createdMs;
    private volatile SegmentMapping mapping;
    private volatile int size;
    /** Disk space under the active log file; null for a sealed, read-only segment. */
    private DiskSpace logSpace;
    /**
     * How far ahead of the writer the active log file's blocks are reserved (between this and twice this), which
     * is as far as its pages may be faulted in ahead of it ({@link #populateAhead}).
     */
    public static final long RESERVE_AHEAD = 16L << 20;
    private volatile boolean sealed;
    private volatile boolean deleted;
    private volatile long maxTimestamp = -1;
    /** Held while a seal or a rename works on the files, so a delete never pulls them from under a seal. */
    private final ReentrantLock files = new ReentrantLock();
    // writer-confined
    private long nextOffset;
    private int bytesSinceIndexEntry;
    // set by beginSeal, read by completeSeal on the thread the writer handed the seal to
    private volatile long sealedIndexBytes = -1;
    private volatile long sealedTimeIndexBytes = -1;

    private Segment(Path dir, long baseOffset, long indexCapacity, int indexIntervalBytes, long createdMs) {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.indexCapacity = indexCapacity;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = createdMs;
        this.nextOffset = baseOffset;
    }

    /**
     * Opens (creating if missing) the writable segment at {@code baseOffset}. Its size starts at 0
     * unless {@code knownSize} is given (a clean restart); otherwise recovery scans for the end and
     * calls {@link #restore}.
     */
    public static Segment openActive(Path dir, long baseOffset, int capacity, long indexCapacity,
                                     int indexIntervalBytes, long nowMs, int knownSize, boolean trustIndexLength) {
        return openActive(dir, baseOffset, capacity, indexCapacity, indexIntervalBytes, nowMs, knownSize,
                trustIndexLength, null);
    }

    /**
     * As above, taking over {@code warmLog}, a writable mapping of the segment's log file already
     * made (and pre-touched) by whoever prepared the file; null maps the file here. The segment owns
     * the mapping from now on, also if opening fails.
     */
    public static Segment openActive(Path dir, long baseOffset, int capacity, long indexCapacity,
                                     int indexIntervalBytes, long nowMs, int knownSize, boolean trustIndexLength,
                                     MappedBytes warmLog) {
        Segment s = new Segment(dir, baseOffset, indexCapacity, indexIntervalBytes, nowMs);
        MappedBytes log = warmLog;
        if (log == null || log.mappedFile().capacity() < capacity) {
            if (log != null) {
                log.releaseLast();
            }
            long logLength = fileLength(SegmentFiles.log(dir, baseOffset));
            log = MappedFiles.map(SegmentFiles.log(dir, baseOffset), Math.max(capacity, logLength), false);
            if (logLength == 0) { // a new file: its pages fault in 2 MiB at a time
                MappedFiles.adviseFreshPages(log, log.mappedFile().capacity());
            }
        }
        try {
            OffsetIndex oi = new OffsetIndex(SegmentFiles.index(dir, baseOffset), indexCapacity, false, trustIndexLength);
            TimeIndex ti = new TimeIndex(SegmentFiles.timeIndex(dir, baseOffset), indexCapacity, false, trustIndexLength);
            s.mapping = new SegmentMapping(log, oi, ti);
        } catch (RuntimeException e) {
            log.releaseLast();
            throw e;
        }
        long mappedLength = log.mappedFile().capacity();
        s.logSpace = log == warmLog ? DiskSpace.full(SegmentFiles.log(dir, baseOffset), mappedLength)
                : new DiskSpace(SegmentFiles.log(dir, baseOffset), 0, mappedLength, RESERVE_AHEAD);
        s.size = Math.max(knownSize, 0);
        s.maxTimestamp = s.mapping.timeIndex().lastTimestamp();
        return s;
    }

    /** Opens a sealed segment whose files were trimmed to their contents when it was sealed. */
    public static Segment openSealed(Path dir, long baseOffset, int indexIntervalBytes, long nextOffset) {
        Segment s = new Segment(dir, baseOffset, 0, indexIntervalBytes, fileModified(SegmentFiles.log(dir, baseOffset)));
        s.size = Math.toIntExact(fileLength(SegmentFiles.log(dir, baseOffset)));
        s.sealed = true;
        s.nextOffset = nextOffset;
        s.maxTimestamp = lastTimeIndexTimestamp(SegmentFiles.timeIndex(dir, baseOffset));
        return s;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Bytes of valid batches; readers never look past it. */
    public int size() {
        return size;
    }

    public boolean isSealed() {
        return sealed;
    }

    public boolean isDeleted() {
        return deleted;
    }

    /** True between {@link #beginSeal} and the end of {@link #completeSeal}: no appends, not yet synced. */
    public boolean isSealing() {
        return sealedIndexBytes >= 0 && !sealed;
    }

    /** Largest record timestamp in the segment, or -1 if none is known. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /** Writer's view: the offset after the last batch. */
    public long nextOffset() {
        return nextOffset;
    }

    public long createdMs() {
        return createdMs;
    }

    public boolean isMapped() {
        return mapping != null;
    }

    /**
     * A reference to the segment's mapping, mapping it read-only first if it is sealed and unmapped.
     * Release it with {@link SegmentMapping#release}. Returns null if the segment was deleted.
     */
    public SegmentMapping acquire() {
        for (;;) {
            SegmentMapping m = mapping;
            if (m != null && m.tryRetain()) {
                return m;
            }
            synchronized (this) {
                if (deleted) {
                    return null;
                }
                if (mapping == m || mapping == null) {
                    mapping = mapReadOnly();
                }
            }
        }
    }

    /** Drops the segment's own reference to a sealed mapping; readers holding one keep it alive. */
    public synchronized void unmap() {
        if (!sealed) {
            return;
        }
        SegmentMapping m = mapping;
        mapping = null;
        if (m != null) {
            m.release();
        }
    }

    /**
     * Position of the first batch whose last offset is at least {@code offset}, looking only below
     * {@code limit}; {@code limit} if there is none. Safe from any thread holding {@code m}.
     */
    public int findPosition(SegmentMapping m, long offset, int limit) {
        long rel = Math.max(0, Math.min(offset - baseOffset, Integer.MAX_VALUE));
        int p = m.offsetIndex().lookup((int) rel, limit);
        BytesStore<?, ?> store = m.store();
        while (p < limit) {
            int batchLength = BigEndian.readInt(store, p + RecordBatch.BATCH_LENGTH);
            if (batchLength < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
                return limit; // bytes being truncated under us: nothing valid here
            }
            long last = BigEndian.readLong(store, p) + BigEndian.readInt(store, p + RecordBatch.LAST_OFFSET_DELTA);
            if (last >= offset) {
                return p;
            }
            p += RecordBatch.LOG_OVERHEAD + batchLength;
        }
        return limit;
    }

    /**
     * The first offset in {@code [minOffset, endOffset)} whose record timestamp is at least
     * {@code timestamp}, looking below {@code limit}; -1 if none.
     */
    public long findOffsetForTimestamp(SegmentMapping m, long timestamp, long minOffset, long endOffset, int limit) {
        int rel = m.timeIndex().lookup(timestamp);
        int p = m.offsetIndex().lookup(rel, limit);
        RecordBatch batch = new RecordBatch();
        while (p < limit) {
            batch.wrap(m.store(), p);
            if (batch.baseOffset() >= endOffset) {
                return -1;
            }
            if (batch.maxTimestamp() >= timestamp && batch.lastOffset() >= minOffset) {
                var records = batch.records();
                while (records.hasNext()) {
                    var r = records.next();
                    if (r.timestamp() >= timestamp && r.offset() >= minOffset) {
                        return r.offset();
                    }
                }
            }
            p += batch.sizeInBytes();
        }
        return -1;
    }

    // ---------------------------------------------------------------- writer

    /** True if a batch of {@code bytes} fits in the mapping and the indexes have room. */
    public boolean canFit(int bytes, int capacity) {
        SegmentMapping m = mapping;
        return (long) size + bytes <= capacity && !m.offsetIndex().isFull() && !m.timeIndex().isFull();
    }

    /**
     * Copies the batch {@code [srcPosition, srcPosition + length)} of {@code src} to the end of this
     * segment, stamping it with {@code batchBaseOffset} and {@code leaderEpoch}, and indexes it.
     * Publishes the new size last. Returns the position the batch was written at.
     */
    public int append(BytesStore<?, ?> src, long srcPosition, int length, long batchBaseOffset,
                      int leaderEpoch, long batchNextOffset, long batchMaxTimestamp) {
        SegmentMapping m = mapping;
        MappedBytes log = m.log();
        int position = size;
        // Disk blocks first: on a full disk this fails here, cleanly, before a byte is copied.
        logSpace.ensure(position, (long) position + length + RESERVE_AHEAD);
        m.offsetIndex().reserveEntry(m.offsetIndex().entries());
        m.timeIndex().reserveEntry(m.timeIndex().entries());
        log.write(position, src, srcPosition, length);
        RecordBatch.writeBaseOffset(log, position, batchBaseOffset);
        if (leaderEpoch != Integer.MIN_VALUE) {
            RecordBatch.writePartitionLeaderEpoch(log, position, leaderEpoch);
        }
        indexBatch(m, position, length, batchBaseOffset, batchNextOffset, batchMaxTimestamp);
        size = position + length;
        return position;
    }

    /**
     * Makes the next {@code room} bytes at the end of this segment writable for a batch encoded in place:
     * their disk blocks exist (a full disk fails here, cleanly, before the encoder writes a byte) and so
     * does room for one entry in each index. Returns the position the batch starts at; nothing is published
     * until {@link #commitInPlace}. The caller checked {@link #canFit} for {@code room}.
     */
    public int reserveInPlace(int room) {
        SegmentMapping m = mapping;
        int position = size;
        logSpace.ensure(position, (long) position + room + RESERVE_AHEAD);
        m.offsetIndex().reserveEntry(m.offsetIndex().entries());
        m.timeIndex().reserveEntry(m.timeIndex().entries());
        return position;
    }

    /** The active segment's memory, for the writer to encode a batch into after {@link #reserveInPlace}. */
    public BytesStore<?, ?> writableStore() {
        return mapping.store();
    }

    /**
     * Publishes a batch the writer encoded in place at {@code position} (the end it got from
     * {@link #reserveInPlace}), complete with its header and CRC: indexes it, then moves the size.
     */
    public void commitInPlace(int position, int length, long batchBaseOffset, long batchNextOffset,
                              long batchMaxTimestamp) {
        if (position != size) {
            throw new IllegalStateException("in-place batch at " + position + " but " + this + " ends at " + size);
        }
        indexBatch(mapping, position, length, batchBaseOffset, batchNextOffset, batchMaxTimestamp);
        size = position + length;
    }

    /** Updates indexes and running state for a batch already in the file (append and recovery). */
    void indexBatch(SegmentMapping m, int position, int length, long batchBaseOffset, long batchNextOffset,
                    long batchMaxTimestamp) {
        if (batchMaxTimestamp > maxTimestamp) {
            maxTimestamp = batchMaxTimestamp;
        }
        if (bytesSinceIndexEntry >= indexIntervalBytes) {
            int rel = relative(batchBaseOffset);
            m.offsetIndex().append(rel, position);
            m.timeIndex().maybeAppend(maxTimestamp, rel);
            bytesSinceIndexEntry = 0;
        }
        bytesSinceIndexEntry += length;
        nextOffset = batchNextOffset;
    }

    /**
     * Recovery's verdict: the batches in {@code [fromPosition, endPosition)} are valid, and
     * {@code fromPosition} is 0 or the position of an indexed batch. Index entries after that batch
     * are dropped and rebuilt from the batches themselves.
     */
    public void restore(int fromPosition, int endPosition) {
        SegmentMapping m = mapping;
        BytesStore<?, ?> store = m.store();
        RecordBatch batch = new RecordBatch();
        boolean resumeAtIndexedBatch = fromPosition > 0 && fromPosition < endPosition;
        if (resumeAtIndexedBatch) {
            m.offsetIndex().truncateToPosition(fromPosition + 1);
            m.timeIndex().truncateToRelativeOffset(relative(batch.wrap(store, fromPosition).baseOffset()) + 1);
        } else {
            // Rebuilding from the start: drop every entry, including garbage a backward scan would stop at.
            m.offsetIndex().discardFrom(0);
            m.timeIndex().discardFrom(0);
        }
        maxTimestamp = m.timeIndex().lastTimestamp();
        nextOffset = baseOffset;
        bytesSinceIndexEntry = 0;
        int p = fromPosition;
        while (p < endPosition) {
            batch.wrap(store, p);
            int len = batch.sizeInBytes();
            if (p == fromPosition && resumeAtIndexedBatch) {
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
                nextOffset = batch.nextOffset();
                bytesSinceIndexEntry = len;
            } else {
                indexBatch(m, p, len, batch.baseOffset(), batch.nextOffset(), batch.maxTimestamp());
            }
            p += len;
        }
        size = endPosition;
    }

    /** Zeroes up to {@code length} bytes from {@code position}, within the file, so scans stop there. */
    public void zero(int position, long length) {
        SegmentMapping m = mapping;
        long end = Math.min(fileCapacity(m), position + length);
        if (end > position) {
            m.log().zeroOut(position, end);
        }
    }

    /** Removes every batch from {@code position} on, zeroing the bytes so a crash cannot revive them. */
    public void truncateToPosition(int position) {
        SegmentMapping m = mapping;
        int old = size;
        if (old > position) {
            m.log().zeroOut(position, old);
        }
        restore(m.offsetIndex().lookupBelow(position), position);
    }

    /**
     * Seals the segment now, on the calling thread: {@link #beginSeal} then {@link #completeSeal}.
     * For recovery, which rebuilds a segment and must leave it sealed before the log opens.
     */
    public void seal() {
        beginSeal();
        completeSeal();
    }

    /** How far from the start the active log file's disk blocks exist; pages past it must not be faulted in. */
    public long reservedEnd() {
        DiskSpace space = logSpace;
        return space == null ? 0 : space.reserved();
    }

    /**
     * Faults in {@code [from, from + length)} of the active log file's writable mapping for writing without
     * changing a byte ({@link MappedFiles#populateForWrite}), so the writer finds those pages mapped. Safe while the
     * writer writes there. {@code smallPages} faults them in as 4 KiB pages instead of 2 MiB folios
     * ({@link MappedFiles#adviseSmallPages}). Returns false, having done nothing, once the segment is being sealed or
     * is gone, or where the kernel cannot do it; the seal's trim of the file waits for a running call.
     */
    public boolean populateAhead(long from, long length, boolean smallPages) {
        if (!files.tryLock()) {
            return false; // a seal or a rename is at work
        }
        try {
            if (sealed || deleted || isSealing()) {
                return false;
            }
            SegmentMapping m = mapping;
            if (m == null || !m.tryRetain()) {
                return false;
            }
            try {
                if (smallPages) {
                    MappedFiles.adviseSmallPages(m.log(), from, length);
                }
                return MappedFiles.populateForWrite(m.log(), from, length);
            } finally {
                m.release();
            }
        } finally {
            files.unlock();
        }
    }

    /**
     * The writer's half of sealing: a final time-index entry for the last batch, and the index
     * lengths to trim to. After this the writer appends elsewhere and hands the segment to
     * {@link #completeSeal}. Cheap: no I/O beyond one index entry in the mapping.
     */
    public void beginSeal() {
        SegmentMapping m = mapping;
        if (nextOffset > baseOffset) {
            m.timeIndex().maybeAppend(maxTimestamp, relative(nextOffset - 1));
        }
        sealedTimeIndexBytes = m.timeIndex().sizeInBytes();
        sealedIndexBytes = m.offsetIndex().sizeInBytes(); // last: isSealing() turns true with both set
    }

    /**
     * The slow half of sealing, on any thread after {@link #beginSeal}: trims the log and index
     * files to their contents and fsyncs them, then drops the writable mapping (readers holding it
     * finish safely; later reads map the trimmed file read-only). Idempotent, so a failed seal can
     * be run again. Does nothing for a segment deleted before its seal ran: nobody needs it durable.
     */
    public void completeSeal() {
        files.lock();
        try {
            if (sealed || deleted) {
                return;
            }
            if (sealedIndexBytes < 0) {
                throw new IllegalStateException("completeSeal before beginSeal on " + this);
            }
            MappedFiles.trimAndSync(SegmentFiles.log(dir, baseOffset), size);
            MappedFiles.trimAndSync(SegmentFiles.index(dir, baseOffset), sealedIndexBytes);
            MappedFiles.trimAndSync(SegmentFiles.timeIndex(dir, baseOffset), sealedTimeIndexBytes);
        } finally {
            files.unlock();
        }
        SegmentMapping m;
        synchronized (this) {
            m = mapping;
            sealed = true;
            mapping = null;
        }
        if (m != null) {
            m.release();
        }
    }

    /**
     * For a clean shutdown of the active segment: drops its mapping, then trims and fsyncs its files
     * so a restart can trust their lengths.
     */
    public void trimForShutdown() {
        SegmentMapping m = mapping;
        long indexBytes = m.offsetIndex().sizeInBytes();
        long timeIndexBytes = m.timeIndex().sizeInBytes();
        close();
        MappedFiles.trimAndSync(SegmentFiles.log(dir, baseOffset), size);
        MappedFiles.trimAndSync(SegmentFiles.index(dir, baseOffset), indexBytes);
        MappedFiles.trimAndSync(SegmentFiles.timeIndex(dir, baseOffset), timeIndexBytes);
    }

    /** fsync of the log and both indexes. */
    public void flush() {
        MappedFiles.force(SegmentFiles.log(dir, baseOffset));
        MappedFiles.force(SegmentFiles.index(dir, baseOffset));
        MappedFiles.force(SegmentFiles.timeIndex(dir, baseOffset));
    }

    /** Drops the segment's reference to its mapping; the files stay. */
    public synchronized void close() {
        SegmentMapping m = mapping;
        mapping = null;
        if (m != null) {
            m.release();
        }
    }

    /**
     * Closes the segment and marks it deleted, leaving its files: readers that hold its mapping keep
     * it until they release it, and {@link #acquire} returns null from now on. A seal not yet run
     * skips its fsync. The files go with {@link #renameForDeletion} and {@link #deleteRenamedFiles}.
     */
    public void markDeleted() {
        synchronized (this) {
            deleted = true;
        }
        close();
    }

    /**
     * Renames the segment's files with {@link SegmentFiles#DELETED}, so a new segment may take the
     * same name at once and recovery removes the files if the process dies before
     * {@link #deleteRenamedFiles} unlinks them (for a large file, the slow part). Call it after
     * {@link #markDeleted}. Returns false, renaming nothing, if {@code ifFree} and a seal is working
     * on the files right now; otherwise waits for such a seal.
     */
    public boolean renameForDeletion(boolean ifFree) {
        if (ifFree) {
            if (!files.tryLock()) {
                return false;
            }
        } else {
            files.lock();
        }
        try {
            for (Path p : List.of(SegmentFiles.log(dir, baseOffset), SegmentFiles.index(dir, baseOffset),
                    SegmentFiles.timeIndex(dir, baseOffset))) {
                if (Files.exists(p)) {
                    Files.move(p, SegmentFiles.deleted(p), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return true;
        } catch (IOException e) {
            throw LogIOException.of("cannot rename segment " + baseOffset + " in " + dir + " for deletion", e);
        } finally {
            files.unlock();
        }
    }

    /** Unlinks the files {@link #renameForDeletion} renamed. Safe from any thread. */
    public void deleteRenamedFiles() {
        deleteFiles(dir, baseOffset, SegmentFiles.DELETED);
    }

    private static void deleteFiles(Path dir, long baseOffset, String suffix) {
        try {
            Files.deleteIfExists(Path.of(SegmentFiles.log(dir, baseOffset) + suffix));
            Files.deleteIfExists(Path.of(SegmentFiles.index(dir, baseOffset) + suffix));
            Files.deleteIfExists(Path.of(SegmentFiles.timeIndex(dir, baseOffset) + suffix));
        } catch (IOException e) {
            throw LogIOException.of("cannot delete segment " + baseOffset + " in " + dir, e);
        }
    }

    int relative(long offset) {
        return Math.toIntExact(offset - baseOffset);
    }

    private SegmentMapping mapReadOnly() {
        MappedBytes log = MappedFiles.map(SegmentFiles.log(dir, baseOffset), size, true);
        try {
            OffsetIndex oi = new OffsetIndex(SegmentFiles.index(dir, baseOffset), 0, true, true);
            TimeIndex ti = new TimeIndex(SegmentFiles.timeIndex(dir, baseOffset), 0, true, true);
            return new SegmentMapping(log, oi, ti);
        } catch (RuntimeException e) {
            log.releaseLast();
            throw e;
        }
    }

    private static long fileCapacity(SegmentMapping m) {
        return m.log().mappedFile().capacity();
    }

    private static long fileLength(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw LogIOException.of("cannot read size of " + p, e);
        }
    }

    private static long fileModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw LogIOException.of("cannot stat " + p, e);
        }
    }

    private static long lastTimeIndexTimestamp(Path timeIndex) {
        try (RandomAccessFile f = new RandomAccessFile(timeIndex.toFile(), "r")) {
            long n = f.length() / TimeIndex.ENTRY_SIZE;
            if (n == 0) {
                return -1;
            }
            f.seek((n - 1) * TimeIndex.ENTRY_SIZE);
            return f.readLong(); // RandomAccessFile reads big-endian, as the index is written
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "Segment[" + dir.getFileName() + "/" + SegmentFiles.name(baseOffset, "") + ", size=" + size
                + (sealed ? ", sealed" : ", active") + "]";
    }
}
