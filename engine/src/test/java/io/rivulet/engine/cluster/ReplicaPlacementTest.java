package io.rivulet.engine.cluster;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where replicas go: distinct nodes, leaders balanced within a topic and across topics. */
class ReplicaPlacementTest {

    @Test
    void leadersTakeTurnsAndFollowersAreTheNextNodes() {
        assertEquals(List.of(List.of(1, 2), List.of(2, 3), List.of(3, 1)),
                ReplicaPlacement.place(List.of(1, 2, 3), 3, 2, 0, 0));
    }

    @Test
    void existingPartitionsRotateTheFirstLeader() {
        assertEquals(List.of(List.of(3, 1), List.of(1, 2)), ReplicaPlacement.place(List.of(1, 2, 3), 2, 2, 2, 0));
    }

    @Test
    void existingTopicsShiftTheFollowers() {
        List<List<Integer>> unshifted = ReplicaPlacement.place(List.of(1, 2, 3, 4), 4, 2, 0, 0);
        List<List<Integer>> shifted = ReplicaPlacement.place(List.of(1, 2, 3, 4), 4, 2, 0, 1);
        assertEquals(List.of(1, 3), shifted.get(0));
        assertNotEquals(unshifted, shifted);
    }

    @Property
    void replicasAreDistinctLiveNodes(@ForAll @IntRange(min = 1, max = 9) int nodes,
                                      @ForAll @IntRange(min = 1, max = 40) int partitions,
                                      @ForAll @IntRange(min = 1, max = 9) int rf,
                                      @ForAll @IntRange(min = 0, max = 100) int existingPartitions,
                                      @ForAll @IntRange(min = 0, max = 20) int existingTopics) {
        int replicationFactor = Math.min(rf, nodes);
        List<Integer> live = IntStream.rangeClosed(1, nodes).map(i -> i * 10).boxed().toList();
        List<List<Integer>> placement = ReplicaPlacement.place(live, partitions, replicationFactor,
                existingPartitions, existingTopics);
        assertEquals(partitions, placement.size());
        for (List<Integer> replicas : placement) {
            assertEquals(replicationFactor, replicas.size());
            assertEquals(replicationFactor, new HashSet<>(replicas).size(), "distinct: " + replicas);
            assertTrue(live.containsAll(replicas));
        }
    }

    @Property
    void leaderAndReplicaCountsPerNodeDifferByAtMostOne(@ForAll @IntRange(min = 1, max = 9) int nodes,
                                                         @ForAll @IntRange(min = 1, max = 5) int multiple,
                                                         @ForAll @IntRange(min = 1, max = 9) int rf,
                                                         @ForAll @IntRange(min = 0, max = 100) int existingPartitions,
                                                         @ForAll @IntRange(min = 0, max = 20) int existingTopics) {
        int replicationFactor = Math.min(rf, nodes);
        List<Integer> live = IntStream.rangeClosed(1, nodes).boxed().toList();
        List<List<Integer>> placement = ReplicaPlacement.place(live, nodes * multiple, replicationFactor,
                existingPartitions, existingTopics);
        Map<Integer, Integer> leaders = new TreeMap<>();
        Map<Integer, Integer> replicas = new TreeMap<>();
        live.forEach(n -> {
            leaders.put(n, 0);
            replicas.put(n, 0);
        });
        for (List<Integer> p : placement) {
            leaders.merge(p.get(0), 1, Integer::sum);
            p.forEach(n -> replicas.merge(n, 1, Integer::sum));
        }
        assertWithinOne(leaders, "leaders");
        assertWithinOne(replicas, "replicas");
    }

    private static void assertWithinOne(Map<Integer, Integer> counts, String what) {
        int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(max - min <= 1, what + " per node " + counts);
    }
}
