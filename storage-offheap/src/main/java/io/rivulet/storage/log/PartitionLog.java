package io.rivulet.storage.log;

import io.rivulet.storage.InvalidOffsetException;
import io.rivulet.storage.LogClosedException;
import io.rivulet.storage.LogIOException;
import io.rivulet.storage.OffsetOutOfRangeException;
import io.rivulet.storage.batch.BatchValidator;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.segment.Segment;
import io.rivulet.storage.segment.SegmentFiles;
import io.rivulet.storage.segment.SegmentMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The append-only log of one partition: Kafka v2 record batches in a directory of memory-mapped
 * segments. A coordinator of small parts — {@link Segment}s with their indexes,
 * {@link LogRecovery} to open, {@link Retention} to decide deletions, {@link NextSegment} to
 * prepare rolls.
 *
 * <p><b>Threading.</b> Writes ({@code append*}, {@code truncateTo}, {@code deleteBefore},
 * {@code applyRetention}, {@code flush}, {@code close}) are serialized on this object; callers
 * should keep one writer per log anyway. Reads ({@code read}, {@code offsetForTimestamp}, the
 * offsets) are lock-free and may run on any thread. The writer copies a batch into the mapping
 * first and then publishes the new end through a volatile write; a reader reads the end once and
 * never looks past it, so it never sees a partly written batch.
 *
 * <p><b>Durability.</b> An appended batch is in the OS page cache as soon as {@code append}
 * returns, so a process crash ({@code kill -9}) loses nothing that was appended. Power loss loses
 * at most what was appended since the last fsync, which happens on segment roll, on close, and
 * as {@code flush.messages} / {@code flush.ms} ask.
 */
public final class PartitionLog implements AutoCloseable {
    /** The published end: offset, the segment it is in, and the byte position there. */
    private record LogEnd(long offset, Segment segment, int position) {
    }

    private final Path dir;
    private final String name;
    private final LogConfig config;
    private final Clock clock;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final MappedSegments mapped;
    private final NextSegment next;
    private volatile LogEnd end;
    private volatile long logStartOffset;
    private volatile boolean closed;
    private Segment active;
    private long unflushedMessages;
    private long lastFlushMs;
    private final LogRecovery.Recovered recovered;

    private PartitionLog(Path dir, LogConfig config, Clock clock, Executor background) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
        this.config = config;
        this.clock = clock;
        this.mapped = new MappedSegments(config.mappedSegmentsMax());
        this.recovered = LogRecovery.recover(dir, config, clock.millis());
        for (Segment s : recovered.segments()) {
            segments.put(s.baseOffset(), s);
        }
        this.active = segments.lastEntry().getValue();
        this.end = new LogEnd(active.nextOffset(), active, active.size());
        long first = segments.firstKey();
        this.logStartOffset = Math.min(Math.max(first, LogStartCheckpoint.read(dir, first)), end.offset());
        this.lastFlushMs = clock.millis();
        this.next = new NextSegment(dir, config.segmentBytes(), config.preallocate() ? background : null);
        next.prepare();
    }

    /** Opens (creating if needed) the log in {@code dir}, with no background preallocation. */
    public static PartitionLog open(Path dir, LogConfig config) {
        return new PartitionLog(dir, config, Clock.systemUTC(), null);
    }

    /**
     * Opens the log in {@code dir}. {@code background} runs the preparation of the next segment
     * (bounded work: one file at a time per log); null prepares nothing and rolls create files
     * in place.
     */
    public static PartitionLog open(Path dir, LogConfig config, Clock clock, Executor background) {
        return new PartitionLog(dir, config, clock, background);
    }

    public LogConfig config() {
        return config;
    }

    public Path dir() {
        return dir;
    }

    /** True when the last shutdown was clean, so opening skipped the recovery scan. */
    public boolean recoveredCleanly() {
        return recovered.clean();
    }

    /** Bytes recovery cut off a torn or corrupt tail when this log was opened. */
    public long recoveryTruncatedBytes() {
        return recovered.truncatedBytes();
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return end.offset();
    }

    // ------------------------------------------------------------------ writes

    /** Appends a batch as the leader, assigning offsets from the log end. */
    public AppendResult append(RecordBatch batch) {
        return append(batch, RecordBatch.NO_PARTITION_LEADER_EPOCH);
    }

    /**
     * Appends a batch as the leader: validates it fully, stamps it with the next offsets and
     * {@code leaderEpoch} (outside its CRC, which stays the producer's), and copies it into the
     * active segment. On any error nothing was appended.
     */
    public synchronized AppendResult append(RecordBatch batch, int leaderEpoch) {
        return doAppend(batch, availableBytes(batch), leaderEpoch, false);
    }

    /** As {@link #append(RecordBatch, int)} for a batch of exactly {@code length} bytes. */
    public synchronized AppendResult append(BytesStore<?, ?> store, long position, int length, int leaderEpoch) {
        return doAppend(new RecordBatch().wrap(store, position), length, leaderEpoch, false);
    }

    /**
     * Appends a batch that already has its offsets and epoch, as a follower copying its leader.
     * Its base offset must be the log end offset.
     */
    public synchronized AppendResult appendAsFollower(RecordBatch batch) {
        return doAppend(batch, availableBytes(batch), Integer.MIN_VALUE, true);
    }

    private AppendResult doAppend(RecordBatch batch, int available, int leaderEpoch, boolean keepOffsets) {
        ensureOpen();
        BatchValidator.validateForAppend(batch, available, config.maxMessageBytes());
        long base = end.offset();
        if (keepOffsets && batch.baseOffset() != base) {
            throw new InvalidOffsetException("batch starts at offset " + batch.baseOffset() + " but log " + name
                    + " ends at " + base + "; a follower must append from the log end");
        }
        int size = batch.sizeInBytes();
        long nextOffset = base + batch.lastOffsetDelta() + 1;
        long now = clock.millis();
        maybeRoll(size, nextOffset, now);
        int position;
        try {
            position = active.append(batch.store(), batch.position(), size, base, leaderEpoch, nextOffset,
                    batch.maxTimestamp());
        } catch (RuntimeException e) {
            throw translate(e, "append to " + name);
        }
        end = new LogEnd(nextOffset, active, position + size);
        unflushedMessages += batch.recordCount();
        if (unflushedMessages >= config.flushMessages() || now - lastFlushMs >= config.flushMs()) {
            flush();
        }
        return new AppendResult(base, nextOffset - 1, now, size);
    }

    private void maybeRoll(int size, long nextOffset, long now) {
        boolean empty = active.size() == 0;
        if (empty && active.canFit(size, config.segmentBytes())) {
            return;
        }
        if (!active.canFit(size, config.segmentBytes())
                || now - active.createdMs() >= config.segmentMs()
                || nextOffset - active.baseOffset() > Integer.MAX_VALUE) {
            roll(now);
        }
    }

    /** Seals the active segment and starts a new one at the log end. */
    public synchronized void roll() {
        ensureOpen();
        if (active.size() > 0) {
            roll(clock.millis());
        }
    }

    private void roll(long now) {
        long base = end.offset();
        Segment old = active;
        old.seal();
        Path target = SegmentFiles.log(dir, base);
        next.takeInto(target);
        Segment fresh = Segment.openActive(dir, base, config.segmentBytes(), config.segmentIndexBytes(),
                config.indexIntervalBytes(), now, 0, true);
        segments.put(base, fresh);
        active = fresh;
        end = new LogEnd(base, fresh, 0);
        unflushedMessages = 0;
        lastFlushMs = now;
        next.prepare();
    }

    /**
     * Removes every record at or after {@code offset}, for a follower whose log diverged from its
     * leader's. Cuts at a batch boundary: if {@code offset} falls inside a batch, that whole batch
     * goes and the new end is its base offset. Returns the new log end offset.
     */
    public synchronized long truncateTo(long offset) {
        ensureOpen();
        if (offset >= end.offset()) {
            return end.offset();
        }
        if (offset < 0) {
            throw new InvalidOffsetException("cannot truncate log " + name + " to negative offset " + offset);
        }
        if (offset <= logStartOffset) {
            return truncateFullyAndStartAt(offset);
        }
        Segment target = segments.floorEntry(offset).getValue();
        for (Segment s : new ArrayList<>(segments.tailMap(target.baseOffset(), false).values())) {
            segments.remove(s.baseOffset());
            mapped.forget(s);
            s.delete();
        }
        if (target != active) {
            mapped.forget(target);
            target.unmap();
            target = Segment.openActive(dir, target.baseOffset(), config.segmentBytes(),
                    config.segmentIndexBytes(), config.indexIntervalBytes(), clock.millis(), target.size(), true);
            segments.put(target.baseOffset(), target);
            active = target;
        }
        SegmentMapping m = active.acquire();
        try {
            active.truncateToPosition(active.findPosition(m, offset, active.size()));
        } finally {
            m.release();
        }
        end = new LogEnd(active.nextOffset(), active, active.size());
        if (end.offset() < logStartOffset) {
            // The cut fell in the batch that straddles the log start: nothing is left, so the
            // (empty) log starts where it now ends, keeping start <= end.
            logStartOffset = end.offset();
            LogStartCheckpoint.write(dir, logStartOffset);
        }
        return end.offset();
    }

    private long truncateFullyAndStartAt(long offset) {
        for (Segment s : new ArrayList<>(segments.values())) {
            segments.remove(s.baseOffset());
            mapped.forget(s);
            s.delete();
        }
        active = Segment.openActive(dir, offset, config.segmentBytes(), config.segmentIndexBytes(),
                config.indexIntervalBytes(), clock.millis(), 0, true);
        segments.put(offset, active);
        logStartOffset = offset;
        LogStartCheckpoint.write(dir, offset);
        end = new LogEnd(offset, active, 0);
        return offset;
    }

    /**
     * Moves the log start to {@code offset} and deletes the segments wholly below it. Readers asking
     * for older offsets then get {@link OffsetOutOfRangeException}.
     */
    public synchronized void deleteBefore(long offset) {
        ensureOpen();
        if (offset > end.offset()) {
            throw new InvalidOffsetException("cannot delete log " + name + " before " + offset
                    + ": the log ends at " + end.offset());
        }
        if (offset <= logStartOffset) {
            return;
        }
        if (offset == end.offset() && active.size() > 0) {
            roll(clock.millis());
        }
        logStartOffset = offset;
        LogStartCheckpoint.write(dir, offset);
        List<Segment> doomed = new ArrayList<>();
        for (Segment s : segments.headMap(active.baseOffset(), false).values()) {
            Long higher = segments.higherKey(s.baseOffset());
            if (higher != null && higher <= offset) {
                doomed.add(s);
            }
        }
        delete(doomed);
    }

    /**
     * Deletes old segments past {@code retention.ms} or beyond {@code retention.bytes}; never the
     * active one. Returns how many were deleted.
     */
    public synchronized int applyRetention() {
        ensureOpen();
        if (config.retentionMs() < 0 && config.retentionBytes() < 0) {
            return 0;
        }
        List<Segment> sealed = new ArrayList<>(segments.headMap(active.baseOffset(), false).values());
        List<Retention.SegmentStats> stats = new ArrayList<>(sealed.size());
        for (Segment s : sealed) {
            stats.add(new Retention.SegmentStats(s.baseOffset(), s.size(), s.maxTimestamp()));
        }
        int n = Retention.segmentsToDelete(stats, sizeInBytes(), clock.millis(), config.retentionMs(),
                config.retentionBytes());
        if (n > 0) {
            long newStart = n < sealed.size() ? sealed.get(n).baseOffset() : active.baseOffset();
            logStartOffset = Math.max(logStartOffset, newStart);
            LogStartCheckpoint.write(dir, logStartOffset);
            delete(sealed.subList(0, n));
        }
        return n;
    }

    private void delete(List<Segment> doomed) {
        for (Segment s : doomed) {
            segments.remove(s.baseOffset());
            mapped.forget(s);
            s.delete();
        }
    }

    /** fsync of the active segment (sealed ones were synced when sealed). */
    public synchronized void flush() {
        ensureOpen();
        try {
            active.flush();
        } catch (RuntimeException e) {
            throw translate(e, "flush " + name);
        }
        unflushedMessages = 0;
        lastFlushMs = clock.millis();
    }

    /** Flushes if {@code flush.ms} has passed since the last fsync; for the engine's periodic flusher. */
    public synchronized void flushIfDue() {
        if (!closed && unflushedMessages > 0 && clock.millis() - lastFlushMs >= config.flushMs()) {
            flush();
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * Reads whole batches from {@code offset}: at most {@code maxBytes} of them, but always at least
     * one batch if any exists, however large. An offset equal to the log end gives an empty slice.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start or above the end
     */
    public LogSlice read(long offset, int maxBytes) {
        return read(offset, maxBytes, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(long, int)}, but returning only batches that end below {@code maxOffset}
     * (exclusive): the high watermark, for readers that may see only committed records.
     */
    public LogSlice read(long offset, int maxBytes, long maxOffset) {
        ensureOpen();
        for (;;) {
            LogEnd e = end;
            long start = logStartOffset;
            if (offset < start || offset > e.offset()) {
                throw new OffsetOutOfRangeException(name, offset, start, e.offset());
            }
            if (offset == e.offset() || offset >= maxOffset) {
                return LogSlice.empty(offset);
            }
            Map.Entry<Long, Segment> entry = segments.floorEntry(offset);
            if (entry == null) {
                continue; // retention moved the start meanwhile: check the range again
            }
            LogSlice slice = readFrom(entry.getValue(), e, offset, maxBytes, maxOffset);
            if (slice != null) {
                return slice;
            }
        }
    }

    private LogSlice readFrom(Segment segment, LogEnd e, long offset, int maxBytes, long maxOffset) {
        Segment s = segment;
        while (s != null) {
            SegmentMapping m = s.acquire();
            if (m == null) {
                return null; // deleted under us: retry from the top
            }
            mapped.touched(s);
            int limit = s == e.segment() ? e.position() : s.size();
            int p = s.findPosition(m, offset, limit);
            RecordBatch batch = new RecordBatch();
            int taken = 0;
            int count = 0;
            long nextOffset = offset;
            int q = p;
            while (q < limit) {
                batch.wrap(m.store(), q);
                int size = batch.sizeInBytes();
                if (batch.lastOffset() >= maxOffset || (count > 0 && taken + size > maxBytes)) {
                    break;
                }
                taken += size;
                count++;
                nextOffset = batch.nextOffset();
                q += size;
            }
            if (count > 0 || s == e.segment()) {
                if (count == 0) {
                    m.release();
                    return LogSlice.empty(offset);
                }
                return new LogSlice(m, p, taken, count, nextOffset);
            }
            m.release();
            Map.Entry<Long, Segment> higher = segments.higherEntry(s.baseOffset());
            s = higher == null ? null : higher.getValue();
        }
        return LogSlice.empty(offset);
    }

    /**
     * The first offset whose record timestamp is at least {@code timestamp}, as Kafka's
     * ListOffsets answers it; empty when every record is older.
     */
    public OptionalLong offsetForTimestamp(long timestamp) {
        ensureOpen();
        LogEnd e = end;
        long start = logStartOffset;
        for (Segment s : segments.values()) {
            if (s.maxTimestamp() < timestamp || s.baseOffset() >= e.offset()) {
                continue;
            }
            SegmentMapping m = s.acquire();
            if (m == null) {
                continue;
            }
            mapped.touched(s); // counts against mapped.segments.max like a read
            try {
                int limit = s == e.segment() ? e.position() : s.size();
                long found = s.findOffsetForTimestamp(m, timestamp, start, limit);
                if (found >= 0) {
                    return OptionalLong.of(found);
                }
            } finally {
                m.release();
            }
        }
        return OptionalLong.empty();
    }

    /** Bytes of all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (Segment s : segments.values()) {
            total += s.size();
        }
        return total;
    }

    public int segmentCount() {
        return segments.size();
    }

    /** How many sealed segments are mapped right now (bounded by {@code mapped.segments.max}). */
    public int mappedSealedSegments() {
        int n = 0;
        for (Segment s : segments.values()) {
            if (s.isSealed() && s.isMapped()) {
                n++;
            }
        }
        return n;
    }

    /** Base offsets of the segments, oldest first. */
    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Flushes, trims the active segment, writes the clean-shutdown marker and unmaps every segment
     * (readers still holding slices keep theirs until they close them). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        next.close();
        try {
            active.trimForShutdown();
            Files.writeString(dir.resolve(LogRecovery.CLEAN_SHUTDOWN), "");
        } catch (IOException e) {
            throw LogIOException.of("cannot close log " + name, e);
        } finally {
            // Even when the final fsync fails (then without the marker), unmap everything.
            for (Segment s : segments.values()) {
                s.close();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException(name);
        }
    }

    private static int availableBytes(RecordBatch batch) {
        long remaining = batch.store().capacity() - batch.position();
        return (int) Math.min(Math.min(remaining, Integer.MAX_VALUE),
                Math.max(RecordBatch.HEADER_SIZE, batch.sizeInBytesOrZero(remaining)));
    }

    private static RuntimeException translate(RuntimeException e, String what) {
        Throwable c = e;
        while (c != null) {
            if (c instanceof IOException io) {
                return LogIOException.of("cannot " + what, io);
            }
            c = c.getCause();
        }
        return e;
    }

    @Override
    public String toString() {
        return "PartitionLog[" + name + ", start=" + logStartOffset + ", end=" + end.offset() + ", segments="
                + segments.size() + "]";
    }
}
