package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka's range strategy: topic by topic, the subscribers (sorted by member id) each take a
 * contiguous range of partitions; when the count does not divide evenly the first members take one
 * more. With topics {@code t0} and {@code t1} of 3 partitions and members {@code c0}, {@code c1}:
 * {@code c0 = [t0-0, t0-1, t1-0, t1-1]}, {@code c1 = [t0-2, t1-2]}. Co-partitioned topics therefore
 * land together, at the price of piling the extras on the first members.
 */
final class RangeAssignor implements Assignor {

    @Override
    public AssignmentStrategy strategy() {
        return AssignmentStrategy.RANGE;
    }

    @Override
    public Map<String, Set<TopicPartition>> assign(List<MemberSubscription> members,
                                                   Map<String, Integer> partitionsPerTopic) {
        List<MemberSubscription> sorted = Assignor.sortedMembers(members, partitionsPerTopic);
        Map<String, Set<TopicPartition>> out = Assignor.emptyAssignment(sorted);
        Map<String, List<String>> subscribers = new TreeMap<>();
        for (MemberSubscription m : sorted) {
            for (String topic : m.topics()) {
                subscribers.computeIfAbsent(topic, t -> new ArrayList<>()).add(m.memberId());
            }
        }
        subscribers.forEach((topic, ids) -> {
            Integer count = partitionsPerTopic.get(topic);
            if (count == null) {
                return;
            }
            int per = count / ids.size();
            int extra = count % ids.size();
            for (int i = 0; i < ids.size(); i++) {
                int start = i * per + Math.min(i, extra);
                int length = per + (i < extra ? 1 : 0);
                for (int p = start; p < start + length; p++) {
                    out.get(ids.get(i)).add(new TopicPartition(topic, p));
                }
            }
        });
        return out;
    }
}
