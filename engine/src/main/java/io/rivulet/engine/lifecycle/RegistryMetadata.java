package io.rivulet.engine.lifecycle;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.TopicMetadata;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.Topic;
import io.rivulet.engine.topic.TopicRegistry;

/** The group coordinator's view of the topics: lock-free lookups in the registry. */
final class RegistryMetadata implements TopicMetadata {
    private final TopicRegistry topics;

    RegistryMetadata(TopicRegistry topics) {
        this.topics = topics;
    }

    @Override
    public int partitionCount(String topic) {
        Topic t = topics.find(topic);
        return t == null ? UNKNOWN : t.partitionCount();
    }

    @Override
    public long logStartOffset(TopicPartition tp) {
        Partition p = partition(tp);
        return p == null ? UNKNOWN : p.logStartOffset();
    }

    @Override
    public long endOffset(TopicPartition tp) {
        Partition p = partition(tp);
        return p == null ? UNKNOWN : p.highWatermark();
    }

    private Partition partition(TopicPartition tp) {
        Topic t = topics.find(tp.topic());
        return t == null || tp.partition() >= t.partitionCount() ? null : t.partitions().get(tp.partition());
    }
}
