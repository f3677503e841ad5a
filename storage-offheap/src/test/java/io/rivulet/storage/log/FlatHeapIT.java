package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log keeps its data off the heap: 2 GiB go through a child JVM with a 128 MiB heap. */
class FlatHeapIT {
    private static final long TOTAL = 2L << 30;

    @TempDir
    Path dir;

    @Test
    void appendsAndReadsBackTwoGibibytesInA128MebibyteHeap() throws Exception {
        Path logDir = dir.resolve("flat");
        long start = System.nanoTime();
        try {
            Process child = LogFixtures.startChild(FlatHeapAppender.class,
                    List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"), logDir.toString(), String.valueOf(TOTAL));
            child.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(child));
            boolean done = child.waitFor(170, TimeUnit.SECONDS);
            if (!done) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String out = output.get(10, TimeUnit.SECONDS);
            assertTrue(done, "child still running after 170 s; output: " + out);
            assertEquals(0, child.exitValue(), "child output: " + out);
            String ok = out.lines().filter(l -> l.startsWith("OK ")).findFirst().orElseThrow(
                    () -> new AssertionError("no OK line in: " + out));
            String[] f = ok.split(" ");
            assertEquals(TOTAL / FlatHeapAppender.RECORD_BYTES, Long.parseLong(f[1]));
            System.out.printf("FlatHeapIT: %d records, append %s ms, read %s ms, child total %d ms%n",
                    Long.parseLong(f[1]), f[2], f[3], TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            deleteRecursively(logDir); // 2 GiB: do not wait for @TempDir's cleanup to free the disk
        }
    }

    private static String readAll(Process child) {
        try {
            return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
