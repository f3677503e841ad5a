package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of a log written in place: whatever an interrupted in-place append leaves at the end of the
 * active segment (records without their header, a torn batch), opening the log ends at the last complete
 * batch and appends continue from there.
 */
class InPlaceRecoveryTest {
    static final LogConfig CONFIG = InPlaceAppendTest.CONFIG;

    @TempDir
    Path dir;

    /**
     * The files are copied from inside the encoder, after it wrote its records and before the log wrote the
     * header: the copy is what a {@code kill -9} at that moment leaves on disk (the page cache keeps every byte
     * written through the mapping), full-length preallocated segment, untrimmed indexes, no clean-shutdown marker.
     */
    @Test
    void aCrashWhileTheEncoderRunsRecoversToTheBatchBefore() {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        DerivedEncoder encoder = new DerivedEncoder();
        long complete;
        try (PartitionLog log = PartitionLog.open(live, CONFIG)) {
            for (int i = 0; i < 30; i++) {
                log.appendInPlace(16 * 1024, encoder.of(log.logEndOffset(), 1 + i % 20));
            }
            complete = log.logEndOffset();
            try {
                log.appendInPlace(16 * 1024, batch -> {
                    encoder.of(complete, 100).encode(batch);
                    assertTrue(batch.recordCount() > 50, "a batch's worth of records is in the mapping");
                    copyFiles(live, crashed);
                    throw new IllegalStateException("stop here: the copy is the crash");
                });
            } catch (IllegalStateException expected) {
                // the live log aborts; the copy is what matters
            }
        }
        try (PartitionLog log = PartitionLog.open(crashed, CONFIG)) {
            assertFalse(log.recoveredCleanly());
            assertEquals(complete, log.logEndOffset(), "the headerless batch is not part of the log");
            assertEquals(complete, LogFixtures.verifyDerived(log, 0));
            appendInPlaceAndCheck(log, encoder);
        }
        try (PartitionLog log = PartitionLog.open(crashed, CONFIG)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(log.logEndOffset(), LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void aTornLastBatchIsCutAtTheLastCompleteOne() throws IOException {
        long[] ends = writeInPlaceAndClose(dir, 25);
        long lastBatchStart = ends[ends.length - 2];
        Path segment = activeLog(dir);
        long size = Files.size(segment);
        int lastSize = lastBatchSize(segment, size);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - lastSize / 2); // the file ends halfway through the last batch
        }
        Files.delete(dir.resolve(LogRecovery.CLEAN_SHUTDOWN));

        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertFalse(log.recoveredCleanly());
            assertTrue(log.recoveryTruncatedBytes() > 0);
            assertEquals(lastBatchStart, log.logEndOffset());
            assertEquals(lastBatchStart, LogFixtures.verifyDerived(log, 0));
            appendInPlaceAndCheck(log, new DerivedEncoder());
        }
    }

    @Test
    void aLastBatchWhoseTailPagesAreZeroIsCut() throws IOException {
        long[] ends = writeInPlaceAndClose(dir, 25);
        long lastBatchStart = ends[ends.length - 2];
        Path segment = activeLog(dir);
        long size = Files.size(segment);
        int lastSize = lastBatchSize(segment, size);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(lastSize / 3), size - lastSize / 3); // written back only in part
        }
        Files.delete(dir.resolve(LogRecovery.CLEAN_SHUTDOWN));

        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(lastBatchStart, log.logEndOffset());
            assertEquals(lastBatchStart, LogFixtures.verifyDerived(log, 0));
            appendInPlaceAndCheck(log, new DerivedEncoder());
        }
    }

    /** Writes {@code batches} batches in place and closes; returns the log end after each (and 0 first). */
    private static long[] writeInPlaceAndClose(Path d, int batches) {
        long[] ends = new long[batches + 1];
        DerivedEncoder encoder = new DerivedEncoder();
        try (PartitionLog log = PartitionLog.open(d, CONFIG)) {
            for (int i = 0; i < batches; i++) {
                log.appendInPlace(8 * 1024, encoder.of(log.logEndOffset(), 10 + i));
                ends[i + 1] = log.logEndOffset();
            }
        }
        return ends;
    }

    private static void appendInPlaceAndCheck(PartitionLog log, DerivedEncoder encoder) {
        long end = log.logEndOffset();
        for (int i = 0; i < 10; i++) {
            log.appendInPlace(8 * 1024, encoder.of(log.logEndOffset(), 9));
        }
        assertEquals(end + 90, log.logEndOffset());
        assertEquals(end + 90, LogFixtures.verifyDerived(log, 0));
    }

    /** Size of the last batch of a cleanly closed (trimmed) segment file of {@code size} bytes. */
    private static int lastBatchSize(Path segment, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
            long p = 0;
            int last = 0;
            while (p < size) {
                header.clear();
                ch.read(header, p);
                last = RecordBatch.LOG_OVERHEAD + header.getInt(RecordBatch.BATCH_LENGTH);
                p += last;
            }
            assertEquals(size, p);
            return last;
        }
    }

    private static Path activeLog(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
            Path last = logs.get(logs.size() - 1);
            assertEquals(SegmentFiles.log(d, Long.parseLong(last.getFileName().toString().replace(".log", ""))), last);
            return last;
        }
    }

    private static void copyFiles(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
