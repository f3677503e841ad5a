package io.rivulet.storage.log;

import io.rivulet.storage.InvalidOffsetException;
import io.rivulet.storage.LogClosedException;
import io.rivulet.storage.LogIOException;
import io.rivulet.storage.LogOfflineException;
import io.rivulet.storage.OffsetOutOfRangeException;
import io.rivulet.storage.batch.BatchValidator;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.segment.MappedFiles;
import io.rivulet.storage.segment.Segment;
import io.rivulet.storage.segment.SegmentFiles;
import io.rivulet.storage.segment.SegmentMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only log of one partition: Kafka v2 record batches in a directory of memory-mapped
 * segments. A coordinator of small parts — {@link Segment}s with their indexes,
 * {@link LogRecovery} to open, {@link Retention} to decide deletions, {@link NextSegment} to
 * prepare rolls, {@link TouchAhead} to fault in a segment that was not prepared a little ahead of its
 * writer, {@link RolledSegments} to seal and delete off the writer, {@link BatchReader} to read,
 * {@link LeaderEpochs} to remember which leader epoch wrote which offsets.
 *
 * <p><b>Threading.</b> Writes ({@code append*}, {@code roll}, {@code truncateTo},
 * {@code deleteBefore}, {@code applyRetention}, {@code flush}, {@code close}) are serialized on this
 * object; callers should keep one writer per log anyway. Reads ({@code read},
 * {@code offsetForTimestamp}, the offsets, the leader epochs) are lock-free and may run on any thread. The writer
 * copies a batch into the mapping, publishes the segment's new size and then the new end offset,
 * both through volatile writes; a reader reads the end once and never returns a batch at or past
 * it, so it never sees a partly written batch.
 *
 * <p><b>Background work.</b> The executor given to {@link #open(Path, LogConfig, Clock, Executor)}
 * prepares the next segment file, completes the seal of a rolled segment (fsync and trim) and
 * unlinks deleted segments, so an append never waits on an fsync or an unlink. At most
 * {@value RolledSegments#MAX_PENDING_SEALS} rolled segments wait for their seal at a time; a roll
 * beyond that waits for them (the disk has fallen behind the producer by more than a segment). Without an executor that work runs on the writer.
 *
 * <p><b>Durability.</b> An appended batch is in the OS page cache as soon as {@code append}
 * returns, so a process crash ({@code kill -9}) loses nothing that was appended. Power loss loses
 * at most what was appended since the last fsync, which happens when a rolled segment is sealed,
 * on close, and as {@code flush.messages} / {@code flush.ms} ask. A segment whose seal had not
 * finished is re-validated by recovery, like the active one.
 *
 * <p><b>Failures after the bytes are in.</b> If the fsync that {@code flush.messages} or
 * {@code flush.ms} triggers inside an append fails, or a background seal fails, the append that
 * already wrote its batch still returns normally (a caller that saw an error would retry and
 * duplicate the batch). The log goes offline instead, as a Kafka log directory does: every later
 * write throws {@link LogOfflineException} with the original error, reads keep working,
 * {@link #isOffline()} reports it, and {@code close()} writes no clean-shutdown marker, so the
 * next open re-validates the log. An explicit {@link #flush()} that fails throws its error itself
 * (it wrote nothing) and takes the log offline too.
 */
public final class PartitionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final Path dir;
    private final String name;
    private final LogConfig config;
    private final Clock clock;
    private final SegmentList segments = new SegmentList();
    private final MappedSegments mapped;
    private final NextSegment next;
    private final RolledSegments rolled;
    private final LogRecovery.Recovered recovered;
    private final LeaderEpochs epochs;
    private final AtomicReference<LogIOException> failure = new AtomicReference<>();
    private volatile long endOffset;
    private volatile long logStartOffset;
    private volatile boolean closed;
    // writer-confined
    private final BatchValidator validator = new BatchValidator();
    private final RecordBatch wrapped = new RecordBatch();
    private final InPlaceAppender inPlace = new InPlaceAppender();
    private boolean encoding; // inside an in-place encoder: the log's writes would corrupt the batch
    private Segment active;
    private long unflushedMessages;
    private long lastFlushMs;
    private long lastAppendTimeMs = -1;
    private boolean directoryChanged;
    private final TouchAhead ahead;
    private final WriterPace pace;

    private PartitionLog(Path dir, LogConfig config, Clock clock, Executor executor) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
        this.config = config;
        this.clock = clock;
        this.mapped = new MappedSegments(config.mappedSegmentsMax());
        this.recovered = LogRecovery.recover(dir, config, clock.millis());
        for (Segment s : recovered.segments()) {
            segments.addLast(s);
        }
        this.active = segments.last();
        this.endOffset = active.nextOffset();
        long first = segments.first().baseOffset();
        long start = OffsetCheckpoint.read(dir, OffsetCheckpoint.LOG_START, first);
        this.logStartOffset = Math.min(Math.max(first, start), endOffset);
        this.lastFlushMs = clock.millis();
        try {
            this.epochs = LeaderEpochs.open(this); // reads batches only if the checkpoint is corrupt
        } catch (RuntimeException e) {
            for (Segment s : segments.snapshot()) {
                s.close();
            }
            throw e;
        }
        // Recovery sealed every segment below the active one and recorded that as the recovery point.
        this.rolled = new RolledSegments(dir, executor, active.baseOffset(), this::logStartOffset, this::goOffline);
        this.pace = new WriterPace(clock::millis, active.size());
        this.next = new NextSegment(dir, config.segmentBytes(), config.preallocate() ? executor : null,
                rolled::runQueuedIfFree, pace::slow);
        this.ahead = new TouchAhead(config.preallocate() ? executor : null, pace::slow);
        // Cold: a new log's first segment, and a reopened one too: this process maps it afresh, and the pages
        // past its end were never touched (its writer faulted in only what it wrote), or are gone with a reboot.
        followIfCold(active, true);
        prepareNextIfDue();
    }

    /**
     * Has the next segment prepared in step with the active one's second half ({@link NextSegment#touchTarget}),
     * gently while the touching is on schedule ({@link NextSegment#due}), at full speed when it is behind.
     * Not earlier: a topic with many partitions would otherwise write a whole segment of zeros per partition the
     * moment it is created. A cold active segment, which was not prepared, is faulted in a little ahead of its
     * writer instead ({@link TouchAhead}).
     */
    private void prepareNextIfDue() {
        long size = active.size();
        pace.at(size);
        ahead.writerAt(size); // nothing unless a cold segment is followed
        if (size >= config.segmentBytes() / 2) {
            next.prepare(NextSegment.touchTarget(size, config.segmentBytes()),
                    next.touched() >= NextSegment.due(size, config.segmentBytes()));
        }
    }

    /**
     * Has the new active segment faulted in ahead of its writer if it is {@code cold} (not prepared). Only for
     * segments of at least four leads: in a smaller one the lead would be most of it.
     */
    private void followIfCold(Segment newActive, boolean cold) {
        ahead.follow(cold && config.segmentBytes() >= 4 * Segment.RESERVE_AHEAD ? newActive : null);
    }

    /** How far the next segment file is touched, in bytes (for tests). */
    long nextSegmentTouched() {
        return next.touched();
    }

    /** Whether the next segment is touched gently now (for tests). */
    boolean nextSegmentGentle() {
        return next.isGentle();
    }

    /** How far the cold active segment is faulted in ahead of its writer, in bytes; 0 if it is not cold (for tests). */
    long touchedAhead() {
        return ahead.touched();
    }

    /** Opens (creating if needed) the log in {@code dir}; background work runs on the writer. */
    public static PartitionLog open(Path dir, LogConfig config) {
        return new PartitionLog(dir, config, Clock.systemUTC(), null);
    }

    /**
     * Opens the log in {@code dir}. {@code background} runs the log's slow file work: preparing
     * the next segment (if {@code preallocate}), sealing rolled segments, unlinking deleted ones —
     * one job at a time per log, so a bounded pool can serve many logs. Null runs that work on the
     * writer and prepares nothing. The log does not shut the executor down; if its owner does, the
     * log still closes without hanging and runs what is left on the closing thread.
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

    /** Rolled segments whose seal had not finished when the log was last stopped, sealed by this open. */
    int recoveryResealedSegments() {
        return recovered.resealed();
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return endOffset;
    }

    /** True once a failed fsync (or other write to the log's files) took the log offline; see the class doc. */
    public boolean isOffline() {
        return failure.get() != null;
    }

    /** The error that took the log offline, or null while it is online. */
    public LogIOException offlineCause() {
        return failure.get();
    }

    /** The latest leader epoch that wrote to this log, or -1 if none did. Lock-free. */
    public int latestEpoch() {
        return epochs.history().latestEpoch();
    }

    /**
     * Where {@code epoch} ends in this log, as a leader answers a follower's OffsetsForLeaderEpoch
     * request: the largest epoch at most {@code epoch} that wrote here, and the start offset of the
     * next higher epoch (or the log end if it is the latest); {@link EpochEnd#UNDEFINED} when
     * {@code epoch} is below every epoch here. Lock-free; the end is never past the log end read first.
     */
    public EpochEnd endOffsetForEpoch(int epoch) {
        // The end first, then the history: an append publishes its new epoch before its end offset,
        // so a history read after the end knows every epoch below that end.
        long end = endOffset;
        EpochEnd answer = epochs.history().endOffsetFor(epoch, end);
        return answer.endOffset() > end ? new EpochEnd(answer.epoch(), end) : answer; // a truncation in flight
    }

    // ------------------------------------------------------------------ writes

    /** Appends a batch as the leader, assigning offsets from the log end. */
    public AppendResult append(RecordBatch batch) {
        return append(batch, RecordBatch.NO_PARTITION_LEADER_EPOCH);
    }

    /**
     * Appends a batch as the leader: validates it, stamps it with the next offsets and
     * {@code leaderEpoch} (outside its CRC, which stays the producer's), and copies it into the
     * active segment. On any error nothing was appended. A {@code leaderEpoch} newer than
     * {@link #latestEpoch()} starts at this batch's base offset in the leader-epoch history, which is
     * checkpointed first; {@link RecordBatch#NO_PARTITION_LEADER_EPOCH} (-1) records no epoch.
     *
     * <p>Validation is full (length, magic, CRC, then every record) for bytes from elsewhere; a
     * batch a {@link io.rivulet.storage.batch.RecordBatchBuilder} of this process just built gets
     * its frame (length, magic, CRC) checked and its records trusted, see
     * {@link BatchValidator#validate}.
     */
    public synchronized AppendResult append(RecordBatch batch, int leaderEpoch) {
        long first = doAppend(batch, availableBytes(batch), leaderEpoch, false);
        return new AppendResult(first, endOffset - 1, lastAppendTimeMs, batch.sizeInBytes());
    }

    /** As {@link #append(RecordBatch, int)} for a batch of exactly {@code length} bytes. */
    public synchronized AppendResult append(BytesStore<?, ?> store, long position, int length, int leaderEpoch) {
        RecordBatch batch = wrapped.wrap(store, position);
        long first = doAppend(batch, length, leaderEpoch, false);
        return new AppendResult(first, endOffset - 1, lastAppendTimeMs, length);
    }

    /**
     * As {@link #append(RecordBatch)}, without allocating a result: returns the first offset
     * assigned. The last one is that plus {@code batch.lastOffsetDelta()}; the append time is
     * {@link #lastAppendTimeMs()}. For produce paths that append batch after batch.
     */
    public long appendFast(RecordBatch batch) {
        return appendFast(batch, RecordBatch.NO_PARTITION_LEADER_EPOCH);
    }

    /** As {@link #append(RecordBatch, int)}, returning only the first offset assigned. */
    public synchronized long appendFast(RecordBatch batch, int leaderEpoch) {
        return doAppend(batch, availableBytes(batch), leaderEpoch, false);
    }

    /** The log's clock at the last append (its "log append time"); -1 before the first. */
    public synchronized long lastAppendTimeMs() {
        return lastAppendTimeMs;
    }

    /**
     * Appends a batch that already has its offsets and epoch, as a follower copying its leader.
     * Its base offset must be the log end offset. Its partition leader epoch, if newer than
     * {@link #latestEpoch()}, starts there in the leader-epoch history.
     */
    public synchronized AppendResult appendAsFollower(RecordBatch batch) {
        long first = doAppend(batch, availableBytes(batch), Integer.MIN_VALUE, true);
        return new AppendResult(first, endOffset - 1, lastAppendTimeMs, batch.sizeInBytes());
    }

    private long doAppend(RecordBatch batch, int available, int leaderEpoch, boolean keepOffsets) {
        ensureWritable();
        validator.validate(batch, available, config.maxMessageBytes());
        long base = endOffset;
        if (keepOffsets && batch.baseOffset() != base) {
            throw new InvalidOffsetException("batch starts at offset " + batch.baseOffset() + " but log " + name
                    + " ends at " + base + "; a follower must append from the log end");
        }
        int epoch = keepOffsets ? batch.partitionLeaderEpoch() : leaderEpoch;
        if (epoch > epochs.history().latestEpoch()) { // once per leader change: the only cost otherwise is this compare
            epochs.assign(epoch, base); // before the batch: a crash in between leaves an entry that opening drops
        }
        int size = batch.sizeInBytes();
        long nextOffset = base + batch.lastOffsetDelta() + 1;
        long now = clock.millis();
        maybeRoll(size, nextOffset, now);
        try {
            active.append(batch.store(), batch.position(), size, base, leaderEpoch, nextOffset, batch.maxTimestamp());
        } catch (RuntimeException e) {
            throw translate(e, "append to " + name);
        }
        published(nextOffset, now, batch.recordCount());
        return base;
    }

    /**
     * Appends one batch as the leader, encoded by {@code encoder} directly at the end of the active segment:
     * no builder buffer, no copy, one CRC computed in place, and no validation (the log wrote the batch
     * itself). Returns the batch's base offset; its last offset is {@link #logEndOffset()} {@code - 1}.
     * Returns -1 and appends nothing if the encoder appended no record.
     *
     * <p>{@code maxBytes} is the room the batch may take, header included, capped at
     * {@code max.message.bytes}; the log rolls first when that room is not left in the active segment (so
     * a segment may end up to {@code maxBytes} short of {@code segment.bytes}). Its disk blocks are
     * reserved before the encoder runs, so a full disk fails with {@code StorageFullException} and
     * nothing written. Readers see the batch only once it is complete: the end moves after the header
     * and CRC are in place. If the encoder throws, nothing is published, the bytes it wrote are zeroed,
     * the space is reused by the next append, and its exception propagates. {@code leaderEpoch} works as
     * in {@link #append(RecordBatch, int)}.
     *
     * @see BatchEncoder
     */
    public synchronized long appendInPlace(int maxBytes, int leaderEpoch, BatchEncoder encoder) {
        ensureWritable();
        if (maxBytes <= RecordBatch.HEADER_SIZE) {
            throw new IllegalArgumentException("an in-place batch needs more than its " + RecordBatch.HEADER_SIZE
                    + "-byte header, got maxBytes=" + maxBytes);
        }
        int room = Math.min(maxBytes, config.maxMessageBytes());
        long base = endOffset;
        long now = clock.millis();
        maybeRoll(room, base + room, now); // every record takes at least a byte: room bounds the offsets used
        int position;
        try {
            position = active.reserveInPlace(room); // a full disk fails here, before the encoder runs
        } catch (RuntimeException e) {
            throw translate(e, "append to " + name);
        }
        boolean newEpoch = leaderEpoch > epochs.history().latestEpoch();
        if (newEpoch) {
            epochs.assign(leaderEpoch, base);
        }
        int count = 0;
        encoding = true;
        try {
            count = inPlace.append(active, position, room, base, leaderEpoch, encoder); // the encoder's errors as they are
        } finally {
            encoding = false;
            if (count == 0 && newEpoch) {
                epochs.truncateFromEnd(base); // no batch carries it: forget the epoch again
            }
        }
        if (count == 0) {
            return -1;
        }
        published(base + count, now, count);
        return base;
    }

    /** As {@link #appendInPlace(int, int, BatchEncoder)} without a leader epoch. */
    public long appendInPlace(int maxBytes, BatchEncoder encoder) {
        return appendInPlace(maxBytes, RecordBatch.NO_PARTITION_LEADER_EPOCH, encoder);
    }

    /** After the segment published a batch: the end offset, then the flush policy. */
    private void published(long nextOffset, long now, int records) {
        endOffset = nextOffset; // after the segment published its size: see BatchReader
        lastAppendTimeMs = now;
        prepareNextIfDue();
        unflushedMessages += records;
        if (unflushedMessages >= config.flushMessages() || now - lastFlushMs >= config.flushMs()) {
            try {
                flushActive();
            } catch (LogIOException e) {
                goOffline(e); // the batch is in: report on the next write, never by failing this append
            }
        }
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

    /** Seals the active segment (in the background) and starts a new one at the log end. */
    public synchronized void roll() {
        ensureWritable();
        if (active.size() > 0) {
            roll(clock.millis());
        }
    }

    private void roll(long now) {
        long base = endOffset;
        Segment old = active;
        MappedBytes warm = next.takeInto(SegmentFiles.log(dir, base));
        Segment fresh = openSegment(base, now, 0, warm);
        followIfCold(fresh, warm == null);
        old.beginSeal();
        segments.addLast(fresh);
        active = fresh;
        directoryChanged = true;
        unflushedMessages = 0; // the seal fsyncs them
        lastFlushMs = now;
        rolled.seal(old, base);
        ensureWritable(); // a seal that failed (run here without an executor, or waited for): append nothing more
    }

    /**
     * Removes every record at or after {@code offset}, for a follower whose log diverged from its
     * leader's. Cuts at a batch boundary: if {@code offset} falls inside a batch, that whole batch
     * goes and the new end is its base offset. Leader epochs that started at or after the new end
     * are forgotten. Returns the new log end offset.
     */
    public synchronized long truncateTo(long offset) {
        ensureWritable();
        if (offset >= endOffset) {
            return endOffset;
        }
        if (offset < 0) {
            throw new InvalidOffsetException("cannot truncate log " + name + " to negative offset " + offset);
        }
        rolled.awaitIdle(); // no seal or delete may run while segments are cut and reopened
        ensureWritable();
        if (offset <= logStartOffset) {
            return startOver(offset);
        }
        Segment[] all = segments.snapshot();
        Segment target = all[SegmentList.floorIndex(all, offset)];
        rolled.delete(segments.removeAbove(target.baseOffset()), mapped);
        if (target != active) {
            rolled.lowerRecoveryPoint(target.baseOffset()); // it becomes writable, so no longer sealed
            mapped.forget(target);
            target.unmap();
            target = openSegment(target.baseOffset(), clock.millis(), target.size());
            segments.replace(target);
            active = target;
            followIfCold(target, true); // reopened: this process never faulted in its pages past the end
        }
        SegmentMapping m = active.acquire();
        try {
            active.truncateToPosition(active.findPosition(m, offset, active.size()));
        } finally {
            m.release();
        }
        endOffset = active.nextOffset();
        if (endOffset < logStartOffset) {
            // The cut fell in the batch that straddles the log start: nothing is left, so the
            // (empty) log starts where it now ends, keeping start <= end.
            logStartOffset = endOffset;
            rolled.recordLogStartNow();
        }
        epochs.truncateFromEnd(endOffset);
        epochs.truncateFromStart(logStartOffset);
        return endOffset;
    }

    /**
     * Empties the log and starts it again at {@code offset}, which may lie past its end: for a follower whose
     * next offset is below its leader's log start (the leader's retention deleted what the follower had not
     * copied yet), so it can only go on from there. Leader epochs are forgotten with the records.
     */
    public synchronized void truncateFullyAndStartAt(long offset) {
        ensureWritable();
        if (offset < 0) {
            throw new InvalidOffsetException("cannot start log " + name + " at negative offset " + offset);
        }
        rolled.awaitIdle(); // no seal or delete may run while the segments go
        ensureWritable();
        startOver(offset);
    }

    private long startOver(long offset) {
        rolled.delete(segments.clear(), mapped);
        rolled.lowerRecoveryPoint(offset);
        active = openSegment(offset, clock.millis(), 0);
        followIfCold(active, true);
        segments.addLast(active);
        directoryChanged = true;
        logStartOffset = offset;
        rolled.recordLogStartNow();
        endOffset = offset;
        epochs.clear(); // nothing is left for an epoch to describe; the new leader's batches bring theirs
        return offset;
    }

    /**
     * Moves the log start to {@code offset} and deletes the segments wholly below it. Readers asking
     * for older offsets then get {@link OffsetOutOfRangeException}.
     */
    public synchronized void deleteBefore(long offset) {
        ensureWritable();
        if (offset > endOffset) {
            throw new InvalidOffsetException("cannot delete log " + name + " before " + offset
                    + ": the log ends at " + endOffset);
        }
        if (offset <= logStartOffset) {
            return;
        }
        if (offset == endOffset && active.size() > 0) {
            roll(clock.millis());
        }
        logStartOffset = offset;
        rolled.recordLogStartNow(); // an offset inside a segment: only the checkpoint remembers it
        epochs.truncateFromStart(offset);
        Segment[] all = segments.snapshot();
        int n = 0;
        while (n < all.length - 1 && all[n + 1].baseOffset() <= offset) {
            n++;
        }
        deleteOldest(n);
    }

    /**
     * Deletes old segments past {@code retention.ms} or beyond {@code retention.bytes}; never the
     * active one. Returns how many were deleted. The files are unlinked in the background.
     */
    public synchronized int applyRetention() {
        ensureWritable();
        if (config.retentionMs() < 0 && config.retentionBytes() < 0) {
            return 0;
        }
        Segment[] all = segments.snapshot();
        List<Retention.SegmentStats> stats = new ArrayList<>(all.length - 1);
        for (int i = 0; i < all.length - 1; i++) {
            stats.add(new Retention.SegmentStats(all[i].baseOffset(), all[i].size(), all[i].maxTimestamp()));
        }
        int n = Retention.segmentsToDelete(stats, sizeInBytes(), clock.millis(), config.retentionMs(),
                config.retentionBytes());
        if (n > 0) {
            logStartOffset = Math.max(logStartOffset, all[n].baseOffset());
            rolled.recordLogStartLater(); // a segment base: recovery finds it again even if this is lost
            epochs.truncateFromStart(logStartOffset);
            deleteOldest(n);
        }
        return n;
    }

    private void deleteOldest(int n) {
        if (n > 0) {
            Segment[] all = segments.snapshot();
            segments.removeFirst(n);
            rolled.delete(List.of(all).subList(0, n), mapped);
        }
    }

    /** fsync of the active segment (rolled ones are synced when their seal completes). */
    public synchronized void flush() {
        ensureWritable();
        try {
            flushActive();
        } catch (LogIOException e) {
            goOffline(e);
            throw e;
        }
    }

    /** Flushes if {@code flush.ms} has passed since the last fsync; for the engine's periodic flusher. */
    public synchronized void flushIfDue() {
        if (!closed && unflushedMessages > 0 && clock.millis() - lastFlushMs >= config.flushMs()) {
            flush();
        }
    }

    private void flushActive() {
        try {
            active.flush();
            if (directoryChanged) {
                MappedFiles.syncDirectory(dir); // an fsynced segment is no use if its name is lost
                directoryChanged = false;
            }
        } catch (RuntimeException e) {
            throw asLogIO(e, "flush " + name);
        }
        unflushedMessages = 0;
        lastFlushMs = clock.millis();
    }

    private void goOffline(LogIOException e) {
        if (failure.compareAndSet(null, e)) {
            LOG.error("log {} is offline: {}", name, e.getMessage(), e);
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
            long end = endOffset;
            long start = logStartOffset;
            if (offset < start || offset > end) {
                throw new OffsetOutOfRangeException(name, offset, start, end);
            }
            if (offset == end || offset >= maxOffset) {
                return LogSlice.empty(offset);
            }
            Segment[] all = segments.snapshot();
            int i = SegmentList.floorIndex(all, offset);
            if (i < 0) {
                continue; // retention or truncation moved the start meanwhile: check the range again
            }
            LogSlice slice = BatchReader.read(all, i, offset, maxBytes, Math.min(maxOffset, end), mapped);
            if (slice != null) {
                return slice;
            }
        }
    }

    /**
     * The first offset whose record timestamp is at least {@code timestamp}, as Kafka's
     * ListOffsets answers it; empty when every record is older.
     */
    public OptionalLong offsetForTimestamp(long timestamp) {
        ensureOpen();
        long end = endOffset;
        long found = BatchReader.offsetForTimestamp(segments.snapshot(), timestamp, logStartOffset, end, mapped);
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** Bytes of all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (Segment s : segments.snapshot()) {
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
        for (Segment s : segments.snapshot()) {
            if (s.isSealed() && s.isMapped()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Base offset of the active segment: it changes exactly when the log rolls, so a caller that
     * keeps state derived from the log (the engine's producer-state snapshot) can tell a roll
     * happened without being called back from inside the append.
     */
    public synchronized long activeSegmentBaseOffset() {
        return active.baseOffset();
    }

    /** Base offsets of the segments, oldest first. */
    public List<Long> segmentBaseOffsets() {
        return segments.baseOffsets();
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Finishes the background work (cancelling a preparation not yet started), flushes and trims
     * the active segment, writes the clean-shutdown marker and unmaps every segment (readers still
     * holding slices keep theirs until they close them). Idempotent; never hangs on an executor
     * that was shut down.
     *
     * <p>Throws {@link LogIOException} if it meets a new failure (then it writes no marker but still
     * unmaps everything). A log that was already offline closes quietly, without the marker.
     */
    @Override
    public synchronized void close() {
        notEncoding();
        if (closed) {
            return;
        }
        closed = true;
        LogIOException before = failure.get();
        try {
            next.close();
            ahead.follow(null);
            rolled.awaitIdle();
            if (failure.get() == null) {
                active.trimForShutdown();
                Files.writeString(dir.resolve(LogRecovery.CLEAN_SHUTDOWN), "");
            }
        } catch (IOException e) {
            goOffline(LogIOException.of("cannot close log " + name, e));
        } catch (RuntimeException e) {
            goOffline(asLogIO(e, "close log " + name));
        } finally {
            // Even when the final fsync fails (then without the marker), unmap everything.
            for (Segment s : segments.snapshot()) {
                s.close();
            }
        }
        LogIOException after = failure.get();
        if (after != null && after != before) {
            throw after;
        }
    }

    /** The leader-epoch history as it is now; for tests. */
    LeaderEpochHistory epochHistory() {
        return epochs.history();
    }

    /** Waits for the background seals and deletes submitted so far; for tests. */
    void awaitBackgroundWork() {
        rolled.awaitIdle();
    }

    private Segment openSegment(long base, long now, int knownSize) {
        return openSegment(base, now, knownSize, null);
    }

    private Segment openSegment(long base, long now, int knownSize, MappedBytes warmLog) {
        try {
            return Segment.openActive(dir, base, config.segmentBytes(), config.segmentIndexBytes(),
                    config.indexIntervalBytes(), now, knownSize, true, warmLog);
        } catch (RuntimeException e) {
            throw translate(e, "create segment " + base + " of " + name);
        }
    }

    private void notEncoding() {
        if (encoding) {
            throw new IllegalStateException("log " + name + " was written to from inside an in-place encoder;"
                    + " an encoder may only append records to the batch it was given");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException(name);
        }
    }

    private void ensureWritable() {
        ensureOpen();
        notEncoding();
        LogIOException f = failure.get();
        if (f != null) {
            throw new LogOfflineException(name, f);
        }
    }

    private static int availableBytes(RecordBatch batch) {
        long remaining = batch.store().capacity() - batch.position();
        return (int) Math.min(Math.min(remaining, Integer.MAX_VALUE),
                Math.max(RecordBatch.HEADER_SIZE, batch.sizeInBytesOrZero(remaining)));
    }

    /** {@code e} as a {@link LogIOException}: itself, or wrapping the I/O error underneath, or wrapping it. */
    static LogIOException asLogIO(RuntimeException e, String what) {
        if (e instanceof LogIOException io) {
            return io;
        }
        IOException io = ioCauseOf(e);
        return LogIOException.of("cannot " + what, io != null ? io : new IOException(e));
    }

    /** An I/O failure underneath {@code e} as a {@link LogIOException}; anything else as it is. */
    private static RuntimeException translate(RuntimeException e, String what) {
        IOException io = ioCauseOf(e);
        return io == null || e instanceof LogIOException ? e : LogIOException.of("cannot " + what, io);
    }

    private static IOException ioCauseOf(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "PartitionLog[" + name + ", start=" + logStartOffset + ", end=" + endOffset + ", segments="
                + segments.size() + (isOffline() ? ", offline" : "") + "]";
    }
}
