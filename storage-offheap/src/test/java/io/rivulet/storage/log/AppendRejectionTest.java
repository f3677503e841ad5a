package io.rivulet.storage.log;

import static io.rivulet.storage.batch.HandWrittenBatch.BASE_TIMESTAMP;
import static io.rivulet.storage.batch.HandWrittenBatch.batch;
import static io.rivulet.storage.batch.HandWrittenBatch.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.CorruptBatchException;
import io.rivulet.storage.InvalidOffsetException;
import io.rivulet.storage.batch.KafkaBatches;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends the log refuses leave it as it was: same end, same records and epochs, and the next valid append works. */
class AppendRejectionTest {
    @TempDir
    Path dir;

    @Test
    void aFollowerBatchThatDoesNotStartAtTheLogEndIsRefusedAndTheLogIsUntouched() {
        try (PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.appendAsFollower(stamped(LogFixtures.derivedBatch(b, 0, 10), 0, 3));
            long size = log.sizeInBytes();

            for (long base : new long[] {5, 9, 11, 20}) { // an overlap, and a gap
                RecordBatch bad = stamped(LogFixtures.derivedBatch(b, base, 5), base, 4); // a newer epoch too
                InvalidOffsetException e = assertThrows(InvalidOffsetException.class, () -> log.appendAsFollower(bad));
                assertTrue(e.getMessage().contains("batch starts at offset " + base), e.getMessage());
                assertTrue(e.getMessage().contains("ends at 10"), e.getMessage());

                assertEquals(10, log.logEndOffset());
                assertEquals(size, log.sizeInBytes());
                assertEquals(3, log.latestEpoch(), "the refused batch's epoch was not recorded");
                assertEquals(10, LogFixtures.verifyDerived(log, 0));
            }

            AppendResult ok = log.appendAsFollower(stamped(LogFixtures.derivedBatch(b, 10, 5), 10, 4));
            assertEquals(10, ok.firstOffset());
            assertEquals(15, log.logEndOffset());
            assertEquals(4, log.latestEpoch());
            assertEquals(15, LogFixtures.verifyDerived(log, 0));
        }
    }

    @Test
    void foreignBytesWithOffsetDeltasOutOfOrderAreRefusedAndTheLogIsUntouched() {
        try (PartitionLog log = PartitionLog.open(dir, PartitionLogTest.SMALL);
             RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            log.append(LogFixtures.derivedBatch(b, 0, 4));
            long size = log.sizeInBytes();
            byte[] swapped = batch(BASE_TIMESTAMP, record(0, 0, "a"), record(0, 2, "b"), record(0, 1, "c"));
            byte[] repeated = batch(BASE_TIMESTAMP, record(0, 0, "a"), record(0, 0, "b"));

            for (byte[] raw : new byte[][] {swapped, repeated}) {
                // As the produce path hands the log bytes from the network: validated record by record.
                CorruptBatchException e = assertThrows(CorruptBatchException.class,
                        () -> log.append(Bytes.wrapForRead(raw).bytesStore(), 0, raw.length, 0));
                assertTrue(e.getMessage().contains("record 1 has offset delta"), e.getMessage());
                assertTrue(e.getMessage().contains("in order"), e.getMessage());
                // A flyweight wrapped outside a builder gets the same walk.
                assertThrows(CorruptBatchException.class, () -> log.append(KafkaBatches.wrap(raw)));

                assertEquals(4, log.logEndOffset());
                assertEquals(size, log.sizeInBytes());
                assertEquals(4, LogFixtures.verifyDerived(log, 0));
            }

            log.append(LogFixtures.derivedBatch(b, 4, 3));
            assertEquals(7, log.logEndOffset());
            assertEquals(7, LogFixtures.verifyDerived(log, 0));
        }
    }

    /** {@code batch} with the base offset and leader epoch a leader stamped (both outside the CRC). */
    private static RecordBatch stamped(RecordBatch batch, long baseOffset, int epoch) {
        RecordBatch.writeBaseOffset(batch.store(), batch.position(), baseOffset);
        RecordBatch.writePartitionLeaderEpoch(batch.store(), batch.position(), epoch);
        return batch;
    }
}
