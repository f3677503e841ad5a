package io.rivulet.samples.lambda;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of the batch layer computed: clicks per page over a prefix of the log, and which
 * prefix — per partition, the offset it read up to (exclusive). The speed layer takes over from
 * exactly those offsets.
 *
 * @param covered per partition, the end offset the batch read up to (exclusive)
 * @param totals  clicks per page over those records
 */
public record BatchView(Map<Integer, Long> covered, Map<String, Long> totals) {
    /** Copies the maps, sorted. */
    public BatchView {
        covered = new TreeMap<>(covered);
        totals = new TreeMap<>(totals);
    }

    /** A view of nothing: the speed layer starts at offset 0 of every partition. */
    public static BatchView empty(int partitions) {
        Map<Integer, Long> covered = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            covered.put(p, 0L);
        }
        return new BatchView(covered, Map.of());
    }

    /** How many records the batch read. */
    public long records() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }
}
