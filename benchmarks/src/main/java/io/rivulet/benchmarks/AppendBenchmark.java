package io.rivulet.benchmarks;

import io.rivulet.storage.batch.BatchWriter;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.BatchEncoder;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rivulet's produce path on one partition: encode records into ~16 KiB Kafka v2 batches with
 * {@link RecordBatchBuilder} and append each batch with {@link PartitionLog#appendFast} (frame
 * check with CRC — the records of a batch built in process are trusted —, offset assignment, copy
 * into the mapped segment, indexing). Score: records per second.
 *
 * <p>One invocation appends {@value Workload#RECORDS_PER_INVOCATION} records: 10 batches of 160
 * at 100 B, 100 batches of 16 at 1 KiB. Segments are 1 GiB with background preallocation, as in
 * production. A roll switches segments on the benchmark thread and leaves the seal of the old one
 * (fsync, trim) to the log's background executor, as in production. One log per trial, so after
 * the first segment (warmup) segments arrive pre-touched from the background when it keeps up;
 * retention (retention.bytes = 1 GiB, checked after every invocation once a roll happened, on the
 * benchmark thread, which renames the files while the background unlinks them) keeps the
 * directory under ~3 GiB: at most one sealed segment, the active one and the preallocated next one.
 *
 * <p>{@link #encodeInPlace} writes the same batches with {@link PartitionLog#appendInPlace}: the records are
 * encoded straight into the active segment's mapping (room {@value #IN_PLACE_ROOM} bytes per batch), one
 * CRC computed there, no builder buffer and no copy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AppendBenchmark extends ChronicleFork {
    static final long SEGMENT_BYTES = 1L << 30;
    /** Room asked for per in-place batch: the largest batch here (17,693 B at 100 B) with margin. */
    static final int IN_PLACE_ROOM = 32 * 1024;

    @Param({"100", "1024"})
    public int recordSize;

    private Workload workload;
    private RecordBatchBuilder builder;
    private ExecutorService background;
    private int batches;
    private int perBatch;
    private Path dir;
    private PartitionLog log;
    private long timestamp;
    private long iterationStart;
    private final WorkloadEncoder inPlace = new WorkloadEncoder();

    /** Encodes one batch of the workload into the writer the log hands it; re-armed per batch. */
    private final class WorkloadEncoder implements BatchEncoder {
        private int from;

        WorkloadEncoder of(int from) {
            this.from = from;
            return this;
        }

        @Override
        public void encode(BatchWriter batch) {
            byte[][] keys = workload.keys;
            byte[][] values = workload.values;
            for (int i = 0; i < perBatch; i++) {
                int r = (from + i) % Workload.RECORDS_PER_INVOCATION;
                if (!batch.append(timestamp + i, keys[r], values[r])) {
                    throw new IllegalStateException("a batch of " + perBatch + " records does not fit in "
                            + IN_PLACE_ROOM + " bytes");
                }
            }
        }
    }

    @Setup(Level.Trial)
    public void setUpTrial() {
        workload = new Workload(recordSize);
        batches = workload.batchesPerInvocation();
        perBatch = workload.recordsPerBatch();
        builder = new RecordBatchBuilder(Workload.TARGET_BATCH_BYTES * 2);
        background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rivulet-background");
            t.setDaemon(true);
            return t;
        });
        dir = Workload.tempDir("rivulet-append-");
        log = PartitionLog.open(dir, Workload.logConfig(SEGMENT_BYTES, Boolean.parseBoolean(System.getProperty("rivulet.bench.preallocate", "true")), SEGMENT_BYTES), Clock.systemUTC(), background);
        timestamp = Workload.BASE_TIMESTAMP;
        workload.encode(builder, 0, perBatch, Workload.BASE_TIMESTAMP);
        System.out.printf("%n[append] recordSize=%d: %d batches x %d records per invocation, %d bytes per batch%n",
                recordSize, batches, perBatch, builder.build().sizeInBytes());
    }

    @Benchmark
    @OperationsPerInvocation(Workload.RECORDS_PER_INVOCATION)
    public long encodeAndAppend() {
        long first = -1;
        int from = 0;
        for (int b = 0; b < batches; b++) {
            workload.encode(builder, from, perBatch, timestamp);
            first = log.appendFast(builder.build());
            from += perBatch;
            timestamp += perBatch;
        }
        if (log.segmentCount() > 1) {
            log.applyRetention();
        }
        return first;
    }

    /**
     * The same records and batches as {@link #encodeAndAppend}, encoded in place in the segment
     * ({@link PartitionLog#appendInPlace}): one pass over each byte to write it, one to CRC it.
     */
    @Benchmark
    @OperationsPerInvocation(Workload.RECORDS_PER_INVOCATION)
    public long encodeInPlace() {
        long first = -1;
        int from = 0;
        for (int b = 0; b < batches; b++) {
            first = log.appendInPlace(IN_PLACE_ROOM, inPlace.of(from));
            from += perBatch;
            timestamp += perBatch;
        }
        if (log.segmentCount() > 1) {
            log.applyRetention();
        }
        return first;
    }

    /**
     * The encoding half alone (builder, header, CRC; no log): what the produce path costs before
     * the log sees a batch. Not a comparison with the peer, a breakdown of {@link #encodeAndAppend}.
     */
    @Benchmark
    @OperationsPerInvocation(Workload.RECORDS_PER_INVOCATION)
    public int encodeOnly() {
        int bytes = 0;
        int from = 0;
        for (int b = 0; b < batches; b++) {
            workload.encode(builder, from, perBatch, timestamp);
            bytes += builder.build().sizeInBytes();
            from += perBatch;
            timestamp += perBatch;
        }
        return bytes;
    }

    @Setup(Level.Iteration)
    public void markIteration() {
        iterationStart = log.logEndOffset();
    }

    @TearDown(Level.Iteration)
    public void reportIteration() {
        System.out.printf("  [append] iteration wrote %,d records; log: %d segment(s), %,d bytes%n",
                log.logEndOffset() - iterationStart, log.segmentCount(), log.sizeInBytes());
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() {
        log.close();
        builder.close();
        background.shutdownNow();
        Workload.deleteRecursively(dir);
    }
}
