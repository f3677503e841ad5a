package io.rivulet.storage.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Disk blocks for the log without writing them, on the Linux machines Rivulet is built and tested on. */
class FallocateTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void blocksAreAllocatedWithoutWritingThem() throws Exception {
        Path file = Files.createFile(dir.resolve("segment.log"));
        assertTrue(Fallocate.allocate(file, 0, 8 << 20), "fallocate(2) through the posix binding");
        assertEquals(8 << 20, Files.size(file), "allocating past the end extends the file");
        long blocks = Long.parseLong(new String(new ProcessBuilder("stat", "-c", "%b", file.toString()).start()
                .getInputStream().readAllBytes()).trim());
        assertTrue(blocks * 512 >= 8 << 20, "the blocks exist, so a write through a mapping cannot fault: " + blocks);
    }

    @Test
    void aReservationNeverChangesWhatIsWritten() throws Exception {
        Path file = dir.resolve("index");
        Files.write(file, new byte[]{1, 2, 3, 4});
        DiskSpace.allocate(file, 4, 4096); // from the end of the data on, as the log asks
        assertEquals(4096, Files.size(file));
        byte[] read = Files.readAllBytes(file);
        assertEquals(3, read[2], "the data before it stays");
        assertEquals(0, read[4095], "the new space reads as zeros");
    }
}
