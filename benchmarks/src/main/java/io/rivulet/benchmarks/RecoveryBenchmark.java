package io.rivulet.benchmarks;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to open a log whose only (active) segment holds ~1 GiB, as after a kill
 * ({@code shutdown=crash}: the {@code .clean-shutdown} marker is deleted before every open, so
 * recovery validates the tail from the last index entry) and after a clean close
 * ({@code shutdown=clean}). One invocation = one {@code PartitionLog.open}; the log is closed
 * outside the measurement. The segment stays in the page cache between invocations, so this is
 * the warm-cache restart time (a cold cache adds reading whatever recovery touches).
 *
 * <p>Simulation limits: the "crashed" segment was trimmed by an earlier clean close and only the
 * marker was removed; a real kill leaves the file at its full preallocated length with zeros
 * after the end and untrimmed index files. Recovery reads the same bytes in both cases.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class RecoveryBenchmark extends ChronicleFork {
    static final long FILL_BYTES = 1L << 30;
    /** 1 GiB + 64 MiB, so the 1 GiB of data stays in one active segment. */
    static final long SEGMENT_BYTES = FILL_BYTES + (64L << 20);
    static final String CLEAN_SHUTDOWN = ".clean-shutdown";

    @Param({"crash", "clean"})
    public String shutdown;

    private Path dir;
    private LogConfig config;
    private long expectedEnd;
    private PartitionLog log;

    @Setup(Level.Trial)
    public void fill() {
        Workload workload = new Workload(1024);
        dir = Workload.tempDir("rivulet-recovery-");
        config = Workload.logConfig(SEGMENT_BYTES, false, -1);
        PartitionLog filling = PartitionLog.open(dir, config);
        try (RecordBatchBuilder builder = new RecordBatchBuilder(Workload.TARGET_BATCH_BYTES * 2)) {
            long perRound = 64L * workload.recordsPerBatch();
            while (filling.sizeInBytes() < FILL_BYTES) {
                workload.fill(filling, builder, perRound);
            }
        }
        expectedEnd = filling.logEndOffset();
        System.out.printf("%n[recovery] active segment: %,d bytes, %,d records, %d segment(s)%n",
                filling.sizeInBytes(), expectedEnd, filling.segmentCount());
        filling.close();
    }

    @Setup(Level.Invocation)
    public void prepare() throws IOException {
        if (shutdown.equals("crash")) {
            Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN));
        } else if (!Files.exists(dir.resolve(CLEAN_SHUTDOWN))) {
            throw new IllegalStateException("clean-shutdown marker missing");
        }
    }

    @Benchmark
    public PartitionLog open() {
        log = PartitionLog.open(dir, config);
        return log;
    }

    @TearDown(Level.Invocation)
    public void check() {
        try {
            boolean wantClean = shutdown.equals("clean");
            if (log.recoveredCleanly() != wantClean || log.logEndOffset() != expectedEnd) {
                throw new IllegalStateException("opened " + (log.recoveredCleanly() ? "clean" : "after crash")
                        + " with end " + log.logEndOffset() + ", expected " + shutdown + " with end " + expectedEnd);
            }
        } finally {
            log.close();
            log = null;
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        Workload.deleteRecursively(dir);
    }

}
