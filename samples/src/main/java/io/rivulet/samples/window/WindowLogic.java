package io.rivulet.samples.window;

import java.util.List;
import java.util.function.Predicate;

/**
 * What a version of the windowed job computes: which clicks it counts, over which windows, with
 * which event-time rules, and how long its top lists are. Two versions of the kappa job differ only
 * here.
 *
 * @param specs  the window families, e.g. a 1-minute tumbling and a 5-minute sliding one
 * @param rules  watermark and allowed lateness
 * @param topN   how many pages a top list holds
 * @param counts which clicks count at all; the others are skipped as if absent (they move no watermark)
 */
public record WindowLogic(List<WindowSpec> specs, EventTimeRules rules, int topN, Predicate<Click> counts) {
    /** Requires at least one spec, distinct spec names and {@code topN >= 1}. */
    public WindowLogic {
        specs = List.copyOf(specs);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("give at least one window spec");
        }
        if (specs.stream().map(WindowSpec::name).distinct().count() != specs.size()) {
            throw new IllegalArgumentException("window spec names must be distinct: " + specs);
        }
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1 but was " + topN);
        }
    }

    /** The spec named {@code name}. */
    public WindowSpec spec(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no window spec '" + name + "' in " + specs));
    }
}
