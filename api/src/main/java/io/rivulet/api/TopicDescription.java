package io.rivulet.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A topic as described by {@link Admin#describeTopic(String)}.
 *
 * @param name       the topic
 * @param configs    the topic's effective settings (explicit ones and defaults) by Kafka-style key
 * @param partitions its partitions, ordered by number
 */
public record TopicDescription(String name, Map<String, String> configs, List<PartitionDescription> partitions) {

    /** Copies the collections and orders the partitions by number. */
    public TopicDescription {
        TopicNames.validate(name);
        configs = Map.copyOf(configs);
        partitions = partitions.stream().sorted(Comparator.comparingInt(PartitionDescription::partition)).toList();
    }

    /** The number of partitions. */
    public int partitionCount() {
        return partitions.size();
    }
}
