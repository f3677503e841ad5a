package io.rivulet.engine.partition;

import io.rivulet.engine.replication.ProducerStateTable;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * A partition's {@link ProducerStateTable}, loaded when first needed and loaded again after the log is cut
 * back, and kept in a snapshot file ({@link ProducerStateSnapshotFile}) so that loading after a restart
 * reads only the end of the log.
 *
 * <p>Loading starts from the snapshot, if there is a usable one, and reads the batch headers (records are
 * not decoded) from the snapshot's offset to the log end; without one, from the log start. It happens
 * lazily — on the first batch with a producer id that the partition appends or copies — so a node whose
 * partitions see no idempotent producer never pays for it, and a restart does not read every log at once.
 *
 * <p>The snapshot is written, with the log end it covers, when the log has rolled a segment since the last
 * one (noticed on the next idempotent append: a write of a few KiB, not fsynced, on that append's thread)
 * and when the partition closes (fsynced). It is read when the partition opens: one beyond the log end
 * (the log lost its tail to recovery) or unreadable is deleted with a warning, and loading falls back to
 * reading the whole log. Truncation deletes it before cutting the log, since it may cover cut batches.
 * A failure to write or delete one is logged and otherwise ignored: the snapshot only saves reading.
 *
 * <p>Threading: callers hold this object's monitor across a check, the append it allows and the update, so
 * that idempotent appends to one partition are checked in the order the log takes them; every method here
 * expects it held.
 */
final class ProducerStates {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerStates.class);
    private static final int SCAN_BYTES = 1 << 20;

    private final PartitionLog log;
    private ProducerStateTable table;
    private ProducerStateSnapshot pending; // read on open, used by the first load
    private long snapshotSegment = -1; // active segment at the last snapshot (or load)
    private long loadedFrom = -1;

    ProducerStates(PartitionLog log) {
        this.log = log;
        this.pending = readSnapshot();
    }

    /** The table, loaded if this is its first use since opening or truncating. Caller holds this. */
    ProducerStateTable table() {
        if (table == null) {
            ProducerStateSnapshot start = pending;
            pending = null;
            loadedFrom = start != null ? start.offset() : log.logStartOffset();
            table = load(log, start != null ? start.table() : new ProducerStateTable(), loadedFrom);
            snapshotSegment = log.activeSegmentBaseOffset();
        }
        return table;
    }

    /** After an append: snapshots the table if the log rolled a segment since the last snapshot. Caller holds this. */
    void appended() {
        if (table != null && log.activeSegmentBaseOffset() != snapshotSegment) {
            snapshotSegment = log.activeSegmentBaseOffset();
            writeSnapshot(false);
        }
    }

    /** On a clean close: snapshots the table if it was loaded, once. Caller holds this. */
    void close() {
        if (table != null) {
            writeSnapshot(true);
            table = null; // a second close writes nothing
        }
    }

    /**
     * Forgets the table and deletes the snapshot: the log is about to be cut back, so batches either
     * remembers may be gone. Caller holds this, and calls it before cutting.
     */
    void invalidate() {
        table = null;
        pending = null;
        try {
            ProducerStateSnapshotFile.delete(log.dir());
        } catch (IOException e) {
            LOG.warn("{}: cannot delete the producer-state snapshot before truncating; it is checked against"
                    + " the log end when next opened: {}", log.dir(), e.toString());
        }
    }

    /** Where the last load started reading the log: the snapshot's offset, or the log start without one; -1 before. */
    long loadedFrom() {
        return loadedFrom;
    }

    /** {@code t} updated with every batch header from {@code from} to the log end. */
    private static ProducerStateTable load(PartitionLog log, ProducerStateTable t, long from) {
        long offset = from;
        long end = log.logEndOffset();
        while (offset < end) {
            offset = Math.max(offset, log.logStartOffset()); // retention may move the start meanwhile
            try (LogSlice slice = log.read(offset, SCAN_BYTES, end)) {
                if (slice.isEmpty()) {
                    break;
                }
                for (Iterator<RecordBatch> it = slice.batches(); it.hasNext(); ) {
                    RecordBatch b = it.next();
                    if (b.baseOffset() >= offset) { // the slice's first batch may start before a snapshot's offset
                        t.appended(b, b.baseOffset());
                    }
                }
                offset = slice.nextOffset();
            }
        }
        return t;
    }

    private ProducerStateSnapshot readSnapshot() {
        Optional<byte[]> bytes;
        try {
            bytes = ProducerStateSnapshotFile.read(log.dir());
        } catch (IOException e) {
            return discard("it cannot be read: " + e);
        }
        if (bytes.isEmpty()) {
            return null;
        }
        ProducerStateSnapshot s;
        try {
            s = ProducerStateSnapshot.decode(bytes.get());
        } catch (ProducerStateSnapshot.CorruptSnapshotException e) {
            return discard(e.getMessage());
        }
        if (s.offset() > log.logEndOffset()) {
            return discard("it covers the log up to offset " + s.offset() + " but the log ends at "
                    + log.logEndOffset() + " (its tail was cut)");
        }
        return s;
    }

    private ProducerStateSnapshot discard(String why) {
        LOG.warn("{}: ignoring the producer-state snapshot, {}; idempotent producers' state will be read from"
                + " the whole log", log.dir(), why);
        try {
            ProducerStateSnapshotFile.delete(log.dir());
        } catch (IOException e) {
            LOG.warn("{}: cannot delete the ignored producer-state snapshot: {}", log.dir(), e.toString());
        }
        return null;
    }

    private void writeSnapshot(boolean sync) {
        long offset = log.logEndOffset(); // every producer batch below it is in the table: appends of them hold this
        try {
            ProducerStateSnapshotFile.write(log.dir(), new ProducerStateSnapshot(offset, table).encode(), sync);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot write the producer-state snapshot at offset {} (the next load reads more of the"
                    + " log): {}", log.dir(), offset, e.toString());
        }
    }
}
