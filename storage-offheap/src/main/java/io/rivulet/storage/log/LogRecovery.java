package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.batch.BatchCheck;
import io.rivulet.storage.batch.BatchScan;
import io.rivulet.storage.batch.BatchValidator;
import io.rivulet.storage.batch.BigEndian;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.segment.OffsetIndex;
import io.rivulet.storage.segment.Segment;
import io.rivulet.storage.segment.SegmentFiles;
import io.rivulet.storage.segment.SegmentMapping;
import io.rivulet.storage.segment.TimeIndex;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.BytesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory and finds the log's true end. Apart from the live path on purpose: the
 * append path assumes a valid log, and this class is what makes it one.
 *
 * <ul>
 *   <li>Segments below the recovery point ({@value OffsetCheckpoint#RECOVERY_POINT}) were trimmed
 *       and fsynced when sealed, so their lengths are trusted; an index that is missing or does
 *       not fit its segment is rebuilt from the batches.</li>
 *   <li>A segment at or above the recovery point that is not the last one was rolled but its seal
 *       (which runs in the background) had not finished: it may still have its preallocated length
 *       and untrimmed indexes. It is scanned like an active segment and sealed now. If its valid
 *       batches do not reach the next segment's base offset (power loss took its tail), the later
 *       segments are deleted, as Kafka does, since a log cannot have a hole; it becomes the active
 *       segment.</li>
 *   <li>After a clean shutdown (the marker file exists) every segment was sealed and the active
 *       segment's length is trusted too; only the bytes after its last index entry are read.</li>
 *   <li>After a crash the active segment is scanned from its last index entry: batches are kept
 *       while their length, magic, CRC and offsets are valid; the first invalid batch and
 *       everything after it is cut off and zeroed. The scan is bounded by the index interval
 *       plus whatever was appended since, never by the size of the log.</li>
 *   <li>Files renamed for deletion, and segments wholly below the log start offset, are what a
 *       deletion left when the process died: they are removed.</li>
 * </ul>
 */
final class LogRecovery {
    static final String CLEAN_SHUTDOWN = ".clean-shutdown";
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    /**
     * What recovery found: the segments in order (the last one active), what it cut off, and how
     * many rolled segments it had to seal because their seal had not finished.
     */
    record Recovered(List<Segment> segments, boolean clean, long truncatedBytes, String reason, int resealed) {
    }

    private LogRecovery() {
    }

    static Recovered recover(Path dir, LogConfig config, long nowMs) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(NextSegment.FILE_NAME));
            removeFilesMarkedDeleted(dir);
            boolean clean = Files.exists(dir.resolve(CLEAN_SHUTDOWN));
            List<Long> bases = removeSegmentsBelowLogStart(dir, baseOffsets(dir));
            long lastBase = bases.isEmpty() ? -1 : bases.get(bases.size() - 1);
            long storedPoint = OffsetCheckpoint.read(dir, OffsetCheckpoint.RECOVERY_POINT, -1);
            // No checkpoint: a log written before there was one sealed every segment on roll.
            long recoveryPoint = clean ? Long.MAX_VALUE : storedPoint < 0 ? lastBase : storedPoint;
            List<Segment> segments = new ArrayList<>();
            try {
                long truncated = 0;
                int resealed = 0;
                String reason = "";
                Segment active = null;
                for (int i = 0; i < bases.size() - 1 && active == null; i++) {
                    long base = bases.get(i);
                    long nextBase = bases.get(i + 1);
                    if (base < recoveryPoint) {
                        segments.add(openSealed(dir, base, nextBase, config));
                        continue;
                    }
                    Segment s = openWritable(dir, base, config, nowMs, 0, false);
                    segments.add(s);
                    long[] cut = scan(s, config);
                    if (s.nextOffset() == nextBase) {
                        LOG.info("log {}: sealed segment {}, whose seal had not finished", dir.getFileName(), base);
                        s.seal();
                        resealed++;
                    } else {
                        truncated += cut[0] + deleteSegmentsFrom(dir, bases.subList(i + 1, bases.size()));
                        reason = "segment " + base + " ends at offset " + s.nextOffset() + " but the next starts at "
                                + nextBase + " (" + BatchCheck.values()[(int) cut[1]] + ")";
                        LOG.warn("log {}: {}; deleted the later segments", dir.getFileName(), reason);
                        active = s;
                    }
                }
                if (active == null) {
                    long activeBase = bases.isEmpty() ? OffsetCheckpoint.read(dir, OffsetCheckpoint.LOG_START, 0) : lastBase;
                    active = openWritable(dir, activeBase, config, nowMs,
                            clean ? (int) Files.size(SegmentFiles.log(dir, activeBase)) : 0, clean);
                    segments.add(active);
                    long[] cut = clean ? resumeClean(active) : scan(active, config);
                    truncated += cut[0];
                    if (cut[0] > 0) {
                        reason = BatchCheck.values()[(int) cut[1]].name();
                        LOG.warn("log {}: recovered to {} bytes in segment {}, cut a torn or corrupt tail ({}) ",
                                dir.getFileName(), active.size(), active.baseOffset(), reason);
                    }
                }
                if (storedPoint != active.baseOffset()) {
                    OffsetCheckpoint.write(dir, OffsetCheckpoint.RECOVERY_POINT, active.baseOffset());
                }
                // Removed only once the log is open: a crash during recovery recovers again.
                Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN));
                return new Recovered(segments, clean, truncated, reason, resealed);
            } catch (RuntimeException e) {
                segments.forEach(Segment::close);
                throw e;
            }
        } catch (IOException e) {
            throw LogIOException.of("cannot open log " + dir, e);
        }
    }

    private static Segment openWritable(Path dir, long base, LogConfig config, long nowMs, int knownSize,
                                        boolean trustIndexLength) {
        return Segment.openActive(dir, base, config.segmentBytes(), config.segmentIndexBytes(),
                config.indexIntervalBytes(), nowMs, knownSize, trustIndexLength);
    }

    /** Removes what an unfinished asynchronous delete left. */
    private static void removeFilesMarkedDeleted(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(SegmentFiles::isDeleted).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * Deletes segments wholly below the log start offset (a retention or {@code deleteBefore} that
     * moved the start and died before removing them) and returns the remaining base offsets.
     */
    private static List<Long> removeSegmentsBelowLogStart(Path dir, List<Long> bases) {
        if (bases.size() < 2) {
            return bases;
        }
        long start = OffsetCheckpoint.read(dir, OffsetCheckpoint.LOG_START, bases.get(0));
        int n = 0;
        while (n < bases.size() - 1 && bases.get(n + 1) <= start) {
            n++;
        }
        if (n > 0) {
            deleteSegmentsFrom(dir, bases.subList(0, n));
        }
        return bases.subList(n, bases.size());
    }

    /** Deletes the segment files of {@code bases}; returns their log bytes. */
    private static long deleteSegmentsFrom(Path dir, List<Long> bases) {
        long bytes = 0;
        for (long base : bases) {
            try {
                bytes += Files.exists(SegmentFiles.log(dir, base)) ? Files.size(SegmentFiles.log(dir, base)) : 0;
                Files.deleteIfExists(SegmentFiles.log(dir, base));
                Files.deleteIfExists(SegmentFiles.index(dir, base));
                Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
            } catch (IOException e) {
                throw LogIOException.of("cannot delete segment " + base + " of " + dir, e);
            }
        }
        return bytes;
    }

    private static Segment openSealed(Path dir, long base, long nextBase, LogConfig config) throws IOException {
        if (!indexesFit(dir, base, nextBase)) {
            LOG.warn("log {}: rebuilding indexes of segment {}", dir.getFileName(), base);
            Files.deleteIfExists(SegmentFiles.index(dir, base));
            Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
            int size = (int) Files.size(SegmentFiles.log(dir, base));
            Segment s = Segment.openActive(dir, base, Math.max(size, 1), config.segmentIndexBytes(),
                    config.indexIntervalBytes(), 0, size, true);
            s.restore(0, size);
            s.seal();
        }
        return Segment.openSealed(dir, base, config.indexIntervalBytes(), nextBase);
    }

    /** Cheap checks that a sealed segment's index files belong to its log, without mapping them. */
    private static boolean indexesFit(Path dir, long base, long nextBase) throws IOException {
        long span = nextBase - base;
        Path index = SegmentFiles.index(dir, base);
        Path timeIndex = SegmentFiles.timeIndex(dir, base);
        if (!Files.exists(index) || !Files.exists(timeIndex)) {
            return false;
        }
        long logSize = Files.size(SegmentFiles.log(dir, base));
        long indexSize = Files.size(index);
        long timeSize = Files.size(timeIndex);
        if (indexSize % OffsetIndex.ENTRY_SIZE != 0 || timeSize % TimeIndex.ENTRY_SIZE != 0) {
            return false;
        }
        if (indexSize > 0) {
            try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "r")) {
                f.seek(indexSize - OffsetIndex.ENTRY_SIZE);
                int rel = f.readInt();
                int position = f.readInt();
                if (rel <= 0 || position <= 0 || position >= logSize || rel >= span) {
                    return false;
                }
            }
        }
        if (timeSize == 0) {
            return true;
        }
        try (RandomAccessFile f = new RandomAccessFile(timeIndex.toFile(), "r")) {
            long firstTimestamp = f.readLong();
            int firstRel = f.readInt();
            f.seek(timeSize - TimeIndex.ENTRY_SIZE);
            long lastTimestamp = f.readLong();
            int lastRel = f.readInt();
            return firstRel >= 0 && lastRel >= firstRel && lastRel < span && lastTimestamp >= firstTimestamp;
        }
    }

    /** After a clean shutdown: trust the length, re-read only the batches after the last index entry. */
    private static long[] resumeClean(Segment active) {
        SegmentMapping m = active.acquire();
        try {
            int size = active.size();
            int from = m.offsetIndex().lookupBelow(size);
            if (from < 0 || from > 0 && BatchValidator.checkFrame(m.store(), from, size - from, Integer.MAX_VALUE) != BatchCheck.VALID) {
                from = 0; // the index disagrees with the log: rebuild it
            }
            active.restore(from, size);
            return new long[] {0, 0};
        } finally {
            m.release();
        }
    }

    /** After a crash: validate batches from the last trustworthy index entry to find the end. */
    private static long[] scan(Segment active, LogConfig config) {
        SegmentMapping m = active.acquire();
        try {
            BytesStore<?, ?> store = m.store();
            long capacity = m.store().capacity();
            int from = m.offsetIndex().lookupBelow(Integer.MAX_VALUE);
            if (from < 0 || from > 0 && BatchValidator.checkFrame(store, from, capacity - from, config.maxMessageBytes()) != BatchCheck.VALID) {
                from = 0;
            }
            long expected = from == 0 ? active.baseOffset() : BigEndian.readLong(store, from);
            BatchScan.End scanned = BatchScan.scan(store, from, capacity, config.maxMessageBytes(), expected,
                    (position, batch) -> { });
            int end = (int) scanned.position();
            active.restore(from, end);
            active.zero(end, (long) config.maxMessageBytes() + RecordBatch.HEADER_SIZE);
            // The reason logged for a cut: what failed, or for a stop at a valid frame (zeros, an offset gap) the
            // length check, and at the very end of the mapping a batch that had no room.
            BatchCheck reason = scanned.stop() == BatchScan.Stop.END ? BatchCheck.INCOMPLETE
                    : scanned.check() == BatchCheck.VALID ? BatchCheck.BAD_LENGTH : scanned.check();
            return new long[] {scanned.tornBytes(), reason.ordinal()};
        } finally {
            m.release();
        }
    }

    private static List<Long> baseOffsets(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(SegmentFiles::baseOffsetOf).filter(b -> b >= 0).sorted().boxed().toList();
        }
    }
}
