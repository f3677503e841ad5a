package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Balanced like round robin, but sticky: each member keeps the partitions it owns wherever balance
 * allows, so a rebalance moves as few partitions as it can (and, with the coordinator's incremental
 * hand-off, only those stop flowing).
 *
 * <p>Three steps:
 * <ol>
 *   <li><b>keep</b> every owned partition that still exists and that its owner still subscribes to
 *       (if two members claim one, the first by id keeps it);</li>
 *   <li><b>place</b> the partitions nobody kept, the most constrained first (topics with the fewest
 *       subscribers), each on the eligible member that has the fewest partitions;</li>
 *   <li><b>balance</b>: while some member has at least two more partitions than a member that could
 *       take one of them, move one, preferring partitions the giver did not own before.</li>
 * </ol>
 * Each move lowers the sum of squared counts, so step 3 ends; for members with equal subscriptions
 * it ends with counts within one of each other, having moved only the surplus of the members above
 * their share.
 */
final class CooperativeStickyAssignor implements Assignor {

    @Override
    public AssignmentStrategy strategy() {
        return AssignmentStrategy.COOPERATIVE_STICKY;
    }

    @Override
    public Map<String, Set<TopicPartition>> assign(List<MemberSubscription> members,
                                                   Map<String, Integer> partitionsPerTopic) {
        List<MemberSubscription> sorted = Assignor.sortedMembers(members, partitionsPerTopic);
        Map<String, Set<TopicPartition>> out = Assignor.emptyAssignment(sorted);
        Map<String, Set<String>> topicsOf = new HashMap<>();
        Map<String, List<String>> subscribers = new TreeMap<>();
        for (MemberSubscription m : sorted) {
            topicsOf.put(m.memberId(), m.topics());
            m.topics().forEach(t -> subscribers.computeIfAbsent(t, x -> new ArrayList<>()).add(m.memberId()));
        }
        List<TopicPartition> all = Assignor.subscribedPartitions(sorted, partitionsPerTopic);
        Set<TopicPartition> unplaced = new TreeSet<>(Assignor.PARTITION_ORDER);
        unplaced.addAll(all);

        for (MemberSubscription m : sorted) {
            TreeSet<TopicPartition> owned = new TreeSet<>(Assignor.PARTITION_ORDER);
            owned.addAll(m.owned());
            for (TopicPartition tp : owned) {
                if (m.topics().contains(tp.topic()) && unplaced.remove(tp)) {
                    out.get(m.memberId()).add(tp);
                }
            }
        }

        List<TopicPartition> rest = new ArrayList<>(unplaced);
        rest.sort(Comparator.<TopicPartition>comparingInt(tp -> subscribers.get(tp.topic()).size())
                .thenComparing(Assignor.PARTITION_ORDER));
        for (TopicPartition tp : rest) {
            String best = null;
            for (String id : subscribers.get(tp.topic())) {
                if (best == null || out.get(id).size() < out.get(best).size()) {
                    best = id;
                }
            }
            out.get(best).add(tp);
        }

        Map<String, Set<TopicPartition>> before = new HashMap<>();
        sorted.forEach(m -> before.put(m.memberId(), m.owned()));
        balance(out, topicsOf, before);
        return out;
    }

    private static void balance(Map<String, Set<TopicPartition>> out, Map<String, Set<String>> topicsOf,
                                Map<String, Set<TopicPartition>> before) {
        List<String> byCount = new ArrayList<>(out.keySet());
        boolean moved = true;
        while (moved) {
            moved = false;
            byCount.sort(Comparator.<String>comparingInt(id -> out.get(id).size()).thenComparing(id -> id));
            search:
            for (int hi = byCount.size() - 1; hi > 0; hi--) {
                String giver = byCount.get(hi);
                for (int lo = 0; lo < hi; lo++) {
                    String taker = byCount.get(lo);
                    if (out.get(giver).size() <= out.get(taker).size() + 1) {
                        break; // takers only get fuller from here on
                    }
                    TopicPartition tp = movable(out.get(giver), before.get(giver), topicsOf.get(taker));
                    if (tp != null) {
                        out.get(giver).remove(tp);
                        out.get(taker).add(tp);
                        moved = true;
                        break search;
                    }
                }
            }
        }
    }

    /** A partition of {@code from} the taker subscribes to: one {@code from} did not own before if any. */
    private static TopicPartition movable(Set<TopicPartition> from, Set<TopicPartition> ownedBefore,
                                          Set<String> takerTopics) {
        TopicPartition fallback = null;
        for (TopicPartition tp : from) {
            if (takerTopics.contains(tp.topic())) {
                if (!ownedBefore.contains(tp)) {
                    return tp;
                }
                fallback = tp;
            }
        }
        return fallback;
    }
}
