package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.LogIOException;
import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader-epoch history a {@link PartitionLog} keeps: through appends, truncation, retention and reopening. */
class LeaderEpochLogTest {
    private static final LogConfig CONFIG = PartitionLogTest.SMALL;

    @TempDir
    Path dir;

    private static List<EpochEntry> entries(long... epochAndStart) {
        List<EpochEntry> out = new ArrayList<>();
        for (int i = 0; i < epochAndStart.length; i += 2) {
            out.add(new EpochEntry((int) epochAndStart[i], epochAndStart[i + 1]));
        }
        return out;
    }

    /** Appends {@code count} derived records at {@code epoch} as the leader. */
    private static void append(PartitionLog log, RecordBatchBuilder b, int epoch, int count) {
        log.append(LogFixtures.derivedBatch(b, log.logEndOffset(), count), epoch);
    }

    private static List<EpochEntry> checkpointOnDisk(Path d) throws Exception {
        return LeaderEpochCheckpoint.read(d).entries();
    }

    @Test
    void aNewEpochStartsAtTheBaseOffsetOfItsFirstBatch() throws Exception {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            assertEquals(-1, log.latestEpoch());
            append(log, b, 0, 5);
            append(log, b, 0, 5);
            append(log, b, 2, 3);
            append(log, b, 2, 3);
            append(log, b, 1, 4); // a stale leader's epoch is not recorded

            assertEquals(2, log.latestEpoch());
            assertEquals(entries(0, 0, 2, 10), log.epochHistory().entries());
            assertEquals(entries(0, 0, 2, 10), checkpointOnDisk(dir));
            assertEquals(new EpochEnd(0, 10), log.endOffsetForEpoch(0));
            assertEquals(new EpochEnd(0, 10), log.endOffsetForEpoch(1));
            assertEquals(new EpochEnd(2, 20), log.endOffsetForEpoch(2));
            assertEquals(new EpochEnd(2, 20), log.endOffsetForEpoch(7));
            assertEquals(EpochEnd.UNDEFINED, log.endOffsetForEpoch(-1));
        }
    }

    @Test
    void appendsWithoutAnEpochRecordNoneAndWriteNoFile() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 5));
            log.appendFast(LogFixtures.derivedBatch(b, 5, 5));
            assertEquals(-1, log.latestEpoch());
            assertEquals(EpochEnd.UNDEFINED, log.endOffsetForEpoch(3));
        }
        assertFalse(Files.exists(dir.resolve(LeaderEpochCheckpoint.FILE_NAME)));
    }

    @Test
    void everyLeaderAppendPathRecordsItsEpoch() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.appendFast(LogFixtures.derivedBatch(b, 0, 3), 1);
            RecordBatch built = LogFixtures.derivedBatch(b, 3, 3);
            log.append(built.store(), built.position(), built.sizeInBytes(), 4);
            log.append(LogFixtures.derivedBatch(b, 6, 3), 6);
            assertEquals(entries(1, 0, 4, 3, 6, 6), log.epochHistory().entries());
        }
    }

    @Test
    void theCheckpointIsWrittenOnlyWhenTheHistoryChanges() {
        Path file = dir.resolve(LeaderEpochCheckpoint.FILE_NAME);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 3, 5);
            assertTrue(Files.exists(file));
            Files.delete(file);
            append(log, b, 3, 5);
            append(log, b, 2, 5);
            assertFalse(Files.exists(file), "appends in a known epoch leave the file alone");
            append(log, b, 4, 5);
            assertTrue(Files.exists(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFollowerRecordsTheEpochsItsLeaderStampedOnTheBatches() {
        try (PartitionLog leader = PartitionLog.open(dir.resolve("leader"), CONFIG);
             PartitionLog follower = PartitionLog.open(dir.resolve("follower"), CONFIG);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(leader, b, 0, 4);
            append(leader, b, 0, 4);
            append(leader, b, 3, 2);
            append(leader, b, 5, 1);
            append(leader, b, 5, 3);

            replicate(leader, follower);

            assertEquals(entries(0, 0, 3, 8, 5, 10), follower.epochHistory().entries());
            assertEquals(leader.epochHistory(), follower.epochHistory());
            assertEquals(5, follower.latestEpoch());
        }
    }

    @Test
    void truncateToForgetsTheEpochsThatStartedAtOrAfterTheNewEnd() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
            append(log, b, 1, 5);
            append(log, b, 2, 5);
            append(log, b, 2, 5);

            assertEquals(10, log.truncateTo(12)); // inside epoch 2's first batch: the whole batch goes
            assertEquals(1, log.latestEpoch());
            assertEquals(new EpochEnd(1, 10), log.endOffsetForEpoch(2));

            append(log, b, 7, 2);
            assertEquals(entries(0, 0, 1, 5, 7, 10), log.epochHistory().entries());
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(entries(0, 0, 1, 5, 7, 10), log.epochHistory().entries());
        }
    }

    @Test
    void truncatingBelowTheLogStartForgetsEveryEpoch() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
            append(log, b, 1, 5);
            log.deleteBefore(5);

            assertEquals(3, log.truncateTo(3));

            assertEquals(-1, log.latestEpoch());
            append(log, b, 4, 2);
            assertEquals(entries(4, 3), log.epochHistory().entries());
        }
    }

    @Test
    void deleteBeforeMovesTheStartOfTheEpochThatStraddlesTheNewLogStart() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
            append(log, b, 1, 5);
            append(log, b, 2, 5);
            log.deleteBefore(7);
            assertEquals(entries(1, 7, 2, 10), log.epochHistory().entries());
            assertEquals(EpochEnd.UNDEFINED, log.endOffsetForEpoch(0));
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(entries(1, 7, 2, 10), log.epochHistory().entries(), "trimmed against the log start on open");
        }
    }

    @Test
    void retentionDropsTheEpochsOfTheSegmentsItDeletes() {
        LogConfig config = CONFIG.with("retention.ms", -1).with("retention.bytes", 20_000);
        try (PartitionLog log = PartitionLog.open(dir, config, new LogFixtures.MutableClock(0), null);
             RecordBatchBuilder b = new RecordBatchBuilder(4096)) {
            for (int epoch = 0; epoch < 4; epoch++) {
                for (int i = 0; i < 100; i++) {
                    append(log, b, epoch, 10);
                }
            }
            assertTrue(log.segmentCount() > 3, "segments " + log.segmentBaseOffsets());
            assertTrue(log.applyRetention() > 0);

            long start = log.logStartOffset();
            List<EpochEntry> kept = log.epochHistory().entries();
            assertEquals(start, kept.get(0).startOffset());
            assertEquals((int) (start / 1000), kept.get(0).epoch(), "the epoch that wrote the new first offset");
            assertEquals(3, log.latestEpoch());
        }
    }

    @Test
    void theHistoryIsReadBackAfterACleanRestart() {
        List<EpochEntry> before;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
            append(log, b, 2, 5);
            append(log, b, 9, 5);
            before = log.epochHistory().entries();
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            assertTrue(log.recoveredCleanly());
            assertEquals(before, log.epochHistory().entries());
            assertEquals(new EpochEnd(2, 10), log.endOffsetForEpoch(5));
            append(log, b, 9, 5); // no new entry for the epoch it already knows
            assertEquals(before, log.epochHistory().entries());
        }
    }

    @Test
    void theHistorySurvivesACrash() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
            append(log, b, 2, 5);
        }
        simulateCrash(dir);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertFalse(log.recoveredCleanly());
            assertEquals(entries(0, 0, 2, 5), log.epochHistory().entries());
        }
    }

    @Test
    void anEpochWhoseBatchesATornTailTookIsDroppedOnOpen() throws Exception {
        long positionOfLast;
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
            append(log, b, 1, 5);
            positionOfLast = log.sizeInBytes();
            append(log, b, 2, 5);
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("00000000000000000000.log"), StandardOpenOption.WRITE)) {
            ch.truncate(positionOfLast + 20);
        }
        simulateCrash(dir);
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(10, log.logEndOffset());
            assertEquals(1, log.latestEpoch());
            assertEquals(entries(0, 0, 1, 5), checkpointOnDisk(dir), "the file no longer names epoch 2");
        }
    }

    @Test
    void aCorruptCheckpointIsRebuiltFromTheBatches() throws Exception {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
            append(log, b, 3, 5);
            append(log, b, 3, 5);
            append(log, b, 6, 5);
            log.deleteBefore(2);
        }
        Files.writeString(dir.resolve(LeaderEpochCheckpoint.FILE_NAME), "0\n2\n0 0\nnot a number\n");
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            assertEquals(entries(0, 2, 3, 5, 6, 15), log.epochHistory().entries());
            assertEquals(entries(0, 2, 3, 5, 6, 15), checkpointOnDisk(dir));
        }
    }

    @Test
    void anUnreadableCheckpointFailsTheOpenClearlyAndLeavesNothingMapped() throws Exception {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(log, b, 0, 5);
        }
        Path file = dir.resolve(LeaderEpochCheckpoint.FILE_NAME);
        Files.delete(file);
        Files.createDirectory(file); // reading it fails with an I/O error, not a parse error
        LogIOException e = assertThrows(LogIOException.class, () -> PartitionLog.open(dir, CONFIG));
        assertTrue(e.getMessage().contains(LeaderEpochCheckpoint.FILE_NAME), e.getMessage());
        assertEquals(List.of(), LogFixtures.mappedFilesUnder(dir));
    }

    /**
     * KIP-101's divergence: leader A has epoch-0 records up to offset 10; follower B had copied up to
     * 8 when it briefly led in epoch 1 and wrote two records A never had. A leads again in epoch 2.
     * B asks A where B's latest epoch ends, truncates to the smaller of A's answer and its own end
     * for the epoch A answered with, and from there copies A: it ends up as a prefix of A, then equal.
     */
    @Test
    void aDivergedFollowerTruncatesToTheLeadersEpochEndAndBecomesAPrefixOfTheLeader() {
        try (PartitionLog a = PartitionLog.open(dir.resolve("a"), CONFIG);
             PartitionLog bLog = PartitionLog.open(dir.resolve("b"), CONFIG);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            append(a, b, 0, 4);
            append(a, b, 0, 4);
            replicate(a, bLog); // B has 0..7
            append(a, b, 0, 2); // A has 0..9; B never got 8..9
            b.reset().append(42, "k".getBytes(StandardCharsets.UTF_8), "divergent".getBytes(StandardCharsets.UTF_8))
                    .append(43, "k".getBytes(StandardCharsets.UTF_8), "divergent".getBytes(StandardCharsets.UTF_8));
            bLog.append(b.build(), 1); // B leads briefly in epoch 1: offsets 8..9 that A never had
            append(a, b, 2, 3); // A leads in epoch 2: 10..12
            assertEquals(10, bLog.logEndOffset());

            EpochEnd leaderAnswer = a.endOffsetForEpoch(bLog.latestEpoch());
            assertEquals(new EpochEnd(0, 10), leaderAnswer);
            EpochEnd own = bLog.endOffsetForEpoch(leaderAnswer.epoch());
            assertEquals(new EpochEnd(0, 8), own);
            long truncateAt = Math.min(Math.min(leaderAnswer.endOffset(), own.endOffset()), bLog.logEndOffset());

            assertEquals(8, bLog.truncateTo(truncateAt));
            List<String> leaderRecords = records(a);
            assertEquals(leaderRecords.subList(0, 8), records(bLog), "a prefix of the leader");
            assertEquals(0, bLog.latestEpoch());

            replicate(a, bLog);
            assertEquals(leaderRecords, records(bLog));
            assertEquals(a.epochHistory(), bLog.epochHistory());
        }
    }

    /** Copies the leader's batches from the follower's log end, as a follower fetches them. */
    private static void replicate(PartitionLog leader, PartitionLog follower) {
        while (follower.logEndOffset() < leader.logEndOffset()) {
            try (LogSlice slice = leader.read(follower.logEndOffset(), 1 << 16)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    follower.appendAsFollower(batches.next());
                }
            }
        }
    }

    /** Every record as "offset epoch value". */
    private static List<String> records(PartitionLog log) {
        List<String> out = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, 1 << 16)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordBatch batch = batches.next();
                    RecordIterator it = batch.records();
                    while (it.hasNext()) {
                        BatchRecord r = it.next();
                        out.add(r.offset() + " " + batch.partitionLeaderEpoch() + " "
                                + new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
                next = slice.nextOffset();
            }
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
}
