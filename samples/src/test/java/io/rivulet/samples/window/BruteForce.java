package io.rivulet.samples.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The windowed job's answer computed the slow, obvious way from the whole input, for tests to compare
 * against: for the i-th counted click of a partition the watermark is recomputed from the clicks before
 * it, every window of every spec is enumerated from its definition, and the counts are tallied at the
 * end. Shares no code with {@link PartitionWindows} beyond the value types and the rule definitions.
 */
public final class BruteForce {
    /** Clicks per page per window, per input partition. */
    public final Map<Integer, Map<Window, Map<String, Long>>> counts = new TreeMap<>();
    /** Late clicks per partition. */
    public final Map<Integer, Long> late = new TreeMap<>();
    /** Watermark per partition at the end of its input. */
    public final Map<Integer, Long> watermark = new TreeMap<>();
    private final WindowLogic logic;

    private BruteForce(WindowLogic logic) {
        this.logic = logic;
    }

    /** The answer for each partition's clicks, in offset order. */
    public static BruteForce of(Map<Integer, List<Click>> partitions, WindowLogic logic) {
        BruteForce b = new BruteForce(logic);
        partitions.forEach((p, clicks) -> b.partition(p, clicks));
        return b;
    }

    private void partition(int p, List<Click> all) {
        List<Click> clicks = all.stream().filter(logic.counts()).toList();
        Map<Window, Map<String, Long>> windows = new HashMap<>();
        long lateClicks = 0;
        long wm = EventTimeRules.NO_WATERMARK;
        for (int i = 0; i < clicks.size(); i++) {
            Click c = clicks.get(i);
            long max = Long.MIN_VALUE;
            for (int j = 0; j <= i; j++) {
                max = Math.max(max, clicks.get(j).eventTime());
            }
            wm = max - logic.rules().outOfOrdernessMillis();
            boolean late = false;
            for (WindowSpec spec : logic.specs()) {
                long t = c.eventTime();
                for (long s = Math.floorDiv(t - spec.sizeMillis(), spec.advanceMillis()) * spec.advanceMillis(); s <= t;
                     s += spec.advanceMillis()) {
                    if (s <= t && t < s + spec.sizeMillis()) {
                        Window w = new Window(spec.name(), s, s + spec.sizeMillis());
                        if (w.end() + logic.rules().allowedLatenessMillis() > wm) {
                            windows.computeIfAbsent(w, k -> new HashMap<>()).merge(c.page(), 1L, Long::sum);
                        } else {
                            late = true;
                        }
                    }
                }
            }
            if (late) {
                lateClicks++;
            }
        }
        counts.put(p, windows);
        late.put(p, lateClicks);
        watermark.put(p, wm);
    }

    /** A partition's top list for a window. */
    public List<PageCount> top(int partition, Window w) {
        return TopN.of(counts.get(partition).getOrDefault(w, Map.of()), logic.topN());
    }

    /** The global top list for a window, from every partition's counts together. */
    public List<PageCount> globalTop(Window w) {
        Map<String, Long> all = new HashMap<>();
        counts.values().forEach(m -> m.getOrDefault(w, Map.of()).forEach((page, n) -> all.merge(page, n, Long::sum)));
        return TopN.of(all, logic.topN());
    }

    /** Whether the window is closed in the partition at the end of its input. */
    public boolean closed(int partition, Window w) {
        return watermark.get(partition) != EventTimeRules.NO_WATERMARK
                && w.end() + logic.rules().allowedLatenessMillis() <= watermark.get(partition);
    }

    /** Every output key and the value the job must have written last for it, as aggregates. */
    public Map<String, Aggregate> expectedOutputs() {
        Map<String, Aggregate> out = new TreeMap<>();
        counts.forEach((p, windows) -> windows.forEach((w, pages) -> {
            pages.forEach((page, n) -> put(out, new Aggregate.WindowCount(w, page, n)));
            put(out, new Aggregate.TopPages(w, p, top(p, w), closed(p, w)));
        }));
        return out;
    }

    /** Every window that got at least one click in any partition. */
    public List<Window> windows() {
        return new ArrayList<>(counts.values().stream().flatMap(m -> m.keySet().stream())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    private static void put(Map<String, Aggregate> out, Aggregate a) {
        out.put(a.key(), a);
    }
}
