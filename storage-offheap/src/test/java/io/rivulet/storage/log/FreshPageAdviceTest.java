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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared next segment's pages are faulted in (mapped, not just counted). Writable mappings of segment files
 * that hold no data yet fault in 2 MiB folios without read-ahead (a write fault would otherwise bring in 8 MiB at
 * once); a segment reopened with data keeps the default read-ahead for its readers. Read from the kernel's own
 * account of the mappings ({@code VmFlags} in {@code /proc/self/smaps}: {@code rr} random, {@code hg} huge pages).
 */
class FreshPageAdviceTest {
    private static final LogConfig CONFIG = LogConfig.from(Map.of("segment.bytes", String.valueOf(1 << 20),
            "max.message.bytes", "65536"));

    @TempDir
    Path dir;

    @BeforeEach
    void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/smaps")), "needs Linux's /proc/self/smaps");
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/transparent_hugepage")), "needs a kernel with huge pages");
    }

    @Test
    void aNewSegmentAndThePreparedNextOneFaultIn2MiBFoliosWithoutReadAhead() throws IOException {
        ArrayDeque<Runnable> pending = new ArrayDeque<>();
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), pending::add);
             RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
            assertEquals(List.of("rr hg"), flagsOf(SegmentFiles.log(dir, 0)), "the new log's first segment");
            byte[] value = new byte[16 * 1024];
            while (log.sizeInBytes() < CONFIG.segmentBytes() / 2) {
                b.reset();
                b.append(0L, null, value);
                log.append(b.build());
            }
            while (!pending.isEmpty()) {
                pending.poll().run();
            }
            assertEquals(List.of("rr hg"), flagsOf(dir.resolve(NextSegment.FILE_NAME)), "the prepared next segment");
            long touched = log.nextSegmentTouched();
            assertTrue(touched > 0);
            assertTrue(residentKib(dir.resolve(NextSegment.FILE_NAME)) * 1024 >= touched,
                    "the touched pages are mapped in, not just counted: " + touched + " bytes touched");
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            List<String> reopened = flagsOf(SegmentFiles.log(dir, 0));
            assertFalse(reopened.isEmpty(), "mapped again");
            assertEquals(List.of("- -"), reopened, "a segment with data keeps read-ahead for its readers");
        }
    }

    /** Kilobytes of {@code file}'s mapping resident in this process ({@code Rss} in smaps). */
    private static long residentKib(Path file) throws IOException {
        List<String> rss = smapsField(file, "Rss:");
        return rss.isEmpty() ? 0 : Long.parseLong(rss.get(0).replaceAll("[^0-9]", ""));
    }

    /** For each mapping of {@code file}, the advice the kernel holds: "rr" (random) or "-", then "hg" (huge pages) or "-". */
    private static List<String> flagsOf(Path file) throws IOException {
        List<String> flags = new ArrayList<>();
        for (String value : smapsField(file, "VmFlags:")) {
            List<String> vm = List.of(value.split(" "));
            flags.add((vm.contains("rr") ? "rr" : "-") + " " + (vm.contains("hg") ? "hg" : "-"));
        }
        assertTrue(flags.size() <= 1 || flags.stream().distinct().count() == 1, "one mapping, or alike: " + flags);
        return flags.isEmpty() ? flags : List.of(flags.get(0));
    }

    /** For each mapping of {@code file} in this process, the value of its {@code field} line in smaps. */
    private static List<String> smapsField(Path file, String field) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        String name = file.toRealPath().toString();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" " + name)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).startsWith(field)) {
                        values.add(lines.get(j).substring(field.length()).trim());
                        break;
                    }
                }
            }
        }
        return values;
    }
}
