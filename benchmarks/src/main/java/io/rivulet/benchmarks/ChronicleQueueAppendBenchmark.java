package io.rivulet.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
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
 * The peer for {@link AppendBenchmark}: the same records (timestamp, 16-byte key, value; key +
 * value = recordSize) appended one by one to a Chronicle Queue, one excerpt per record, written
 * in place through {@code writingDocument()} with the queue's defaults (binary wire, chunked
 * mapping, default roll cycle). Score: records per second.
 *
 * <p>Each excerpt is {@code [ts:int64][keyLen:int32][key][valueLen:int32][value]}. A fresh queue per
 * iteration, and a fresh queue in a new directory whenever one passes 1 GiB (the old one is closed
 * and deleted inline, like Rivulet's retention), keep the disk use bounded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ChronicleQueueAppendBenchmark extends ChronicleFork {
    static final long ROTATE_BYTES = 1L << 30;

    @Param({"100", "1024"})
    public int recordSize;

    private Workload workload;
    private Path dir;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private long timestamp;
    private long bytesInQueue;
    private long written;

    @Setup(Level.Trial)
    public void setUpTrial() {
        workload = new Workload(recordSize);
    }

    @Setup(Level.Iteration)
    public void openQueue() {
        open();
        timestamp = Workload.BASE_TIMESTAMP;
        written = 0;
    }

    private void open() {
        dir = Workload.tempDir("chronicle-append-");
        queue = SingleChronicleQueueBuilder.binary(dir).build();
        appender = queue.createAppender();
        bytesInQueue = 0;
    }

    private void close() {
        appender.close();
        queue.close();
        Workload.deleteRecursively(dir);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.RECORDS_PER_INVOCATION)
    public long append() {
        byte[][] keys = workload.keys;
        byte[][] values = workload.values;
        for (int r = 0; r < Workload.RECORDS_PER_INVOCATION; r++) {
            byte[] key = keys[r];
            byte[] value = values[r];
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> b = dc.wire().bytes();
                b.writeLong(timestamp++);
                b.writeInt(key.length);
                b.write(key);
                b.writeInt(value.length);
                b.write(value);
            }
        }
        long last = appender.lastIndexAppended();
        written += Workload.RECORDS_PER_INVOCATION;
        bytesInQueue += (long) Workload.RECORDS_PER_INVOCATION * (workload.recordSize + 20);
        if (bytesInQueue >= ROTATE_BYTES) {
            close();
            open();
        }
        return last;
    }

    @TearDown(Level.Iteration)
    public void closeQueue() {
        System.out.printf("  [chronicle-append] iteration wrote %,d records%n", written);
        close();
    }
}
