package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append and read paths allocate nothing per batch (STYLE: no allocation on hot paths),
 * measured with the JVM's per-thread allocation counter. Not a timing test: bytes, not seconds.
 * The first round warms up (class loading, lazy initialisation); the last one is measured.
 */
class HotPathAllocationTest {
    private static final int BATCHES = 1000;
    private static final int RECORDS = 100;
    static final LogConfig CONFIG = LogConfig.from(Map.of("segment.bytes", String.valueOf(64 << 20)));

    @TempDir
    Path dir;
    private com.sun.management.ThreadMXBean threads;

    @BeforeEach
    void allocationCounter() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    }

    @Test
    void appendFastOfABuiltBatchAllocatesNothingPerBatch() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(16 * 1024)) {
            byte[] key = new byte[16];
            byte[] value = new byte[84];
            double perBatch = 0;
            for (int round = 0; round < 3; round++) {
                long allocated = 0;
                for (int i = 0; i < BATCHES; i++) {
                    b.reset();
                    for (int r = 0; r < RECORDS; r++) {
                        b.append(1_000 + r, key, value);
                    }
                    RecordBatch batch = b.build();
                    long before = allocatedByThisThread();
                    long first = log.appendFast(batch);
                    allocated += allocatedByThisThread() - before;
                    assertEquals(log.logEndOffset() - RECORDS, first);
                }
                perBatch = allocated / (double) BATCHES;
            }
            assertTrue(perBatch < 8, "appendFast allocated " + perBatch + " bytes per batch");
        }
    }

    @Test
    void appendInPlaceAllocatesNothingPerBatch() {
        byte[] key = new byte[16];
        byte[] value = new byte[84];
        BatchEncoder encoder = batch -> {
            for (int r = 0; r < RECORDS; r++) {
                batch.append(1_000 + r, key, value);
            }
        }; // one capturing lambda, made once: a hot path keeps its encoder
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            double perBatch = 0;
            for (int round = 0; round < 3; round++) {
                long before = allocatedByThisThread();
                for (int i = 0; i < BATCHES; i++) {
                    long end = log.logEndOffset();
                    assertEquals(end, log.appendInPlace(16 * 1024, encoder));
                }
                perBatch = (allocatedByThisThread() - before) / (double) BATCHES;
            }
            assertEquals(3L * BATCHES * RECORDS, log.logEndOffset());
            assertTrue(perBatch < 8, "appendInPlace (encoding included) allocated " + perBatch + " bytes per batch");
        }
    }

    @Test
    void readingWithAReusedIteratorAllocatesOnlyPerSlice() {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG); RecordBatchBuilder b = new RecordBatchBuilder(16 * 1024)) {
            for (int i = 0; i < BATCHES; i++) {
                log.appendFast(LogFixtures.derivedBatch(b, log.logEndOffset(), 50));
            }
            RecordIterator records = new RecordIterator();
            double perBatch = 0;
            for (int round = 0; round < 3; round++) {
                long batches = 0;
                long before = allocatedByThisThread();
                long offset = 0;
                while (offset < log.logEndOffset()) {
                    try (LogSlice slice = log.read(offset, 1 << 20)) {
                        Iterator<RecordBatch> it = slice.batches();
                        while (it.hasNext()) {
                            RecordIterator r = it.next().records(records);
                            while (r.hasNext()) {
                                r.next();
                            }
                            batches++;
                        }
                        offset = slice.nextOffset();
                    }
                }
                perBatch = (allocatedByThisThread() - before) / (double) batches;
            }
            assertTrue(perBatch < 16, "reading allocated " + perBatch + " bytes per batch");
        }
    }

    private long allocatedByThisThread() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
