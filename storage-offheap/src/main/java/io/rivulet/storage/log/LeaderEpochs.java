package io.rivulet.storage.log;

import io.rivulet.storage.batch.RecordBatch;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log's {@link LeaderEpochHistory} and its {@link LeaderEpochCheckpoint} file, kept in step.
 *
 * <p>What is persisted when: a new epoch is written to the file <em>before</em> its first batch goes
 * into the segment, so a crash between the two leaves an entry at the log end, which opening drops;
 * a truncation from the end is written at once, so a crash never resurrects an epoch for offsets
 * that later hold other records. A truncation from the start (retention, {@code deleteBefore}) is
 * kept in memory only: opening trims the history against the persisted log start anyway, and this
 * keeps an fsync out of every retention pass.
 *
 * <p>A corrupt file is not fatal: every batch carries the epoch that wrote it, so opening rebuilds the
 * history from the batches (reading every batch header once, which only this rare case pays), logs a
 * warning and rewrites the file. A missing file means an empty history.
 *
 * <p>Threading: changes are made by the log's writer; {@link #history()} may be read on any thread
 * (a volatile reference to an immutable value).
 */
final class LeaderEpochs {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochs.class);
    private static final int REBUILD_READ_BYTES = 1 << 20;

    private final Path dir;
    private volatile LeaderEpochHistory history;

    private LeaderEpochs(Path dir, LeaderEpochHistory history) {
        this.dir = dir;
        this.history = history;
    }

    /** Reads the history of {@code log}, which recovery has just opened, and trims it to the log's range. */
    static LeaderEpochs open(PartitionLog log) {
        Path dir = log.dir();
        LeaderEpochHistory read;
        boolean rewrite = false;
        try {
            read = LeaderEpochCheckpoint.read(dir);
        } catch (LeaderEpochCheckpoint.CorruptException e) {
            LOG.warn("log {}: {}; rebuilding the leader-epoch history from the batches", dir.getFileName(), e.getMessage());
            read = fromBatches(log);
            rewrite = true;
        }
        // Past the recovered end: epochs whose batches a crash or a torn tail took away.
        LeaderEpochHistory trimmed = read.truncateFromEnd(log.logEndOffset());
        if (rewrite || trimmed != read) {
            LeaderEpochCheckpoint.write(dir, trimmed);
        }
        return new LeaderEpochs(dir, trimmed.truncateFromStart(log.logStartOffset()));
    }

    private static LeaderEpochHistory fromBatches(PartitionLog log) {
        LeaderEpochHistory h = LeaderEpochHistory.empty();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, REBUILD_READ_BYTES)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordBatch b = batches.next();
                    if (b.partitionLeaderEpoch() >= 0) {
                        h = h.assign(b.partitionLeaderEpoch(), b.baseOffset());
                    }
                }
                next = slice.nextOffset();
            }
        }
        return h.truncateFromStart(log.logStartOffset());
    }

    LeaderEpochHistory history() {
        return history;
    }

    /** {@link LeaderEpochHistory#assign}, persisted before it is visible; a failed write changes nothing. */
    void assign(int epoch, long startOffset) {
        replaceDurably(history.assign(epoch, startOffset));
    }

    void truncateFromEnd(long offset) {
        replaceDurably(history.truncateFromEnd(offset));
    }

    /** In memory only: see the class doc. */
    void truncateFromStart(long offset) {
        history = history.truncateFromStart(offset);
    }

    /** Forgets every epoch: the log was emptied and restarts at some offset. */
    void clear() {
        replaceDurably(LeaderEpochHistory.empty());
    }

    private void replaceDurably(LeaderEpochHistory next) {
        if (next != history) {
            LeaderEpochCheckpoint.write(dir, next);
            history = next;
        }
    }
}
