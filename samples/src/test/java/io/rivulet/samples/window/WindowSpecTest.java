package io.rivulet.samples.window;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSpecTest {
    @Property
    void everyWindowReturnedContainsTheTimeAndNoOtherWindowDoes(@ForAll @LongRange(min = 0, max = 10_000_000) long t,
                                                                @ForAll @IntRange(min = 1, max = 500) int advance,
                                                                @ForAll @IntRange(min = 1, max = 8) int steps,
                                                                @ForAll @IntRange(min = 0, max = 499) int extra) {
        long size = (long) advance * steps + Math.min(extra, advance - 1);
        WindowSpec spec = WindowSpec.sliding("s", size, advance);
        List<Window> windows = spec.windowsFor(t);
        for (Window w : windows) {
            assertTrue(w.contains(t), w + " should contain " + t);
            assertEquals(0, Math.floorMod(w.start(), advance), "windows start on multiples of the advance");
        }
        Window first = windows.get(0);
        Window last = windows.get(windows.size() - 1);
        assertTrue(!new Window("s", first.start() - advance, first.end() - advance).contains(t), "the one before does not");
        assertTrue(!new Window("s", last.start() + advance, last.end() + advance).contains(t), "the one after does not");
        assertEquals(windows.size(), windows.stream().distinct().count());
    }

    @Property
    void aTumblingWindowHoldsEachInstantOnce(@ForAll @LongRange(min = 0, max = 10_000_000) long t,
                                            @ForAll @IntRange(min = 1, max = 100_000) int size) {
        List<Window> windows = WindowSpec.tumbling("t", size).windowsFor(t);
        assertEquals(1, windows.size());
        assertEquals(t - t % size, windows.get(0).start());
    }

    @Test
    void aFiveMinuteWindowSlidingEveryMinuteHoldsEachInstantFiveTimes() {
        List<Window> windows = WindowSpec.sliding("s", 300_000, 60_000).windowsFor(610_000);
        assertEquals(List.of(360_000L, 420_000L, 480_000L, 540_000L, 600_000L),
                windows.stream().map(Window::start).toList());
    }

    @Test
    void anAdvanceLongerThanTheSizeIsRefusedWithWhatToChange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowSpec.sliding("s", 1000, 2000));
        assertTrue(e.getMessage().contains("0 < advance <= size"), e.getMessage());
    }
}
