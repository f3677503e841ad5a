package io.rivulet.engine.partition;

import io.rivulet.engine.replication.ProducerStateTable;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;

import java.util.Iterator;

/**
 * A partition's {@link ProducerStateTable}, loaded from its log when first needed and loaded again after the
 * log is cut back.
 *
 * <p>Loading reads every batch header from the log start to the end (records are not decoded): the table has
 * no checkpoint of its own yet, so the log is the only record of who produced what. It happens lazily — on
 * the first batch with a producer id that the partition appends or copies — so a node whose partitions see
 * no idempotent producer never pays for it, and a restart does not read every log at once. A follower that
 * truncates loads again on its next copied batch with a producer id.
 *
 * <p>Threading: callers hold this object's monitor across a check, the append it allows and the update, so
 * that idempotent appends to one partition are checked in the order the log takes them.
 */
final class ProducerStates {
    private static final int SCAN_BYTES = 1 << 20;

    private final PartitionLog log;
    private ProducerStateTable table;

    ProducerStates(PartitionLog log) {
        this.log = log;
    }

    /** The table, loaded from the log if this is its first use since opening or truncating. Caller holds this. */
    ProducerStateTable table() {
        if (table == null) {
            table = load(log);
        }
        return table;
    }

    /** Forgets the table: the log was cut back, so batches it remembers may be gone. Caller holds this. */
    void invalidate() {
        table = null;
    }

    static ProducerStateTable load(PartitionLog log) {
        ProducerStateTable t = new ProducerStateTable();
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        while (offset < end) {
            offset = Math.max(offset, log.logStartOffset()); // retention may move the start meanwhile
            try (LogSlice slice = log.read(offset, SCAN_BYTES, end)) {
                if (slice.isEmpty()) {
                    break;
                }
                for (Iterator<RecordBatch> it = slice.batches(); it.hasNext(); ) {
                    RecordBatch b = it.next();
                    t.appended(b, b.baseOffset());
                }
                offset = slice.nextOffset();
            }
        }
        return t;
    }
}
