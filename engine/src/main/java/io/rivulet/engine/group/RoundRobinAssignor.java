package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's round-robin strategy: every subscribed partition, sorted by topic and number, is dealt to
 * the members (sorted by id) in turn, skipping a member that does not subscribe to the partition's
 * topic. With topics {@code t0}, {@code t1} of 3 partitions and members {@code c0}, {@code c1}:
 * {@code c0 = [t0-0, t0-2, t1-1]}, {@code c1 = [t0-1, t1-0, t1-2]}. Counts even out across topics
 * when subscriptions are equal; moves ignore who owned what.
 */
final class RoundRobinAssignor implements Assignor {

    @Override
    public AssignmentStrategy strategy() {
        return AssignmentStrategy.ROUND_ROBIN;
    }

    @Override
    public Map<String, Set<TopicPartition>> assign(List<MemberSubscription> members,
                                                   Map<String, Integer> partitionsPerTopic) {
        List<MemberSubscription> sorted = Assignor.sortedMembers(members, partitionsPerTopic);
        Map<String, Set<TopicPartition>> out = Assignor.emptyAssignment(sorted);
        int next = 0;
        for (TopicPartition tp : Assignor.subscribedPartitions(sorted, partitionsPerTopic)) {
            // Terminates: the partition's topic is subscribed by at least one member.
            while (!sorted.get(next).topics().contains(tp.topic())) {
                next = (next + 1) % sorted.size();
            }
            out.get(sorted.get(next).memberId()).add(tp);
            next = (next + 1) % sorted.size();
        }
        return out;
    }
}
