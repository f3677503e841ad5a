package io.rivulet.engine.metrics;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Metering adds no allocation to the hot paths: a metered {@link Partition#append} and a reader's report
 * allocate (next to) nothing per batch once compiled, measured with the JVM's per-thread allocation
 * counter. Bytes, not seconds; the early rounds warm up until the JIT has compiled the path.
 */
class HotPathAllocationTest {
    private static final int BATCHES = 2_000;
    private static final int ROUNDS = 15;

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
    void aMeteredAppendAllocatesNothingPerBatch() {
        LogConfig config = LogConfig.from(Map.of("segment.bytes", String.valueOf(64 << 20), "preallocate", "0"));
        try (EngineMetrics metrics = new EngineMetrics();
             RecordBatchBuilder b = new RecordBatchBuilder(16 * 1024)) {
            Partition p = new Partition(new TopicPartition("t", 0), PartitionLog.open(dir, config), metrics);
            try {
                byte[] value = new byte[100];
                double perBatch = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    long allocated = 0;
                    for (int i = 0; i < BATCHES; i++) {
                        b.reset();
                        for (int r = 0; r < 10; r++) {
                            b.append(1_000 + r, null, value);
                        }
                        long before = allocated();
                        p.append(b.build());
                        allocated += allocated() - before;
                    }
                    perBatch = allocated / (double) BATCHES;
                }
                assertTrue(perBatch < 8, "a metered append allocated " + perBatch + " bytes per batch");
            } finally {
                p.close();
            }
        }
    }

    @Test
    void aReadersReportAllocatesNothing() {
        try (EngineMetrics metrics = new EngineMetrics()) {
            Partition p = new Partition(new TopicPartition("t", 0),
                    PartitionLog.open(dir, LogConfig.from(Map.of("preallocate", "0", "segment.bytes", "1048576"))), metrics);
            try {
                PartitionMeters meters = p.meters();
                double perReport = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    long before = allocated();
                    for (int i = 0; i < BATCHES; i++) {
                        meters.delivered(160, 16_384);
                        meters.read(2_000);
                    }
                    perReport = (allocated() - before) / (double) BATCHES;
                }
                assertTrue(perReport < 8, "a reader's report allocated " + perReport + " bytes");
            } finally {
                p.close();
            }
        }
    }

    private long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
