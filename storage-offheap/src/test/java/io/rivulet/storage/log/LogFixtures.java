package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rivulet.storage.batch.BatchRecord;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.batch.RecordIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Shared fixtures of the log tests: records whose content is a function of their offset (so any
 * reader can check any record it finds), a clock the test moves, and child-JVM launching.
 */
final class LogFixtures {
    private LogFixtures() {
    }

    /** The value of the record at {@code offset}: long enough that segments fill up quickly. */
    static byte[] valueAt(long offset) {
        String s = "value-" + offset + "-";
        StringBuilder b = new StringBuilder(s);
        int pad = (int) (offset % 37) + 20;
        for (int i = 0; i < pad; i++) {
            b.append((char) ('a' + (offset + i) % 26));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] keyAt(long offset) {
        return ("key-" + offset).getBytes(StandardCharsets.UTF_8);
    }

    static long timestampAt(long offset) {
        return 1_000_000L + offset;
    }

    /** A batch of {@code count} records for offsets {@code first..first+count-1}, content derived from the offset. */
    static RecordBatch derivedBatch(RecordBatchBuilder b, long first, int count) {
        b.reset();
        for (long o = first; o < first + count; o++) {
            b.append(timestampAt(o), keyAt(o), valueAt(o));
        }
        return b.build();
    }

    /**
     * Reads every record from {@code from} to the log end and checks it against the derived content;
     * returns how many it checked. Fails on a gap, a wrong offset or a wrong key, value or timestamp.
     */
    static long verifyDerived(PartitionLog log, long from) {
        long expected = from;
        long end = log.logEndOffset();
        while (expected < end) {
            try (LogSlice slice = log.read(expected, 64 * 1024)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    RecordBatch batch = batches.next();
                    if (!batch.isCrcValid()) {
                        throw new AssertionError("batch at offset " + batch.baseOffset() + " has a bad CRC");
                    }
                    RecordIterator records = batch.records();
                    while (records.hasNext()) {
                        BatchRecord r = records.next();
                        if (r.offset() < expected) {
                            continue;
                        }
                        assertEquals(expected, r.offset(), "offset gap");
                        if (!Arrays.equals(valueAt(expected), r.value()) || !Arrays.equals(keyAt(expected), r.key())
                                || r.timestamp() != timestampAt(expected)) {
                            throw new AssertionError("record at offset " + expected + " has the wrong content: "
                                    + new String(r.value(), StandardCharsets.UTF_8));
                        }
                        expected++;
                    }
                }
                if (slice.isEmpty()) {
                    throw new AssertionError("empty read at " + expected + " below the end " + end);
                }
            }
        }
        return expected - from;
    }

    /** Base offsets of the batches from {@code from} to the end, in order. */
    static List<Long> batchBases(PartitionLog log, long from) {
        List<Long> out = new ArrayList<>();
        long next = from;
        while (next < log.logEndOffset()) {
            try (LogSlice slice = log.read(next, 64 * 1024)) {
                Iterator<RecordBatch> batches = slice.batches();
                while (batches.hasNext()) {
                    out.add(batches.next().baseOffset());
                }
                next = slice.nextOffset();
            }
        }
        return out;
    }

    /**
     * Files under {@code dir} this process has mapped (Linux {@code /proc/self/maps}; empty elsewhere),
     * after Chronicle's background releaser has unmapped what was released.
     */
    static List<String> mappedFilesUnder(Path dir) {
        net.openhft.chronicle.core.io.BackgroundResourceReleaser.releasePendingResources();
        Path maps = Path.of("/proc/self/maps");
        if (!java.nio.file.Files.exists(maps)) {
            return List.of();
        }
        try {
            String prefix = dir.toAbsolutePath().toString();
            return java.nio.file.Files.readAllLines(maps).stream()
                    .filter(l -> l.contains(prefix))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts {@code main} in a child JVM with the project's JVM flags, the test classpath and {@code jvmArgs}. */
    static Process startChild(Class<?> main, List<String> jvmArgs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("rivulet.jvm.flags", "-DmappedFile.retain=true");
        for (String f : flags.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                cmd.add(f);
            }
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** A clock the test sets and advances. */
    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
