package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.storage.batch.RecordBatch;
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
 * that hold no data yet fault in without read-ahead (a write fault would otherwise bring in 8 MiB at once), as 2 MiB
 * folios, except the pages faulted in ahead of a slow writer, which come in 4 KiB at a time; a segment reopened with
 * data keeps the default read-ahead for its readers. Read from the kernel's own account of the mappings
 * ({@code VmFlags} in {@code /proc/self/smaps}: {@code rr} random, {@code hg} huge pages, {@code nh} no huge pages).
 */
class FreshPageAdviceTest {
    private static final LogConfig CONFIG = LogConfig.from(Map.of("segment.bytes", String.valueOf(1 << 20),
            "max.message.bytes", "65536"));
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    @BeforeEach
    void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/smaps")), "needs Linux's /proc/self/smaps");
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/transparent_hugepage")), "needs a kernel with huge pages");
    }

    @Test
    void aNewSegmentAndThePreparedNextOneFaultInWithoutReadAhead() throws IOException {
        try (PartitionLog log = PartitionLog.open(dir, CONFIG, Clock.systemUTC(), pending::add);
             RecordBatchBuilder b = new RecordBatchBuilder(64 * 1024)) {
            assertEquals("rr hg", flagsAt(SegmentFiles.log(dir, 0), 0), "the new log's first segment");
            byte[] value = new byte[16 * 1024];
            while (log.sizeInBytes() < CONFIG.segmentBytes() / 2) {
                log.append(batchOf(b, value));
            }
            runPending();
            Path next = dir.resolve(NextSegment.FILE_NAME);
            assertEquals("rr nh", flagsAt(next, 0),
                    "the prepared next segment, touched before the writer's pace is known: small pages");
            long touched = log.nextSegmentTouched();
            assertTrue(touched > 0);
            long residentKib = mappingsOf(next).stream().mapToLong(Mapping::rssKib).sum();
            assertTrue(residentKib * 1024 >= touched,
                    "the touched pages are mapped in, not just counted: " + touched + " bytes touched");
        }
        try (PartitionLog log = PartitionLog.open(dir, CONFIG)) {
            List<Mapping> reopened = mappingsOf(SegmentFiles.log(dir, 0));
            assertFalse(reopened.isEmpty(), "mapped again");
            reopened.forEach(m -> assertEquals("- -", m.flags(), "a segment with data keeps read-ahead for its readers"));
        }
    }

    @Test
    void pagesAheadOfASlowWriterComeIn4KiBAndAheadOfAFastOneAs2MiBFolios() throws IOException {
        LogFixtures.MutableClock clock = new LogFixtures.MutableClock(1_000_000);
        Path file = SegmentFiles.log(dir, 0);
        try (PartitionLog log = PartitionLog.open(dir, PreallocationTest.LARGE, clock, pending::add);
             RecordBatchBuilder b = new RecordBatchBuilder(1 << 20)) {
            byte[] value = new byte[64 * 1024];
            log.append(batchOf(b, value));
            runPending();
            assertTrue(log.touchedAhead() >= 8 * MIB, "faulted in ahead: " + log.touchedAhead());
            assertEquals("rr nh", flagsAt(file, log.touchedAhead() - MIB), "a new log's pace is not known yet");

            long fastFrom = log.touchedAhead();
            while (log.sizeInBytes() < fastFrom + MIB) { // no time passes: a fast writer
                log.append(batchOf(b, value));
                runPending();
            }
            assertTrue(log.touchedAhead() > fastFrom + 4 * MIB);
            assertEquals("rr hg", flagsAt(file, log.touchedAhead() - MIB), "ahead of a fast writer");
            assertEquals("rr nh", flagsAt(file, MIB), "what was faulted in stays as it was");

            long slowFrom = log.touchedAhead();
            while (log.sizeInBytes() < slowFrom + MIB) { // 64 KiB every 100 ms: a slow writer
                clock.advance(100);
                log.append(batchOf(b, value));
                runPending();
            }
            assertTrue(log.touchedAhead() > slowFrom + 4 * MIB);
            assertEquals("rr nh", flagsAt(file, log.touchedAhead() - MIB), "ahead of a slow writer");
        }
    }

    private void runPending() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    private static RecordBatch batchOf(RecordBatchBuilder b, byte[] value) {
        b.reset();
        b.append(0L, null, value);
        return b.build();
    }

    /** The advice the kernel holds for the page at {@code offset} of {@code file}'s mapping ({@link Mapping#flags}). */
    private static String flagsAt(Path file, long offset) throws IOException {
        for (Mapping m : mappingsOf(file)) {
            if (offset >= m.fileOffset() && offset < m.fileOffset() + m.length()) {
                return m.flags();
            }
        }
        throw new AssertionError("offset " + offset + " of " + file + " is not mapped: " + mappingsOf(file));
    }

    /**
     * One range of a file's mapping as the kernel keeps it (advice splits a mapping into ranges): where it starts in
     * the file, its length, its advice — "rr" (random) or "-", then "hg" (huge pages), "nh" (no huge pages) or "-" —
     * and its resident kilobytes.
     */
    private record Mapping(long fileOffset, long length, String flags, long rssKib) {
    }

    /**
     * Every mapping of {@code file} in this process, from {@code /proc/self/smaps}, after Chronicle's background
     * releaser has unmapped what was released (a closed log's mapping could otherwise still be listed).
     */
    private static List<Mapping> mappingsOf(Path file) throws IOException {
        net.openhft.chronicle.core.io.BackgroundResourceReleaser.releasePendingResources();
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        String name = file.toRealPath().toString();
        List<Mapping> mappings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.endsWith(" " + name)) {
                continue;
            }
            String[] head = line.split("\\s+"); // start-end perms offset dev inode path
            String[] range = head[0].split("-");
            long length = Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
            long rss = 0;
            String flags = null;
            for (int j = i + 1; j < lines.size() && flags == null; j++) {
                String field = lines.get(j);
                if (field.startsWith("Rss:")) {
                    rss = Long.parseLong(field.replaceAll("[^0-9]", ""));
                } else if (field.startsWith("VmFlags:")) {
                    List<String> vm = List.of(field.substring("VmFlags:".length()).trim().split(" "));
                    flags = (vm.contains("rr") ? "rr" : "-") + " "
                            + (vm.contains("hg") ? "hg" : vm.contains("nh") ? "nh" : "-");
                }
            }
            mappings.add(new Mapping(Long.parseLong(head[2], 16), length, flags, rss));
        }
        return mappings;
    }
}
