package io.rivulet.samples.window;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Top-N pages by clicks, ranked by {@link PageCount#RANKING}. Pure functions. */
public final class TopN {
    private TopN() {
    }

    /** The {@code n} pages with the most clicks in {@code counts}. */
    public static List<PageCount> of(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .map(e -> new PageCount(e.getKey(), e.getValue()))
                .sorted(PageCount.RANKING)
                .limit(n)
                .toList();
    }

    /**
     * The global top {@code n} from each partition's own top {@code n}. Exact only because a page lives
     * in one partition (it is the record key): a page in the global top {@code n} beats every page of
     * its own partition but at most {@code n - 1}, so it is in its partition's list too — the
     * local/global two-phase top-N of Flink's and Kafka Streams' optimisers.
     */
    public static List<PageCount> merge(Collection<List<PageCount>> perPartition, int n) {
        return perPartition.stream()
                .flatMap(List::stream)
                .sorted(PageCount.RANKING)
                .limit(n)
                .toList();
    }
}
