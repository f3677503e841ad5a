package io.rivulet.benchmarks;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The Chronicle Queue peer of {@code rivulet perf}: the same records appended (and, in e2e mode, tailed
 * by a second thread) with Chronicle Queue's defaults, ending with the same one-line JSON result, so
 * {@code benchmarks/compare-engine.sh} can put the two side by side.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.rivulet.benchmarks.QueuePerf produce|e2e RECORDS RECORD_SIZE [THROUGHPUT [WARMUP]]</pre>
 *
 * Each excerpt is {@code [sendNanos:int64][keyLen:int32][key 16 B][valueLen:int32][value]}, key + value =
 * RECORD_SIZE, as in {@link Workload}. THROUGHPUT (records/s, e2e only) paces the writer; -1 or absent
 * means as fast as it goes. e2e latency is send → read by the tailer.
 */
public final class QueuePerf {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int records = Integer.parseInt(args[1]);
        int recordSize = Integer.parseInt(args[2]);
        long throughput = args.length > 3 ? Long.parseLong(args[3]) : -1;
        long warmup = args.length > 4 ? Long.parseLong(args[4]) : 0;
        Path dir = Files.createTempDirectory("rivulet-queueperf");
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build()) {
            byte[] key = new byte[16];
            byte[] value = new byte[recordSize - 16];
            long[] latencies = mode.equals("e2e") ? new long[records] : null;
            ExcerptAppender appender = queue.createAppender();
            // As rivulet perf --warmup-records: the same records first, unpaced and unmeasured, so the JIT and
            // the queue's files are warm; the tailer starts after them.
            for (long i = 0; i < warmup; i++) {
                append(appender, key, value);
            }
            // Placed at the end here, before the measured appends, so it reads exactly those.
            Thread tailer = latencies == null ? null : startTailer(queue.createTailer().toEnd(), records, latencies);
            long start = System.nanoTime();
            long interval = throughput > 0 ? 1_000_000_000L / throughput : 0;
            for (int i = 0; i < records; i++) {
                if (interval > 0) {
                    long due = start + i * interval;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.max(1, due - System.nanoTime() - 50_000));
                    }
                }
                append(appender, key, value);
            }
            if (tailer != null) {
                tailer.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(json(mode, records, (long) records * recordSize, seconds, latencies));
        } finally {
            Workload.deleteRecursively(dir);
        }
    }

    private static void append(ExcerptAppender appender, byte[] key, byte[] value) {
        try (DocumentContext dc = appender.writingDocument()) {
            var b = dc.wire().bytes();
            b.writeLong(System.nanoTime());
            b.writeInt(key.length);
            b.write(key);
            b.writeInt(value.length);
            b.write(value);
        }
    }

    private static Thread startTailer(ExcerptTailer tailer, int records, long[] latencies) {
        Thread t = new Thread(() -> {
            int n = 0;
            while (n < records) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        continue;
                    }
                    var b = dc.wire().bytes();
                    long sent = b.readLong();
                    b.readSkip(b.readInt());
                    b.readSkip(b.readInt());
                    latencies[n++] = System.nanoTime() - sent;
                }
            }
        }, "queueperf-tailer");
        t.start();
        return t;
    }

    private static String json(String mode, int records, long bytes, double seconds, long[] latencies) {
        String p50 = "null";
        String p99 = "null";
        String p999 = "null";
        if (latencies != null) {
            Arrays.sort(latencies);
            p50 = ms(latencies, 0.50);
            p99 = ms(latencies, 0.99);
            p999 = ms(latencies, 0.999);
        }
        Runtime rt = Runtime.getRuntime();
        double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        return String.format(Locale.ROOT, "{\"mode\":\"%s\",\"records\":%d,\"bytes\":%d,\"seconds\":%.6f,"
                        + "\"records_per_sec\":%.2f,\"mb_per_sec\":%.2f,\"p50_ms\":%s,\"p99_ms\":%s,\"p999_ms\":%s,"
                        + "\"heap_used_mb\":%.2f}",
                mode, records, bytes, seconds, records / seconds, bytes / seconds / 1048576.0, p50, p99, p999, heapMb);
    }

    private static String ms(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return String.format(Locale.ROOT, "%.6f", sorted[Math.max(0, i)] / 1e6);
    }
}
