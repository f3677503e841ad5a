package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages the files of a closed log as a crash or a bad disk would — torn, flipped, zeroed,
 * missing or garbled — and checks that opening it keeps exactly the batches before the damage and
 * that the log takes appends again.
 */
class CorruptionRecoveryTest {
    static final LogConfig CONFIG = LogConfig.from(Map.of(
            "segment.bytes", String.valueOf(256 * 1024),
            "segment.index.bytes", "8192",
            "index.interval.bytes", "1024",
            "max.message.bytes", "8192"));
    /** Small segments so a few dozen batches make sealed segments. */
    static final LogConfig ROLLING = CONFIG.with("segment.bytes", 8192);

    @TempDir
    Path dir;

    /** A batch as found in the active segment file. */
    record BatchAt(long baseOffset, long nextOffset, int position, int size) {
    }

    // ------------------------------------------------------------------ torn, flipped, zeroed tails

    @Test
    void truncatesATornTailToTheLastWholeBatch() throws IOException {
        List<BatchAt> batches = writeAndClose(dir, CONFIG, 40);
        BatchAt last = batches.get(batches.size() - 1);
        truncate(activeLog(dir), last.position() + last.size() / 2);
        simulateCrash(dir);

        assertRecoversTo(dir, CONFIG, batches.subList(0, batches.size() - 1));
    }

    @Test
    void dropsTheLastBatchWhenOneOfItsBytesFlipped() throws IOException {
        List<BatchAt> batches = writeAndClose(dir, CONFIG, 40);
        BatchAt last = batches.get(batches.size() - 1);
        flipByte(activeLog(dir), last.position() + RecordBatch.RECORDS + 3);
        simulateCrash(dir);

        assertRecoversTo(dir, CONFIG, batches.subList(0, batches.size() - 1));
    }

    @Test
    void dropsAFlippedBatchAndEverythingAfterIt() throws IOException {
        // No index entries, so the scan starts at the segment's first batch and must meet the damage.
        LogConfig unindexed = CONFIG.with("index.interval.bytes", 1 << 20);
        List<BatchAt> batches = writeAndClose(dir, unindexed, 40);
        BatchAt victim = batches.get(25);
        flipByte(activeLog(dir), victim.position() + RecordBatch.CRC + 1);
        simulateCrash(dir);

        assertRecoversTo(dir, unindexed, batches.subList(0, 25));
    }

    @Test
    void endsAtTheLastValidBatchBeforeAZeroedTail() throws IOException {
        List<BatchAt> batches = writeAndClose(dir, CONFIG, 40);
        BatchAt firstZeroed = batches.get(33);
        zero(activeLog(dir), firstZeroed.position() + RecordBatch.CRC + 3);
        simulateCrash(dir);

        assertRecoversTo(dir, CONFIG, batches.subList(0, 33));
    }

    @Test
    void endsAtTheLastBatchWhenThePreallocatedTailIsZero() throws IOException {
        // The crash shape without damage: the active file is still preallocated, zeros after the end.
        List<BatchAt> batches = writeAndClose(dir, CONFIG, 40);
        try (FileChannel ch = FileChannel.open(activeLog(dir), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), CONFIG.segmentBytes() - 1);
        }
        simulateCrash(dir);

        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertFalse(log.recoveredCleanly());
            assertEquals(0, log.recoveryTruncatedBytes());
            assertEquals(bases(batches), LogFixtures.batchBases(log, 0));
        }
    }

    // ------------------------------------------------------------------ indexes

    @Test
    void rebuildsDeletedIndexesOfSealedAndActiveSegmentsAfterACrash() throws IOException {
        rebuildsDeletedIndexes(true);
    }

    @Test
    void rebuildsDeletedIndexesOfSealedAndActiveSegmentsAfterACleanShutdown() throws IOException {
        rebuildsDeletedIndexes(false);
    }

    private void rebuildsDeletedIndexes(boolean crash) throws IOException {
        writeAndClose(dir, ROLLING, 120);
        List<Long> segments = segmentBases(dir);
        assertTrue(segments.size() >= 3, "segments " + segments);
        long sealed = segments.get(1);
        long active = segments.get(segments.size() - 1);
        Map<Path, byte[]> before = indexFiles(dir, sealed, active);
        for (Path p : before.keySet()) {
            Files.delete(p);
        }
        if (crash) {
            simulateCrash(dir);
        }

        try (PartitionLog log = PartitionLog.open(dir, ROLLING)) {
            assertEquals(120 * 5, log.logEndOffset());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
            assertLookupsWork(log);
        }
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), "rebuilt " + e.getKey().getFileName());
        }
        reopenAppendAndCheck(dir, ROLLING, 120 * 5);
    }

    @Test
    void rebuildsAnActiveIndexFullOfGarbageAfterACrash() throws IOException {
        garbageInActiveIndex(true);
    }

    @Test
    void rebuildsAnActiveIndexFullOfGarbageAfterACleanShutdown() throws IOException {
        garbageInActiveIndex(false);
    }

    private void garbageInActiveIndex(boolean crash) throws IOException {
        writeAndClose(dir, ROLLING, 120);
        long active = segmentBases(dir).get(segmentBases(dir).size() - 1);
        Path index = SegmentFiles.index(dir, active);
        Path timeIndex = SegmentFiles.timeIndex(dir, active);
        assertTrue(Files.size(index) > 0, "the active segment has index entries to garble");
        fillWithGarbage(index, new Random(7));
        fillWithGarbage(timeIndex, new Random(8));
        if (crash) {
            simulateCrash(dir);
        }

        try (PartitionLog log = PartitionLog.open(dir, ROLLING)) {
            assertEquals(120 * 5, log.logEndOffset());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
            assertLookupsWork(log);
        }
        reopenAppendAndCheck(dir, ROLLING, 120 * 5);
    }

    @Test
    void rebuildsAnActiveIndexOfAllOnesAfterACleanShutdown() throws IOException {
        writeAndClose(dir, ROLLING, 120);
        long active = segmentBases(dir).get(segmentBases(dir).size() - 1);
        fill(SegmentFiles.index(dir, active), (byte) 0xff);

        try (PartitionLog log = PartitionLog.open(dir, ROLLING)) {
            assertEquals(120 * 5, log.logEndOffset());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
            assertLookupsWork(log);
        }
        reopenAppendAndCheck(dir, ROLLING, 120 * 5);
    }

    @Test
    void rebuildsASealedIndexFullOfGarbage() throws IOException {
        writeAndClose(dir, ROLLING, 120);
        List<Long> segments = segmentBases(dir);
        long sealed = segments.get(1);
        fillWithGarbage(SegmentFiles.index(dir, sealed), new Random(9));
        fill(SegmentFiles.timeIndex(dir, segments.get(2)), (byte) 0xff);

        try (PartitionLog log = PartitionLog.open(dir, ROLLING)) {
            assertEquals(120 * 5, log.logEndOffset());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
            assertLookupsWork(log);
        }
        reopenAppendAndCheck(dir, ROLLING, 120 * 5);
    }

    // ------------------------------------------------------------------ random damage, Kafka style

    @Test
    void keepsExactlyTheBatchesBeforeRandomDamageToTheTail() throws IOException {
        long seed = Long.getLong("corruption.seed", System.nanoTime());
        System.out.println("CorruptionRecoveryTest seed=" + seed + " (rerun with -Dcorruption.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 10; round++) {
            Path d = dir.resolve("round-" + round);
            List<BatchAt> batches = writeAndClose(d, CONFIG, 20, random);
            int victim = random.nextInt(batches.size());
            BatchAt at = batches.get(victim);
            int from = at.position() + random.nextInt(at.size());
            Path log = activeLog(d);
            int length = (int) Files.size(log) - from;
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(garbage), from);
            }
            simulateCrash(d);

            String context = "seed " + seed + ", round " + round + ", damage from batch " + victim + " byte " + from;
            try (PartitionLog recovered = PartitionLog.open(d, CONFIG)) {
                assertEquals(bases(batches.subList(0, victim)), LogFixtures.batchBases(recovered, 0), context);
                assertEquals(at.baseOffset(), recovered.logEndOffset(), context);
                assertTrue(recovered.recoveryTruncatedBytes() > 0, context);
                assertEquals(recovered.logEndOffset(), LogFixtures.verifyDerived(recovered, 0), context);
            }
            reopenAppendAndCheck(d, CONFIG, at.baseOffset());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static List<BatchAt> writeAndClose(Path d, LogConfig config, int count) {
        List<BatchAt> out = new ArrayList<>();
        try (PartitionLog log = PartitionLog.open(d, config); RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            for (int i = 0; i < count; i++) {
                long base = log.logEndOffset();
                log.append(LogFixtures.derivedBatch(b, base, 5));
            }
        }
        return scanActive(d);
    }

    private static List<BatchAt> writeAndClose(Path d, LogConfig config, int count, Random random) {
        try (PartitionLog log = PartitionLog.open(d, config); RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            for (int i = 0; i < count; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 1 + random.nextInt(30)));
            }
        }
        return scanActive(d);
    }

    /** The batches of the active (last) segment file, read with plain file I/O. */
    private static List<BatchAt> scanActive(Path d) {
        try {
            byte[] bytes = Files.readAllBytes(activeLog(d));
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
            List<BatchAt> out = new ArrayList<>();
            int p = 0;
            while (p + RecordBatch.LOG_OVERHEAD <= bytes.length) {
                int length = buf.getInt(p + RecordBatch.BATCH_LENGTH);
                if (length == 0) {
                    break;
                }
                long base = buf.getLong(p);
                int size = RecordBatch.LOG_OVERHEAD + length;
                out.add(new BatchAt(base, base + buf.getInt(p + RecordBatch.LAST_OFFSET_DELTA) + 1, p, size));
                p += size;
            }
            assertEquals(bytes.length, p, "a cleanly closed active segment is trimmed to its batches");
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRecoversTo(Path d, LogConfig config, List<BatchAt> survivors) {
        long end = survivors.isEmpty() ? 0 : survivors.get(survivors.size() - 1).nextOffset();
        try (PartitionLog log = PartitionLog.open(d, config)) {
            assertFalse(log.recoveredCleanly());
            assertTrue(log.recoveryTruncatedBytes() > 0, "recovery reports the cut");
            assertEquals(end, log.logEndOffset());
            assertEquals(bases(survivors), LogFixtures.batchBases(log, 0));
            assertEquals(end, LogFixtures.verifyDerived(log, 0));
        }
        reopenAppendAndCheck(d, config, end);
    }

    /** Appends after recovery, closes, reopens cleanly and finds old and new records intact. */
    private static void reopenAppendAndCheck(Path d, LogConfig config, long expectedEnd) {
        try (PartitionLog log = PartitionLog.open(d, config); RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            assertEquals(expectedEnd, log.logEndOffset());
            for (int i = 0; i < 30; i++) {
                log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), 3));
            }
            assertEquals(expectedEnd + 90, LogFixtures.verifyDerived(log, 0));
        }
        try (PartitionLog log = PartitionLog.open(d, config)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(expectedEnd + 90, log.logEndOffset());
            assertEquals(expectedEnd + 90, LogFixtures.verifyDerived(log, 0));
        }
        simulateCrash(d);
        try (PartitionLog log = PartitionLog.open(d, config)) {
            assertEquals(0, log.recoveryTruncatedBytes(), "an undamaged log recovers without cutting");
            assertEquals(expectedEnd + 90, log.logEndOffset());
        }
    }

    /** Reads by offset and by timestamp land on the right records in every segment. */
    private static void assertLookupsWork(PartitionLog log) {
        long end = log.logEndOffset();
        for (long o = 0; o < end; o += 7) {
            try (LogSlice slice = log.read(o, 1)) {
                RecordBatch first = slice.batches().next();
                assertTrue(first.baseOffset() <= o && o <= first.lastOffset(), "read(" + o + ") gave " + first);
            }
            OptionalLong byTime = log.offsetForTimestamp(LogFixtures.timestampAt(o));
            assertEquals(o, byTime.orElse(-1), "offsetForTimestamp of record " + o);
        }
    }

    private static List<Long> bases(List<BatchAt> batches) {
        return batches.stream().map(BatchAt::baseOffset).toList();
    }

    private static List<Long> segmentBases(Path d) throws IOException {
        try (var files = Files.list(d)) {
            return files.mapToLong(SegmentFiles::baseOffsetOf).filter(b -> b >= 0).sorted().boxed().toList();
        }
    }

    private static Path activeLog(Path d) {
        try {
            List<Long> bases = segmentBases(d);
            return SegmentFiles.log(d, bases.get(bases.size() - 1));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<Path, byte[]> indexFiles(Path d, long... bases) throws IOException {
        Map<Path, byte[]> out = new java.util.LinkedHashMap<>();
        for (long base : bases) {
            out.put(SegmentFiles.index(d, base), Files.readAllBytes(SegmentFiles.index(d, base)));
            out.put(SegmentFiles.timeIndex(d, base), Files.readAllBytes(SegmentFiles.timeIndex(d, base)));
        }
        return out;
    }

    private static void simulateCrash(Path d) {
        try {
            Files.deleteIfExists(d.resolve(LogRecovery.CLEAN_SHUTDOWN));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            ch.write(one, position);
        }
    }

    private static void zero(Path file, long from) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate((int) (ch.size() - from)), from);
        }
    }

    private static void fill(Path file, byte value) throws IOException {
        byte[] bytes = new byte[(int) Files.size(file)];
        java.util.Arrays.fill(bytes, value);
        Files.write(file, bytes);
    }

    private static void fillWithGarbage(Path file, Random random) throws IOException {
        byte[] bytes = new byte[(int) Files.size(file)];
        random.nextBytes(bytes);
        Files.write(file, bytes);
    }
}
