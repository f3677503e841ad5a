package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.segment.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writable mappings of segment files that hold no data yet fault in page by page, without read-ahead (a write
 * fault would otherwise bring in 8 MiB at once); a segment reopened with data keeps read-ahead for its readers.
 * Read from the kernel's own account of the mappings ({@code VmFlags} {@code rr} in {@code /proc/self/smaps}).
 */
class ReadAheadTest {
    private static final LogConfig CONFIG = LogConfig.from(Map.of("segment.bytes", String.valueOf(1 << 20),
            "max.message.bytes", "65536"));

    @TempDir
    Path dir;

    @BeforeEach
    void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/smaps")), "needs Linux's /proc/self/smaps");
    }

    @Test
    void aNewSegmentAndThePreparedNextOneFaultInWithoutReadAhead() throws IOException {
        ArrayDeque<Runnable> pending = new ArrayDeque<>();
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), pending::add);
             RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
            assertEquals(List.of("rr"), flagsOf(SegmentFiles.log(dir, 0)), "the new log's first segment");
            byte[] value = new byte[16 * 1024];
            while (log.sizeInBytes() < CONFIG.segmentBytes() / 2) {
                b.reset();
                b.append(0L, null, value);
                log.append(b.build());
            }
            while (!pending.isEmpty()) {
                pending.poll().run();
            }
            assertEquals(List.of("rr"), flagsOf(dir.resolve(NextSegment.FILE_NAME)), "the prepared next segment");
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            List<String> reopened = flagsOf(SegmentFiles.log(dir, 0));
            assertFalse(reopened.isEmpty(), "mapped again");
            assertFalse(reopened.contains("rr"), "a segment with data keeps read-ahead for its readers: " + reopened);
        }
    }

    /** For each mapping of {@code file}: "rr" if the kernel was told its reads are random, else "-". */
    private static List<String> flagsOf(Path file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        String name = file.toRealPath().toString();
        List<String> flags = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" " + name)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("VmFlags:")) {
                        flags.add(List.of(lines.get(j).substring(8).trim().split(" ")).contains("rr") ? "rr" : "-");
                        break;
                    }
                }
            }
        }
        assertTrue(flags.size() <= 1 || flags.stream().distinct().count() == 1, "one mapping, or alike: " + flags);
        return flags.isEmpty() ? flags : List.of(flags.get(0));
    }
}
