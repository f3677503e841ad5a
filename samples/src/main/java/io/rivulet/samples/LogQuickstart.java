package io.rivulet.samples;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The storage log on its own: appends a million 100-byte records to {@code ./data/quickstart-0}
 * in 16 KiB batches, closes the log, opens it again and reads every record back.
 *
 * <p>Run: {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl samples exec:exec}
 * (add {@code -Dsample.args="DIR RECORDS"} to choose where and how many).
 */
public final class LogQuickstart {
    private LogQuickstart() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/quickstart-0");
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        LogConfig config = LogConfig.from(Map.of("segment.bytes", String.valueOf(256 << 20)));
        byte[] value = new byte[100];
        long appended;
        long firstOffset;

        long t0 = System.nanoTime();
        try (PartitionLog log = PartitionLog.open(dir, config); RecordBatchBuilder batch = new RecordBatchBuilder(16 * 1024)) {
            firstOffset = log.logEndOffset();
            for (int i = 0; i < records; i++) {
                byte[] key = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                if (batch.sizeInBytes() + batch.recordSize(0, key, value, java.util.List.of()) > 16 * 1024) {
                    log.append(batch.build());
                    batch.reset();
                }
                batch.append(System.currentTimeMillis(), key, value);
            }
            if (!batch.isEmpty()) {
                log.append(batch.build());
            }
            appended = log.logEndOffset() - firstOffset;
        }
        long t1 = System.nanoTime();

        long read = 0;
        try (PartitionLog log = PartitionLog.open(dir, config)) {
            long t2 = System.nanoTime();
            long next = firstOffset;
            while (next < log.logEndOffset()) {
                try (LogSlice slice = log.read(next, 1 << 20)) {
                    var batches = slice.batches();
                    while (batches.hasNext()) {
                        RecordIterator it = batches.next().records();
                        while (it.hasNext()) {
                            if (it.next().valueLength() == value.length) {
                                read++;
                            }
                        }
                    }
                    next = slice.nextOffset();
                }
            }
            long t3 = System.nanoTime();
            System.out.printf("log %s: offsets [%d, %d), %d segments, %.1f MiB, reopened %s in %.1f ms%n",
                    dir, log.logStartOffset(), log.logEndOffset(), log.segmentCount(),
                    log.sizeInBytes() / 1048576.0, log.recoveredCleanly() ? "cleanly" : "after recovery",
                    (t2 - t1) / 1e6);
            System.out.printf("appended %,d records in %.0f ms (%,.0f records/s)%n",
                    appended, (t1 - t0) / 1e6, appended / ((t1 - t0) / 1e9));
            System.out.printf("read back %,d records in %.0f ms (%,.0f records/s)%n",
                    read, (t3 - t2) / 1e6, read / ((t3 - t2) / 1e9));
        }
        if (read != appended) {
            throw new IllegalStateException("read " + read + " records but appended " + appended);
        }
    }
}
