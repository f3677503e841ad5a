package io.rivulet.samples.window;

import io.rivulet.samples.clicks.ClickGenerator;
import io.rivulet.samples.window.Aggregate.Progress;
import io.rivulet.samples.window.Aggregate.TopPages;
import io.rivulet.samples.window.Aggregate.WindowCount;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionWindowsTest {
    static final WindowLogic LOGIC = new WindowLogic(
            List.of(WindowSpec.tumbling("tumbling-10s", 10_000), WindowSpec.sliding("sliding-30s", 30_000, 10_000)),
            new EventTimeRules(2_000, 5_000), 3, c -> true);

    @Test
    void aClickOutOfOrderWithinTheLatenessStillCounts() {
        PartitionWindows w = new PartitionWindows(0, LOGIC);
        w.apply(0, new Click("u", "/a", 12_000));
        w.apply(1, new Click("u", "/b", 15_000)); // watermark 13 000: the window [0, 10 000) is open till 15 000
        w.apply(2, new Click("u", "/a", 9_000));
        Map<String, Aggregate> out = latest(w.drainChanges());
        assertEquals(1, ((WindowCount) out.get("count/tumbling-10s/0/" + "/a")).count());
        assertEquals(0, w.lateClicks());
    }

    @Test
    void aClickForAClosedWindowIsDroppedAndCountedLate() {
        PartitionWindows w = new PartitionWindows(0, LOGIC);
        w.apply(0, new Click("u", "/a", 1_000));
        w.apply(1, new Click("u", "/a", 17_000)); // watermark 15 000 closes [0, 10 000)
        Map<String, Aggregate> out = latest(w.drainChanges());
        TopPages closed = (TopPages) out.get("top/tumbling-10s/0/0");
        assertTrue(closed.closed(), "the window's top list is final once the watermark passes end + lateness");
        assertEquals(List.of(new PageCount("/a", 1)), closed.pages());

        w.apply(2, new Click("u", "/b", 8_000));
        out = latest(w.drainChanges());
        assertFalse(out.containsKey("count/tumbling-10s/0//b"), "nothing is counted into a closed window");
        assertEquals(1, w.lateClicks());
        assertEquals(new Progress(0, 15_000, 1), out.get("progress/0"));
        assertEquals(1, ((WindowCount) out.get("count/sliding-30s/-10000//b")).count(),
                "its sliding windows that are still open take it");
    }

    @Test
    void aSnapshotWithChangesNotWrittenIsRefused() {
        PartitionWindows w = new PartitionWindows(0, LOGIC);
        w.apply(0, new Click("u", "/a", 1_000));
        assertThrows(IllegalStateException.class, w::snapshot);
        w.drainChanges();
        assertEquals(1, w.snapshot().position());
    }

    @Test
    void anOffsetAlreadyAppliedIsRefused() {
        PartitionWindows w = new PartitionWindows(0, LOGIC);
        w.apply(5, new Click("u", "/a", 1_000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.apply(5, new Click("u", "/a", 1_000)));
        assertTrue(e.getMessage().contains("skip offsets below position()"), e.getMessage());
    }

    /**
     * Whatever the clicks, wherever the changes are drained and wherever the state is snapshotted and
     * restored (a restart), the last value written per key is the brute-force answer.
     */
    @Property(tries = 200)
    void theLastOutputPerKeyIsTheBruteForceAnswerAcrossDrainsAndRestarts(@ForAll long seed,
                                                                        @ForAll @IntRange(min = 1, max = 400) int count) {
        List<Click> clicks = new ClickGenerator(seed, 4_000, 20_000).take(count, 1_000_000, 150);
        Random random = new Random(seed);
        PartitionWindows w = new PartitionWindows(3, LOGIC);
        Map<String, Aggregate> out = new TreeMap<>();
        for (int i = 0; i < clicks.size(); i++) {
            w.apply(i, clicks.get(i));
            if (random.nextInt(10) == 0) {
                out.putAll(latest(w.drainChanges()));
                if (random.nextBoolean()) {
                    w = PartitionWindows.restore(w.snapshot(), LOGIC);
                }
            }
        }
        out.putAll(latest(w.drainChanges()));
        BruteForce expected = BruteForce.of(Map.of(3, clicks), LOGIC);
        Progress progress = (Progress) out.remove("progress/3");
        assertEquals(expected.late.get(3), progress.lateClicks());
        assertEquals(expected.watermark.get(3), progress.watermark());
        assertEquals(expected.expectedOutputs(), out, "seed " + seed);
    }

    static Map<String, Aggregate> latest(List<Aggregate> changes) {
        Map<String, Aggregate> out = new TreeMap<>();
        changes.forEach(a -> out.put(a.key(), a));
        return out;
    }
}
