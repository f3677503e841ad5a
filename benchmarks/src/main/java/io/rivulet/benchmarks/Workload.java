package io.rivulet.benchmarks;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.PartitionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The records every benchmark writes, so Rivulet and the peer see the same bytes: a 16-byte key
 * and a value of {@code recordSize - 16} bytes (key + value = recordSize), pseudo-random but fixed
 * by a seed, plus a timestamp.
 */
final class Workload {
    /** Records per benchmark invocation, for every append benchmark (Rivulet and the peer). */
    static final int RECORDS_PER_INVOCATION = 1600;
    /** Records in each prefilled log or queue the read benchmarks scan. */
    static final int READ_RECORDS = 262_144;
    static final int KEY_SIZE = 16;
    /** Target size of one Rivulet record batch. */
    static final int TARGET_BATCH_BYTES = 16 * 1024;
    /** Rough per-record framing of Kafka v2 records (length, attributes, deltas, lengths, headers). */
    private static final int RECORD_OVERHEAD_ESTIMATE = 8;
    static final long BASE_TIMESTAMP = 1_764_028_800_000L; // 2025-11-25T00:00:00Z

    final int recordSize;
    final byte[][] keys;
    final byte[][] values;

    Workload(int recordSize) {
        if (recordSize <= KEY_SIZE) {
            throw new IllegalArgumentException("recordSize must exceed the " + KEY_SIZE + "-byte key");
        }
        this.recordSize = recordSize;
        this.keys = new byte[RECORDS_PER_INVOCATION][KEY_SIZE];
        this.values = new byte[RECORDS_PER_INVOCATION][recordSize - KEY_SIZE];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < RECORDS_PER_INVOCATION; i++) {
            fill(random, keys[i]);
            fill(random, values[i]);
        }
    }

    /**
     * Batches per invocation: the divisor of {@link #RECORDS_PER_INVOCATION} that brings a batch
     * closest to {@link #TARGET_BATCH_BYTES} (10 batches of 160 records at 100 B, 100 of 16 at 1 KiB).
     */
    int batchesPerInvocation() {
        double ideal = (double) RECORDS_PER_INVOCATION * (recordSize + RECORD_OVERHEAD_ESTIMATE) / TARGET_BATCH_BYTES;
        int best = 1;
        for (int d = 1; d <= RECORDS_PER_INVOCATION; d++) {
            if (RECORDS_PER_INVOCATION % d == 0 && Math.abs(d - ideal) < Math.abs(best - ideal)) {
                best = d;
            }
        }
        return best;
    }

    int recordsPerBatch() {
        return RECORDS_PER_INVOCATION / batchesPerInvocation();
    }

    /** Encodes records {@code [from, from + count)} of the pool into {@code builder}. */
    void encode(RecordBatchBuilder builder, int from, int count, long timestamp) {
        builder.reset();
        for (int i = 0; i < count; i++) {
            int r = (from + i) % RECORDS_PER_INVOCATION;
            builder.append(timestamp + i, keys[r], values[r]);
        }
    }

    /** Appends {@code records} records to {@code log} in batches of {@link #recordsPerBatch()}. */
    void fill(PartitionLog log, RecordBatchBuilder builder, long records) {
        int perBatch = recordsPerBatch();
        long ts = BASE_TIMESTAMP;
        for (long done = 0; done < records; ) {
            int n = (int) Math.min(perBatch, records - done);
            encode(builder, (int) (done % RECORDS_PER_INVOCATION), n, ts);
            log.append(builder.build());
            done += n;
            ts += n;
        }
    }

    static LogConfig logConfig(long segmentBytes, boolean preallocate, long retentionBytes) {
        return LogConfig.from(Map.of(
                "segment.bytes", String.valueOf(segmentBytes),
                "preallocate", preallocate ? "1" : "0",
                "retention.bytes", String.valueOf(retentionBytes),
                "retention.ms", "-1"));
    }

    /** A fresh directory under {@code rivulet.bench.dir} (default: the system temp dir). */
    static Path tempDir(String prefix) {
        try {
            String base = System.getProperty("rivulet.bench.dir");
            if (base != null) {
                Path b = Path.of(base);
                Files.createDirectories(b);
                return Files.createTempDirectory(b, prefix);
            }
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            deleteTree(dir);
        } catch (UncheckedIOException e) {
            // A file appeared while the tree was being deleted: name it, then try once more.
            try (Stream<Path> left = Files.list(dir)) {
                System.out.println("  [cleanup] " + e.getCause() + "; left: " + left.toList());
            } catch (IOException ignored) {
                // the listing is only for the report
            }
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(SplittableRandom random, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
    }
}
