package io.rivulet.benchmarks;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.metrics.PartitionMeters;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.PartitionLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the meters cost the hot path, per batch: {@link PartitionMeters#appended} (two counters and a
 * histogram timer, through the engine's composite into its Prometheus registry) and
 * {@link PartitionMeters#delivered} (two counters, once per reader drain), against a metered
 * {@link Partition#append} of one ~16 KiB batch of 100-byte records and the unmetered
 * {@link PartitionLog#appendFast} of the same batch. Score: nanoseconds per batch; run with
 * {@code -prof gc} for bytes allocated per batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PartitionMetersBenchmark extends ChronicleFork {
    private EngineMetrics metrics;
    private PartitionMeters meters;
    private ExecutorService background;
    private Path dir;
    private PartitionLog log;
    private Partition partition;
    private RecordBatchBuilder builder;
    private RecordBatch batch;

    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = new Workload(100);
        builder = new RecordBatchBuilder(Workload.TARGET_BATCH_BYTES * 2);
        workload.encode(builder, 0, workload.recordsPerBatch(), Workload.BASE_TIMESTAMP);
        batch = builder.build();
        background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rivulet-background");
            t.setDaemon(true);
            return t;
        });
        dir = Workload.tempDir("rivulet-meters-");
        log = PartitionLog.open(dir.resolve("0"), Workload.logConfig(AppendBenchmark.SEGMENT_BYTES, true,
                AppendBenchmark.SEGMENT_BYTES), Clock.systemUTC(), background);
        metrics = new EngineMetrics();
        partition = new Partition(new TopicPartition("bench", 0), log, metrics);
        meters = partition.meters();
    }

    @Benchmark
    public void metersAppended() {
        meters.appended(160, 16_384, 2_500);
    }

    @Benchmark
    public void metersDelivered() {
        meters.delivered(160, 16_384);
    }

    @Benchmark
    public long partitionAppend() {
        long first = partition.append(batch);
        if (log.segmentCount() > 1) {
            log.applyRetention();
        }
        return first;
    }

    @Benchmark
    public long logAppendFast() {
        long first = log.appendFast(batch);
        if (log.segmentCount() > 1) {
            log.applyRetention();
        }
        return first;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        partition.close();
        metrics.close();
        Workload.deleteRecursively(dir);
        builder.close();
        background.shutdownNow();
    }
}
