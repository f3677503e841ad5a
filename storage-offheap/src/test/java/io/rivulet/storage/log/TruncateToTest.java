package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rivulet.storage.InvalidOffsetException;
import io.rivulet.storage.batch.RecordBatchBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of {@code truncateTo} that the model property test found. */
class TruncateToTest {
    @TempDir
    Path dir;

    @Test
    void truncatingInsideTheBatchThatStraddlesTheStartLeavesAnEmptyLogStartingAtItsEnd() {
        try (PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 10));
            log.append(LogFixtures.derivedBatch(b, 10, 10));
            log.deleteBefore(4);

            assertEquals(0, log.truncateTo(6)); // the batch 0..9 goes whole

            assertEquals(0, log.logStartOffset());
            assertEquals(0, log.logEndOffset());
            log.append(LogFixtures.derivedBatch(b, 0, 5));
            assertEquals(5, LogFixtures.verifyDerived(log, 0));
        }
        try (PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL)) {
            assertEquals(0, log.logStartOffset());
            assertEquals(5, log.logEndOffset());
        }
    }

    @Test
    void startingOverPastTheEndLetsAFollowerCopyFromItsLeadersLogStart(@TempDir Path leaderDir) {
        try (PartitionLog leader = PartitionLog.open(leaderDir, PartitionLogTest.SMALL);
             PartitionLog follower = PartitionLog.open(dir, PartitionLogTest.SMALL);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            for (long first = 0; first < 40; first += 10) {
                leader.append(LogFixtures.derivedBatch(b, first, 10));
            }
            follower.appendAsFollower(LogFixtures.derivedBatch(b, 0, 10)); // then it was away
            leader.deleteBefore(20); // the leader's retention passed the follower's end

            follower.truncateFullyAndStartAt(leader.logStartOffset());

            assertEquals(20, follower.logStartOffset());
            assertEquals(20, follower.logEndOffset());
            try (LogSlice slice = leader.read(20, 1 << 16)) {
                slice.batches().forEachRemaining(follower::appendAsFollower);
            }
            assertEquals(40, follower.logEndOffset());
            assertEquals(20, LogFixtures.verifyDerived(follower, 20));
        }
        try (PartitionLog follower = PartitionLog.open(dir, PartitionLogTest.SMALL)) {
            assertEquals(20, follower.logStartOffset(), "the new start survives a restart");
            assertEquals(40, follower.logEndOffset());
        }
    }

    @Test
    void startingOverAtANegativeOffsetIsRefused() {
        try (PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL)) {
            assertThrows(InvalidOffsetException.class, () -> log.truncateFullyAndStartAt(-1));
        }
    }
}
