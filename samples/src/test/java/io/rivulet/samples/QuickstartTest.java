package io.rivulet.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickstartTest {
    @Test
    void aGroupOfThreeSharesSixPartitionsAndReadsEveryRecord(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Quickstart.Summary s = Quickstart.run(dir, 30_000, 6, 3, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(30_000, s.produced());
        assertEquals(30_000, s.consumed(), out);
        Set<Integer> all = new HashSet<>();
        for (Set<Integer> mine : s.memberPartitions()) {
            assertEquals(2, mine.size(), "each member holds 2 of the 6 partitions: " + s.memberPartitions());
            all.addAll(mine);
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), all, "no partition is held twice");
        assertTrue(out.contains("member-3 partitions"), out);
    }
}
