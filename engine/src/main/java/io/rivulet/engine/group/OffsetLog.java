package io.rivulet.engine.group;

import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.errors.StorageFullException;
import io.rivulet.storage.StorageException;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.LogSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Every group's committed positions: in memory for reads, and durable in an {@link OffsetStore} (a single
 * node's own log at {@code <dataDir>/__consumer_offsets-0}, or the replicated partition
 * {@code __consumer_offsets-0} of a cluster).
 *
 * <p>Each commit appends one batch holding one {@link OffsetRecord} per partition, so a commit is
 * all-or-nothing under the log's recovery (a torn batch is cut off whole). Opening the log replays it
 * from the start, last write winning; a tombstone (null value) deletes a position.
 *
 * <p><b>Bounded growth.</b> Once more records were written since the last snapshot than
 * {@code max(compactionMinRecords, 2 × live positions)}, every live position is written again (a
 * snapshot) and the log start is moved to the snapshot's first offset, deleting the older segments.
 * Replay needs no marker: everything below the snapshot is superseded by it, and a crash in the middle
 * of one only leaves older records that the next snapshot removes.
 *
 * <p>Threading: writes are serialized on this object; reads are lock-free.
 */
final class OffsetLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetLog.class);
    /** Small segments, so a snapshot frees space soon; no retention: snapshots bound the log. */
    static final LogConfig CONFIG = LogConfig.defaults()
            .with("segment.bytes", 4 << 20)
            .with("max.message.bytes", 1 << 20)
            .with("retention.ms", -1)
            .with("preallocate", 0);
    static final long DEFAULT_COMPACTION_MIN_RECORDS = 10_000;
    private static final int BATCH_BYTES = 256 * 1024;

    private final OffsetStore log;
    private final int batchBytes;
    private final LongSupplier clock;
    private final long compactionMinRecords;
    private final Map<String, Map<TopicPartition, Long>> offsets = new ConcurrentHashMap<>();
    private final RecordBatchBuilder builder = new RecordBatchBuilder(64 * 1024);
    private long writtenSinceSnapshot;
    private boolean closed;

    private OffsetLog(OffsetStore log, LongSupplier clock, long compactionMinRecords) {
        this.log = log;
        this.batchBytes = Math.min(BATCH_BYTES, log.maxBatchBytes());
        this.clock = clock;
        this.compactionMinRecords = compactionMinRecords;
    }

    /** Opens (creating if needed) the offsets log in {@code dir} and replays it. */
    static OffsetLog open(Path dir, LongSupplier clock) {
        return open(dir, clock, DEFAULT_COMPACTION_MIN_RECORDS, CONFIG);
    }

    /** As {@link #open(Path, LongSupplier)}, snapshotting after at least {@code compactionMinRecords} writes. */
    static OffsetLog open(Path dir, LongSupplier clock, long compactionMinRecords, LogConfig config) {
        OffsetStore log;
        try {
            log = LocalOffsetStore.open(dir, config);
        } catch (StorageException e) {
            throw translate(e, dir.toString());
        }
        return open(log, clock, compactionMinRecords);
    }

    /** Replays {@code store}, which it owns from now on, snapshotting after at least {@code compactionMinRecords} writes. */
    static OffsetLog open(OffsetStore log, LongSupplier clock, long compactionMinRecords) {
        OffsetLog offsets = new OffsetLog(log, clock, compactionMinRecords);
        try {
            offsets.replay();
        } catch (RuntimeException e) {
            offsets.close();
            throw e;
        }
        if (log.recoveryTruncatedBytes() > 0) {
            LOG.warn("offsets log {}: recovery cut {} bytes of a torn tail; the commits in them are lost",
                    log.describe(), log.recoveryTruncatedBytes());
        }
        return offsets;
    }

    /** Writes {@code positions} of {@code groupId} durably; returns once they are in the log. */
    synchronized void write(String groupId, Map<TopicPartition, Long> positions) {
        ensureOpen();
        if (positions.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        List<byte[][]> records = new ArrayList<>(positions.size());
        positions.forEach((tp, offset) -> records.add(new byte[][]{
                OffsetRecord.key(groupId, tp), OffsetRecord.value(offset, now)}));
        append(records, now);
        offsets.computeIfAbsent(groupId, g -> new ConcurrentHashMap<>()).putAll(positions);
        maybeSnapshot();
    }

    /** Deletes the positions of {@code partitions} in {@code groupId}. */
    synchronized void delete(String groupId, Collection<TopicPartition> partitions) {
        ensureOpen();
        Map<TopicPartition, Long> group = offsets.get(groupId);
        if (group == null) {
            return;
        }
        List<byte[][]> records = new ArrayList<>();
        List<TopicPartition> present = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (group.containsKey(tp)) {
                records.add(new byte[][]{OffsetRecord.key(groupId, tp), null});
                present.add(tp);
            }
        }
        if (records.isEmpty()) {
            return;
        }
        append(records, clock.getAsLong());
        present.forEach(group::remove);
        if (group.isEmpty()) {
            offsets.remove(groupId);
        }
        maybeSnapshot();
    }

    /** Deletes every group's positions for {@code topic}. */
    synchronized void deleteTopic(String topic) {
        for (String groupId : List.copyOf(offsets.keySet())) {
            Map<TopicPartition, Long> group = offsets.get(groupId);
            if (group != null) {
                delete(groupId, group.keySet().stream().filter(tp -> tp.topic().equals(topic)).toList());
            }
        }
    }

    /** The group's committed position for {@code tp}, or {@link PartitionLag#NO_OFFSET}. */
    long committed(String groupId, TopicPartition tp) {
        Map<TopicPartition, Long> group = offsets.get(groupId);
        Long offset = group == null ? null : group.get(tp);
        return offset == null ? PartitionLag.NO_OFFSET : offset;
    }

    /** A copy of the group's committed positions. */
    Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, Long> group = offsets.get(groupId);
        return group == null ? Map.of() : Map.copyOf(group);
    }

    /** The groups with at least one committed position, sorted. */
    Set<String> groups() {
        return new TreeSet<>(offsets.keySet());
    }

    /** First and end offset of the underlying log, for tests of its growth. */
    long logStartOffset() {
        return log.logStartOffset();
    }

    long logEndOffset() {
        return log.logEndOffset();
    }

    /** Flushes and closes the log. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            log.close();
        } finally {
            builder.close();
        }
    }

    private void replay() {
        long next = log.logStartOffset();
        long end = log.logEndOffset();
        int skipped = 0;
        while (next < end) {
            try (LogSlice slice = log.read(next, 1 << 20)) {
                if (slice.isEmpty()) {
                    break;
                }
                for (Iterator<RecordBatch> batches = slice.batches(); batches.hasNext(); ) {
                    for (RecordIterator records = batches.next().records(); records.hasNext(); ) {
                        BatchRecord r = records.next();
                        if (r.offset() >= next && !apply(r.key(), r.value())) {
                            skipped++;
                        }
                    }
                }
                next = slice.nextOffset();
            }
        }
        if (skipped > 0) {
            LOG.warn("offsets log {}: skipped {} records of an unknown type or version", log.describe(), skipped);
        }
        writtenSinceSnapshot = end - log.logStartOffset();
    }

    private boolean apply(byte[] keyBytes, byte[] valueBytes) {
        OffsetRecord.Key key = OffsetRecord.readKey(keyBytes);
        if (key == null) {
            return false;
        }
        if (valueBytes == null) {
            Map<TopicPartition, Long> group = offsets.get(key.groupId());
            if (group != null) {
                group.remove(key.topicPartition());
                if (group.isEmpty()) {
                    offsets.remove(key.groupId());
                }
            }
            return true;
        }
        OffsetRecord.Value value = OffsetRecord.readValue(valueBytes);
        if (value == null) {
            return false;
        }
        offsets.computeIfAbsent(key.groupId(), g -> new ConcurrentHashMap<>()).put(key.topicPartition(), value.offset());
        return true;
    }

    /** Appends key/value pairs in as few batches as fit {@code batchBytes}. */
    private void append(List<byte[][]> records, long now) {
        try {
            builder.reset();
            for (byte[][] kv : records) {
                int size = builder.recordSize(now, kv[0], kv[1], List.of());
                if (!builder.isEmpty() && builder.sizeInBytes() + size > batchBytes) {
                    log.append(builder.build());
                    builder.reset();
                }
                builder.append(now, kv[0], kv[1]);
            }
            log.append(builder.build());
        } catch (StorageException e) {
            throw translate(e, log.describe());
        }
        writtenSinceSnapshot += records.size();
    }

    private void maybeSnapshot() {
        long live = offsets.values().stream().mapToLong(Map::size).sum();
        if (writtenSinceSnapshot < Math.max(compactionMinRecords, 2 * live)) {
            return;
        }
        long snapshotStart = log.logEndOffset();
        long now = clock.getAsLong();
        List<byte[][]> records = new ArrayList<>();
        offsets.forEach((groupId, group) -> group.forEach((tp, offset) -> records.add(new byte[][]{
                OffsetRecord.key(groupId, tp), OffsetRecord.value(offset, now)})));
        if (!records.isEmpty()) {
            append(records, now);
        }
        try {
            log.deleteBefore(snapshotStart);
        } catch (StorageException e) {
            throw translate(e, log.describe());
        }
        writtenSinceSnapshot = records.size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new RivuletClosedException("the offsets log at " + log.describe());
        }
    }

    private static RivuletException translate(StorageException e, String dir) {
        if (e instanceof io.rivulet.storage.StorageFullException) {
            return new StorageFullException(dir, e);
        }
        return new RivuletException(ErrorCode.UNKNOWN, "committed offsets at " + dir + " failed: " + e.getMessage(), e);
    }
}
