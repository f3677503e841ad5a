package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which member of a group consumes which partition: a pure function of the members (their
 * subscriptions and what they own now) and the partition count of each topic. Every partition of a
 * topic somebody subscribes to goes to exactly one of its subscribers; topics missing from the count
 * map (unknown, or deleted) get nothing.
 *
 * <p>Assignors compute a <em>target</em>. Moving a partition safely from one member to another (the
 * old owner lets go before the new one starts) is the {@link GroupCoordinator}'s job, not theirs, so
 * every strategy rebalances incrementally: only partitions that move pause.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Assignor {

    /** Partitions ordered by topic, then number: the order every assignor deals them in. */
    Comparator<TopicPartition> PARTITION_ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    /** The strategy this assignor implements. */
    AssignmentStrategy strategy();

    /**
     * The target assignment: one entry per member (possibly empty), partitions sorted.
     *
     * @param members            the members, in any order; member ids must be distinct
     * @param partitionsPerTopic partition count of each known topic
     * @throws IllegalArgumentException if two members share an id or a count is negative
     */
    Map<String, Set<TopicPartition>> assign(List<MemberSubscription> members, Map<String, Integer> partitionsPerTopic);

    /** The assignor for {@code strategy}. */
    static Assignor of(AssignmentStrategy strategy) {
        return switch (strategy) {
            case RANGE -> new RangeAssignor();
            case ROUND_ROBIN -> new RoundRobinAssignor();
            case COOPERATIVE_STICKY -> new CooperativeStickyAssignor();
        };
    }

    /** The members sorted by id, checking ids are distinct and counts are sane. */
    static List<MemberSubscription> sortedMembers(List<MemberSubscription> members,
                                                  Map<String, Integer> partitionsPerTopic) {
        partitionsPerTopic.forEach((topic, count) -> {
            if (count == null || count < 0) {
                throw new IllegalArgumentException("topic '" + topic + "' has partition count " + count);
            }
        });
        List<MemberSubscription> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(MemberSubscription::memberId));
        Set<String> seen = new HashSet<>();
        for (MemberSubscription m : sorted) {
            if (!seen.add(m.memberId())) {
                throw new IllegalArgumentException("member id '" + m.memberId() + "' appears twice");
            }
        }
        return sorted;
    }

    /** Every partition of the topics somebody subscribes to and whose count is known, in {@link #PARTITION_ORDER}. */
    static List<TopicPartition> subscribedPartitions(List<MemberSubscription> members,
                                                     Map<String, Integer> partitionsPerTopic) {
        TreeSet<String> topics = new TreeSet<>();
        members.forEach(m -> topics.addAll(m.topics()));
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            Integer count = partitionsPerTopic.get(topic);
            for (int p = 0; count != null && p < count; p++) {
                out.add(new TopicPartition(topic, p));
            }
        }
        return out;
    }

    /** An empty, sorted partition set for each member, in member order. */
    static Map<String, Set<TopicPartition>> emptyAssignment(List<MemberSubscription> members) {
        Map<String, Set<TopicPartition>> out = new TreeMap<>();
        members.forEach(m -> out.put(m.memberId(), new TreeSet<>(PARTITION_ORDER)));
        return out;
    }
}
