package io.rivulet.storage.log;

import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.BigEndian;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Child-JVM main for {@link FlatHeapIT}: appends {@code args[1]} bytes of 1 KiB records to the
 * log in {@code args[0]}, then reads every record back and checks it carries its own offset.
 * Prints {@code OK <records> <append ms> <read ms>} and exits 0; any error exits non-zero.
 */
public final class FlatHeapAppender {
    static final int RECORD_BYTES = 1024;
    static final int RECORDS_PER_BATCH = 16;

    private FlatHeapAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long total = Long.parseLong(args[1]);
        LogConfig config = LogConfig.from(Map.of("segment.bytes", String.valueOf(256 << 20)));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "rivulet-prealloc"));
        long records = total / RECORD_BYTES;
        long t0 = System.nanoTime();
        try (PartitionLog log = PartitionLog.open(dir, config, Clock.systemUTC(), executor);
             RecordBatchBuilder b = new RecordBatchBuilder(RECORDS_PER_BATCH * (RECORD_BYTES + 32) + 64)) {
            byte[] value = new byte[RECORD_BYTES];
            ByteBuffer stamp = ByteBuffer.wrap(value);
            long offset = 0;
            while (offset < records) {
                b.reset();
                int n = (int) Math.min(RECORDS_PER_BATCH, records - offset);
                for (int i = 0; i < n; i++) {
                    stamp.putLong(0, offset + i);
                    b.append(offset + i, null, value);
                }
                offset = log.append(b.build()).lastOffset() + 1;
            }
            long t1 = System.nanoTime();
            long read = readBack(log);
            if (read != records) {
                throw new AssertionError("read " + read + " records, appended " + records);
            }
            long t2 = System.nanoTime();
            System.out.println("OK " + read + " " + (t1 - t0) / 1_000_000 + " " + (t2 - t1) / 1_000_000);
        } finally {
            executor.shutdown();
        }
    }

    private static long readBack(PartitionLog log) {
        long next = 0;
        long expected = 0;
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, 1 << 20)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordIterator it = batches.next().records();
                    while (it.hasNext()) {
                        BatchRecord r = it.next();
                        if (r.offset() != expected || r.valueLength() != RECORD_BYTES
                                || BigEndian.readLong(r.store(), r.valuePosition()) != expected) {
                            throw new AssertionError("record at offset " + expected + " is wrong: " + r);
                        }
                        expected++;
                    }
                }
                next = slice.nextOffset();
            }
        }
        return expected;
    }
}
