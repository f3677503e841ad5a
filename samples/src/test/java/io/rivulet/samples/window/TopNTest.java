package io.rivulet.samples.window;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopNTest {
    @Test
    void ranksByCountThenByPageName() {
        assertEquals(List.of(new PageCount("/b", 5), new PageCount("/a", 2), new PageCount("/c", 2)),
                TopN.of(Map.of("/c", 2L, "/a", 2L, "/b", 5L, "/d", 1L), 3));
    }

    /** Pages spread over partitions without repeats, as the page key guarantees: merging local tops is exact. */
    @Property
    void mergingEachPartitionsTopGivesTheGlobalTop(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 20) Integer> clicks,
                                                  @ForAll @IntRange(min = 1, max = 5) int partitions,
                                                  @ForAll @IntRange(min = 1, max = 6) int n) {
        Map<String, Long> all = new HashMap<>();
        List<Map<String, Long>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new HashMap<>());
        }
        for (int i = 0; i < clicks.size(); i++) {
            String page = "/p" + i;
            all.put(page, (long) clicks.get(i));
            byPartition.get(i % partitions).put(page, (long) clicks.get(i));
        }
        List<List<PageCount>> locals = byPartition.stream().map(m -> TopN.of(m, n)).toList();
        assertEquals(TopN.of(all, n), TopN.merge(locals, n));
    }
}
