package io.rivulet.benchmarks;

import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
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
 * Sequential read and decode of {@value Workload#READ_RECORDS} prefilled records (the pages are
 * in the page cache after the fill, so this is the hot-tail read of a consumer keeping up), and the
 * same records read back through a Chronicle Queue tailer as the peer. Score: records per second.
 *
 * <p>Rivulet: {@code read(offset, 1 MiB)} slices from offset 0 to the end, every batch's records
 * iterated in place through one reused {@link RecordIterator}, key and value lengths summed. Chronicle Queue: {@code toStart()}, then one
 * {@code readingDocument()} per excerpt, timestamp, key length and value length read, key and value
 * skipped.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ReadBenchmark extends ChronicleFork {
    static final int MAX_BYTES = 1 << 20;

    /** A Rivulet log holding {@link Workload#READ_RECORDS} records in ~16 KiB batches. */
    @State(Scope.Thread)
    public static class RivuletLog {
        @Param({"100", "1024"})
        public int recordSize;

        Path dir;
        PartitionLog log;

        @Setup(Level.Trial)
        public void fill() {
            Workload workload = new Workload(recordSize);
            dir = Workload.tempDir("rivulet-read-");
            log = PartitionLog.open(dir, Workload.logConfig(AppendBenchmark.SEGMENT_BYTES, false, -1));
            try (RecordBatchBuilder builder = new RecordBatchBuilder(Workload.TARGET_BATCH_BYTES * 2)) {
                workload.fill(log, builder, Workload.READ_RECORDS);
            }
            System.out.printf("%n[read] rivulet log: %,d records, %,d bytes%n", log.logEndOffset(), log.sizeInBytes());
        }

        @TearDown(Level.Trial)
        public void delete() {
            log.close();
            Workload.deleteRecursively(dir);
        }
    }

    /** A Chronicle Queue holding the same records, one excerpt each. */
    @State(Scope.Thread)
    public static class ChronicleQueueLog {
        @Param({"100", "1024"})
        public int recordSize;

        Path dir;
        SingleChronicleQueue queue;
        ExcerptTailer tailer;

        @Setup(Level.Trial)
        public void fill() {
            Workload workload = new Workload(recordSize);
            dir = Workload.tempDir("chronicle-read-");
            queue = SingleChronicleQueueBuilder.binary(dir).build();
            try (ExcerptAppender appender = queue.createAppender()) {
                long ts = Workload.BASE_TIMESTAMP;
                for (int i = 0; i < Workload.READ_RECORDS; i++) {
                    int r = i % Workload.RECORDS_PER_INVOCATION;
                    try (DocumentContext dc = appender.writingDocument()) {
                        Bytes<?> b = dc.wire().bytes();
                        b.writeLong(ts++);
                        b.writeInt(workload.keys[r].length);
                        b.write(workload.keys[r]);
                        b.writeInt(workload.values[r].length);
                        b.write(workload.values[r]);
                    }
                }
            }
            tailer = queue.createTailer();
        }

        @TearDown(Level.Trial)
        public void delete() {
            tailer.close();
            queue.close();
            Workload.deleteRecursively(dir);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.READ_RECORDS)
    public long rivuletReadDecode(RivuletLog state) {
        PartitionLog log = state.log;
        long end = log.logEndOffset();
        long offset = 0;
        long sum = 0;
        long records = 0;
        RecordIterator reused = new RecordIterator();
        while (offset < end) {
            try (LogSlice slice = log.read(offset, MAX_BYTES)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordIterator it = batches.next().records(reused);
                    while (it.hasNext()) {
                        BatchRecord r = it.next();
                        sum += r.keyLength() + r.valueLength();
                        records++;
                    }
                }
                offset = slice.nextOffset();
            }
        }
        if (records != Workload.READ_RECORDS) {
            throw new IllegalStateException("read " + records + " records, expected " + Workload.READ_RECORDS);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(Workload.READ_RECORDS)
    public long chronicleQueueTail(ChronicleQueueLog state) {
        ExcerptTailer tailer = state.tailer.toStart();
        long sum = 0;
        long records = 0;
        for (;;) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                Bytes<?> b = dc.wire().bytes();
                sum += b.readLong() & 1;
                int keyLength = b.readInt();
                b.readSkip(keyLength);
                int valueLength = b.readInt();
                b.readSkip(valueLength);
                sum += keyLength + valueLength;
                records++;
            }
        }
        if (records != Workload.READ_RECORDS) {
            throw new IllegalStateException("read " + records + " records, expected " + Workload.READ_RECORDS);
        }
        return sum;
    }
}
