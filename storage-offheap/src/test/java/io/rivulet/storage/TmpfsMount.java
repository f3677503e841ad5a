package io.rivulet.storage;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test, so a full disk can be real: writes past its size fail with ENOSPC
 * (or SIGBUS through a mapping that was not reserved). Needs root (CI runs as root); elsewhere the test is
 * skipped with the reason, never passed silently.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    public static TmpfsMount of(Path dir, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int rc = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        Assumptions.assumeTrue(rc == 0, "cannot mount a tmpfs at " + dir + " (needs root): full-disk test skipped");
        return new TmpfsMount(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Fills {@code bytes} of the file system with a file of real data (not sparse), to be deleted to give space back. */
    public Path fill(String name, long bytes) throws IOException {
        Path f = dir.resolve(name);
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 1);
        try (var out = Files.newOutputStream(f)) {
            for (long w = 0; w < bytes; w += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - w));
            }
        }
        return f;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (run("umount", dir.toString()) != 0) {
            run("umount", "-l", dir.toString());
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
