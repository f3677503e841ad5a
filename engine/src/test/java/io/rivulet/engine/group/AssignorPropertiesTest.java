package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.TopicPartition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties every assignor keeps, the balance each promises, Kafka's own range and round-robin
 * assignors as an oracle, and the sticky assignor's minimal movement.
 */
class AssignorPropertiesTest {

    /** A group to assign: topics with their counts and members with subscriptions and owned partitions. */
    record Scenario(Map<String, Integer> counts, List<MemberSubscription> members) {
    }

    @Property
    void everySubscribedPartitionGoesToExactlyOneSubscriber(@ForAll("anyScenario") Scenario s,
                                                           @ForAll AssignmentStrategy strategy) {
        Map<String, Set<TopicPartition>> a = Assignor.of(strategy).assign(s.members(), s.counts());

        assertEquals(s.members().stream().map(MemberSubscription::memberId).collect(Collectors.toSet()), a.keySet());
        Map<TopicPartition, String> owner = new HashMap<>();
        Map<String, Set<String>> topicsOf = topicsOf(s);
        a.forEach((id, parts) -> parts.forEach(tp -> {
            assertTrue(owner.put(tp, id) == null, tp + " assigned twice");
            assertTrue(topicsOf.get(id).contains(tp.topic()), tp + " given to non-subscriber " + id);
        }));
        assertEquals(new HashSet<>(Assignor.subscribedPartitions(s.members(), s.counts())), owner.keySet());
    }

    @Property
    void roundRobinAndStickyBalanceEqualSubscriptionsWithinOne(@ForAll("equalScenario") Scenario s,
                                                              @ForAll AssignmentStrategy strategy) {
        Map<String, Set<TopicPartition>> a = Assignor.of(strategy).assign(s.members(), s.counts());
        if (strategy == AssignmentStrategy.RANGE) {
            for (String topic : s.counts().keySet()) {
                assertWithinOne(a.values().stream().mapToInt(p -> (int) p.stream()
                        .filter(tp -> tp.topic().equals(topic)).count()).toArray(), "range on " + topic);
            }
        } else {
            assertWithinOne(a.values().stream().mapToInt(Set::size).toArray(), strategy.configValue());
        }
    }

    @Property
    void rangeMatchesKafkasRangeAssignor(@ForAll("anyScenario") Scenario s) {
        assertEquals(kafka(new org.apache.kafka.clients.consumer.RangeAssignor(), s),
                new RangeAssignor().assign(s.members(), s.counts()));
    }

    @Property
    void roundRobinMatchesKafkasRoundRobinAssignor(@ForAll("anyScenario") Scenario s) {
        assertEquals(kafka(new org.apache.kafka.clients.consumer.RoundRobinAssignor(), s),
                new RoundRobinAssignor().assign(s.members(), s.counts()));
    }

    @Property
    void stickyMovesOnlyTheSurplusAboveEachMembersShare(@ForAll("equalScenario") Scenario s) {
        Map<String, Set<TopicPartition>> a = new CooperativeStickyAssignor().assign(s.members(), s.counts());

        Set<TopicPartition> existing = new HashSet<>(Assignor.subscribedPartitions(s.members(), s.counts()));
        List<Integer> kept = new ArrayList<>();
        int moved = 0;
        for (MemberSubscription m : s.members()) {
            Set<TopicPartition> valid = new HashSet<>(m.owned());
            valid.retainAll(existing);
            kept.add(valid.size());
            valid.removeAll(a.get(m.memberId()));
            moved += valid.size();
        }
        // The fewest moves any balanced assignment needs: the larger shares go to the members
        // already holding the most, and each member gives up what it holds beyond its share.
        kept.sort(Comparator.reverseOrder());
        int n = existing.size();
        int m = s.members().size();
        int minimum = 0;
        for (int i = 0; i < m; i++) {
            int share = n / m + (i < n % m ? 1 : 0);
            minimum += Math.max(0, kept.get(i) - share);
        }
        assertEquals(minimum, moved);
    }

    @Property
    void stickyLeavesNoMoveThatWouldImproveBalance(@ForAll("anyScenario") Scenario s) {
        Map<String, Set<TopicPartition>> a = new CooperativeStickyAssignor().assign(s.members(), s.counts());
        Map<String, Set<String>> topicsOf = topicsOf(s);
        a.forEach((giver, parts) -> a.forEach((taker, takerParts) -> {
            if (parts.size() >= takerParts.size() + 2) {
                for (TopicPartition tp : parts) {
                    assertTrue(!topicsOf.get(taker).contains(tp.topic()),
                            giver + " has " + parts.size() + " and could give " + tp + " to " + taker
                                    + " with " + takerParts.size());
                }
            }
        }));
    }

    @Property
    void stickyKeepsItsOwnResultWhenNothingChanged(@ForAll("anyScenario") Scenario s) {
        CooperativeStickyAssignor sticky = new CooperativeStickyAssignor();
        Map<String, Set<TopicPartition>> first = sticky.assign(s.members(), s.counts());
        List<MemberSubscription> again = s.members().stream()
                .map(m -> new MemberSubscription(m.memberId(), m.topics(), first.get(m.memberId())))
                .toList();

        assertEquals(first, sticky.assign(again, s.counts()));
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Scenario> anyScenario() {
        return scenarios(false);
    }

    @Provide
    Arbitrary<Scenario> equalScenario() {
        return scenarios(true);
    }

    private static Arbitrary<Scenario> scenarios(boolean equalSubscriptions) {
        Arbitrary<List<Integer>> counts = Arbitraries.integers().between(1, 12).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(counts, Arbitraries.integers().between(1, 8), Arbitraries.longs())
                .as((c, members, seed) -> scenario(c, members, seed, equalSubscriptions));
    }

    /**
     * Topics t0.. with the given counts; members with shuffled ids; owned partitions as left by an
     * earlier generation: drawn from slightly different counts, some held by members now gone, some
     * by nobody, never by two members.
     */
    private static Scenario scenario(List<Integer> countList, int memberCount, long seed, boolean equal) {
        Random random = new Random(seed);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < countList.size(); i++) {
            counts.put("t" + i, countList.get(i));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            ids.add("member-" + Integer.toHexString(random.nextInt(1 << 16)) + "-" + i);
        }
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        for (String id : ids) {
            Set<String> t = new TreeSet<>();
            for (String topic : counts.keySet()) {
                if (equal || random.nextInt(3) > 0) {
                    t.add(topic);
                }
            }
            if (t.isEmpty()) {
                t.add("t" + random.nextInt(counts.size()));
            }
            topics.put(id, t);
        }
        Map<String, Set<TopicPartition>> owned = new HashMap<>();
        ids.forEach(id -> owned.put(id, new HashSet<>()));
        counts.forEach((topic, count) -> {
            int earlier = Math.max(1, count + random.nextInt(5) - 2);
            for (int p = 0; p < earlier; p++) {
                int who = random.nextInt(ids.size() + 2);
                if (who < ids.size() && random.nextInt(5) > 0) {
                    owned.get(ids.get(who)).add(new TopicPartition(topic, p));
                }
            }
        });
        List<MemberSubscription> members = ids.stream()
                .map(id -> new MemberSubscription(id, topics.get(id), owned.get(id)))
                .toList();
        return new Scenario(counts, members);
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Set<String>> topicsOf(Scenario s) {
        Map<String, Set<String>> out = new HashMap<>();
        s.members().forEach(m -> out.put(m.memberId(), m.topics()));
        return out;
    }

    private static void assertWithinOne(int[] counts, String what) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int c : counts) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        assertTrue(max - min <= 1, what + ": counts " + java.util.Arrays.toString(counts) + " differ by more than one");
    }

    private static Map<String, Set<TopicPartition>> kafka(ConsumerPartitionAssignor assignor, Scenario s) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        s.members().forEach(m -> subscriptions.put(m.memberId(), new Subscription(new ArrayList<>(m.topics()))));
        Map<String, List<org.apache.kafka.common.TopicPartition>> result;
        if (assignor instanceof org.apache.kafka.clients.consumer.RangeAssignor range) {
            result = range.assign(s.counts(), subscriptions);
        } else {
            result = ((org.apache.kafka.clients.consumer.RoundRobinAssignor) assignor).assign(s.counts(), subscriptions);
        }
        Map<String, Set<TopicPartition>> out = new TreeMap<>();
        result.forEach((id, parts) -> out.put(id, parts.stream()
                .map(tp -> new TopicPartition(tp.topic(), tp.partition()))
                .collect(Collectors.toCollection(() -> new TreeSet<>(Assignor.PARTITION_ORDER)))));
        return out;
    }
}
