package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void aProgressLineSaysHowFarAndHowFast() {
        assertEquals("perf produce: 500/1000 records (50.0%), 250 records/s, 1.5 MB/s, heap 42.0 MB",
                Progress.line("perf produce", 500, 1000, 250.4, 1.5, 42));
    }

    @Test
    void countsWhatWasAddedAndKeepsTheHeapPeak() {
        StringWriter err = new StringWriter();
        try (Progress progress = new Progress("perf test", 10, new PrintWriter(err), Duration.ofHours(1))) {
            progress.add(3, 300);
            progress.add(2, 200);
            assertEquals(5, progress.records());
            assertEquals(500, progress.bytes());
            assertTrue(progress.heapPeakBytes() > 0);
        }
    }
}
