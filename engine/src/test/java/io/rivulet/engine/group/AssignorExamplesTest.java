package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The layouts Kafka documents for its range, round-robin and sticky assignors. */
class AssignorExamplesTest {

    private static final Map<String, Integer> TWO_TOPICS_OF_THREE = Map.of("t0", 3, "t1", 3);

    @Test
    void rangeGivesEachMemberAContiguousRangePerTopic() {
        Map<String, Set<TopicPartition>> a = new RangeAssignor().assign(List.of(
                member("C1", "t0", "t1"), member("C0", "t0", "t1")), TWO_TOPICS_OF_THREE);

        assertEquals(Map.of("C0", tps("t0-0", "t0-1", "t1-0", "t1-1"), "C1", tps("t0-2", "t1-2")), a);
    }

    @Test
    void roundRobinDealsAllPartitionsInTurn() {
        Map<String, Set<TopicPartition>> a = new RoundRobinAssignor().assign(List.of(
                member("C0", "t0", "t1"), member("C1", "t0", "t1")), TWO_TOPICS_OF_THREE);

        assertEquals(Map.of("C0", tps("t0-0", "t0-2", "t1-1"), "C1", tps("t0-1", "t1-0", "t1-2")), a);
    }

    @Test
    void roundRobinSkipsMembersThatDoNotSubscribe() {
        Map<String, Set<TopicPartition>> a = new RoundRobinAssignor().assign(List.of(
                member("C0", "t0"), member("C1", "t0", "t1"), member("C2", "t0", "t1", "t2")),
                Map.of("t0", 1, "t1", 2, "t2", 3));

        assertEquals(Map.of("C0", tps("t0-0"), "C1", tps("t1-0"),
                "C2", tps("t1-1", "t2-0", "t2-1", "t2-2")), a);
    }

    @Test
    void stickyPlacesConstrainedTopicsFirst() {
        Map<String, Set<TopicPartition>> a = new CooperativeStickyAssignor().assign(List.of(
                member("C0", "t0"), member("C1", "t0", "t1"), member("C2", "t0", "t1", "t2")),
                Map.of("t0", 1, "t1", 2, "t2", 3));

        assertEquals(Map.of("C0", tps("t0-0"), "C1", tps("t1-0", "t1-1"), "C2", tps("t2-0", "t2-1", "t2-2")), a);
    }

    @Test
    void stickyKeepsTheSurvivorsPartitionsWhenAMemberLeaves() {
        Map<String, Integer> fourTopicsOfTwo = Map.of("t0", 2, "t1", 2, "t2", 2, "t3", 2);
        String[] all = {"t0", "t1", "t2", "t3"};
        Map<String, Set<TopicPartition>> a = new CooperativeStickyAssignor().assign(List.of(
                new MemberSubscription("C0", Set.of(all), tps("t0-0", "t1-1", "t3-0")),
                new MemberSubscription("C2", Set.of(all), tps("t1-0", "t2-1"))), fourTopicsOfTwo);

        assertEquals(Map.of("C0", tps("t0-0", "t1-1", "t2-0", "t3-0"), "C2", tps("t0-1", "t1-0", "t2-1", "t3-1")), a);
    }

    @Test
    void stickyHandsTheLeaversPartitionToTheRemainingSubscriber() {
        Map<String, Set<TopicPartition>> a = new CooperativeStickyAssignor().assign(List.of(
                new MemberSubscription("C1", Set.of("t0", "t1"), tps("t1-0", "t1-1")),
                new MemberSubscription("C2", Set.of("t0", "t1", "t2"), tps("t2-0", "t2-1", "t2-2"))),
                Map.of("t0", 1, "t1", 2, "t2", 3));

        assertEquals(Map.of("C1", tps("t0-0", "t1-0", "t1-1"), "C2", tps("t2-0", "t2-1", "t2-2")), a);
    }

    @Test
    void unknownTopicsGetNothing() {
        for (AssignmentStrategy s : AssignmentStrategy.values()) {
            Map<String, Set<TopicPartition>> a = Assignor.of(s).assign(List.of(member("C0", "known", "missing")),
                    Map.of("known", 2));
            assertEquals(Map.of("C0", tps("known-0", "known-1")), a, s.configValue());
        }
    }

    @Test
    void rejectsTwoMembersWithOneId() {
        for (AssignmentStrategy s : AssignmentStrategy.values()) {
            assertThrows(IllegalArgumentException.class, () -> Assignor.of(s).assign(
                    List.of(member("C0", "t0"), member("C0", "t1")), Map.of("t0", 1, "t1", 1)));
        }
    }

    @Test
    void strategyFactoryReturnsTheMatchingAssignor() {
        for (AssignmentStrategy s : AssignmentStrategy.values()) {
            assertEquals(s, Assignor.of(s).strategy());
        }
    }

    static MemberSubscription member(String id, String... topics) {
        return MemberSubscription.of(id, Set.of(topics));
    }

    /** Partitions written as {@code topic-n}. */
    static Set<TopicPartition> tps(String... names) {
        TreeSet<TopicPartition> out = new TreeSet<>(Assignor.PARTITION_ORDER);
        Arrays.stream(names).forEach(n -> {
            int dash = n.lastIndexOf('-');
            out.add(new TopicPartition(n.substring(0, dash), Integer.parseInt(n.substring(dash + 1))));
        });
        return out;
    }
}
