package io.rivulet.storage.log;

import static io.rivulet.storage.log.LogFixtures.keyAt;
import static io.rivulet.storage.log.LogFixtures.timestampAt;
import static io.rivulet.storage.log.LogFixtures.valueAt;
import static io.rivulet.storage.log.LogFixtures.verifyDerived;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.CorruptBatchException;
import io.rivulet.storage.UnsupportedCompressionException;
import io.rivulet.storage.batch.CompressionCodec;
import io.rivulet.storage.batch.KafkaBatches;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.TestRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log holding Kafka producers' compressed batches next to uncompressed ones. */
class CompressedBatchLogTest {
    static final LogConfig SMALL = LogConfig.from(Map.of(
            "segment.bytes", "65536",
            "segment.index.bytes", "4096",
            "index.interval.bytes", "512",
            "max.message.bytes", "16384"));
    static final CompressionCodec[] ROTATION = CompressionCodec.values(); // none, gzip, snappy, lz4, zstd

    @TempDir
    Path dir;

    @Test
    void storesKafkaCompressedBatchesAsSentAndReadsTheirRecords() {
        long next = 0;
        List<byte[]> sent = new ArrayList<>();
        try (PartitionLog log = PartitionLog.open(dir, SMALL)) {
            for (int i = 0; i < 600; i++) { // enough to roll segments
                byte[] raw = KafkaBatches.encode(ROTATION[i % ROTATION.length], derived(next, 1 + i % 13));
                AppendResult result = append(log, raw);
                assertEquals(next, result.firstOffset());
                next = result.lastOffset() + 1;
                sent.add(raw);
            }
            assertTrue(log.segmentCount() > 1, "segments: " + log.segmentCount());
            assertEquals(next, verifyDerived(log, 0));
            assertEquals(next - 500, verifyDerived(log, 500)); // from inside a batch
            assertStoredAsSent(log, sent);
        }
        try (PartitionLog reopened = PartitionLog.open(dir, SMALL)) {
            assertEquals(next, reopened.logEndOffset());
            assertEquals(next, verifyDerived(reopened, 0));
        }
    }

    @Test
    void findsOffsetForTimestampInsideCompressedBatches() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL)) {
            append(log, KafkaBatches.encode(CompressionCodec.ZSTD, derived(0, 10)));
            append(log, KafkaBatches.encode(CompressionCodec.GZIP, derived(10, 10)));
            assertEquals(OptionalLong.of(14), log.offsetForTimestamp(timestampAt(14)));
            assertEquals(OptionalLong.of(3), log.offsetForTimestamp(timestampAt(3)));
            assertEquals(OptionalLong.empty(), log.offsetForTimestamp(timestampAt(20)));
        }
    }

    @Test
    void refusesAnUndefinedCodecAndKeepsTheLogUnchanged() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL)) {
            append(log, KafkaBatches.encode(CompressionCodec.LZ4, derived(0, 3)));
            byte[] bad = KafkaBatches.withCodecId(KafkaBatches.encode(CompressionCodec.LZ4, derived(3, 3)), 6);
            assertThrows(UnsupportedCompressionException.class, () -> append(log, bad));
            assertEquals(3, log.logEndOffset());
        }
    }

    @Test
    void aDamagedPayloadIsStoredButReadersGetCorruptBatch() {
        try (PartitionLog log = PartitionLog.open(dir, SMALL)) {
            byte[] raw = KafkaBatches.truncatedPayload(KafkaBatches.encode(CompressionCodec.GZIP, derived(0, 4)), 5);
            append(log, raw); // never decompressed on append, as a Kafka broker would not
            try (LogSlice slice = log.read(0, 64 * 1024)) {
                RecordBatch batch = slice.batches().next();
                CorruptBatchException e = assertThrows(CorruptBatchException.class, batch::records);
                assertTrue(e.getMessage().contains("gzip-compressed"), e.getMessage());
            }
        }
    }

    static List<TestRecord> derived(long first, int count) {
        List<TestRecord> records = new ArrayList<>();
        for (long o = first; o < first + count; o++) {
            records.add(new TestRecord(timestampAt(o), keyAt(o), valueAt(o), List.of()));
        }
        return records;
    }

    static AppendResult append(PartitionLog log, byte[] raw) {
        return log.append(Bytes.wrapForRead(raw).bytesStore(), 0, raw.length, 0);
    }

    /** The stored bytes are the producer's from the attributes on (so its CRC), only the base offset and epoch stamped. */
    static void assertStoredAsSent(PartitionLog log, List<byte[]> sent) {
        Iterator<byte[]> expected = sent.iterator();
        long next = 0;
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, 64 * 1024)) {
                for (Iterator<RecordBatch> it = slice.batches(); it.hasNext(); ) {
                    RecordBatch stored = it.next();
                    byte[] raw = expected.next();
                    byte[] copy = new byte[stored.sizeInBytes() - RecordBatch.ATTRIBUTES];
                    stored.store().read(stored.position() + RecordBatch.ATTRIBUTES, copy, 0, copy.length);
                    assertArrayEquals(java.util.Arrays.copyOfRange(raw, RecordBatch.ATTRIBUTES, raw.length), copy);
                }
                next = slice.nextOffset();
            }
        }
    }
}
