package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Topic metadata a test sets by hand. */
final class FakeTopics implements TopicMetadata {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> starts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();

    FakeTopics topic(String name, int partitions) {
        counts.put(name, partitions);
        return this;
    }

    void delete(String name) {
        counts.remove(name);
        starts.keySet().removeIf(tp -> tp.topic().equals(name));
        ends.keySet().removeIf(tp -> tp.topic().equals(name));
    }

    void offsets(TopicPartition tp, long start, long end) {
        starts.put(tp, start);
        ends.put(tp, end);
    }

    @Override
    public int partitionCount(String topic) {
        return counts.getOrDefault(topic, UNKNOWN);
    }

    @Override
    public long logStartOffset(TopicPartition tp) {
        return tp.partition() < partitionCount(tp.topic()) ? starts.getOrDefault(tp, 0L) : UNKNOWN;
    }

    @Override
    public long endOffset(TopicPartition tp) {
        return tp.partition() < partitionCount(tp.topic()) ? ends.getOrDefault(tp, 0L) : UNKNOWN;
    }
}
