package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
