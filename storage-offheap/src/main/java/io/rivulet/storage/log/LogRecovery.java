package io.rivulet.storage.log;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.batch.BatchCheck;
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
 *   <li>Sealed segments were trimmed and fsynced when sealed, so their lengths are trusted; an
 *       index that is missing or does not fit its segment is rebuilt from the batches.</li>
 *   <li>After a clean shutdown (the marker file exists) the active segment's length is trusted
 *       too, and only the bytes after its last index entry are read.</li>
 *   <li>After a crash the active segment is scanned from its last index entry: batches are kept
 *       while their length, magic, CRC and offsets are valid; the first invalid batch and
 *       everything after it is cut off and zeroed. The scan is bounded by the index interval
 *       plus whatever was appended since, never by the size of the log.</li>
 * </ul>
 */
final class LogRecovery {
    static final String CLEAN_SHUTDOWN = ".clean-shutdown";
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    /** What recovery found: the segments in order (the last one active) and what it cut off. */
    record Recovered(List<Segment> segments, boolean clean, long truncatedBytes, String reason) {
    }

    private LogRecovery() {
    }

    static Recovered recover(Path dir, LogConfig config, long nowMs) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(NextSegment.FILE_NAME));
            boolean clean = Files.exists(dir.resolve(CLEAN_SHUTDOWN));
            List<Long> bases = baseOffsets(dir);
            List<Segment> segments = new ArrayList<>();
            try {
                for (int i = 0; i < bases.size() - 1; i++) {
                    segments.add(openSealed(dir, bases.get(i), bases.get(i + 1), config));
                }
                long activeBase = bases.isEmpty() ? LogStartCheckpoint.read(dir, 0) : bases.get(bases.size() - 1);
                Segment active = Segment.openActive(dir, activeBase, config.segmentBytes(),
                        config.segmentIndexBytes(), config.indexIntervalBytes(), nowMs,
                        clean ? (int) Files.size(SegmentFiles.log(dir, activeBase)) : 0, clean);
                segments.add(active);
                long[] cut = clean ? resumeClean(active) : scan(active, config);
                // Removed only once the log is open: a crash during recovery recovers again.
                Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN));
                String reason = cut[0] > 0 ? BatchCheck.values()[(int) cut[1]].name() : "";
                if (cut[0] > 0) {
                    LOG.warn("log {}: recovered to {} bytes in segment {}, cut a torn or corrupt tail ({}) ",
                            dir.getFileName(), active.size(), active.baseOffset(), reason);
                }
                return new Recovered(segments, clean, cut[0], reason);
            } catch (RuntimeException e) {
                segments.forEach(Segment::close);
                throw e;
            }
        } catch (IOException e) {
            throw LogIOException.of("cannot open log " + dir, e);
        }
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
            long p = from;
            BatchCheck check;
            for (;;) {
                check = BatchValidator.checkFrame(store, p, capacity - p, config.maxMessageBytes());
                if (check != BatchCheck.VALID || BigEndian.readLong(store, p) != expected) {
                    break;
                }
                RecordBatch batch = new RecordBatch().wrap(store, p);
                expected = batch.nextOffset();
                p += batch.sizeInBytes();
            }
            int end = (int) p;
            long garbage = nonZeroBytesAfter(store, end, capacity, config.maxMessageBytes());
            active.restore(from, end);
            active.zero(end, (long) config.maxMessageBytes() + RecordBatch.HEADER_SIZE);
            return new long[] {garbage, check == BatchCheck.VALID ? BatchCheck.BAD_LENGTH.ordinal() : check.ordinal()};
        } finally {
            m.release();
        }
    }

    /** Size of the torn tail: how far non-zero bytes reach after the end, within one max batch. */
    private static long nonZeroBytesAfter(BytesStore<?, ?> store, int end, long capacity, int maxBatch) {
        long limit = Math.min(capacity, (long) end + maxBatch + RecordBatch.HEADER_SIZE);
        long last = -1;
        for (long p = end; p < limit; p++) {
            if (store.readByte(p) != 0) {
                last = p;
            }
        }
        return last < 0 ? 0 : last - end + 1;
    }

    private static List<Long> baseOffsets(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(SegmentFiles::baseOffsetOf).filter(b -> b >= 0).sorted().boxed().toList();
        }
    }
}
