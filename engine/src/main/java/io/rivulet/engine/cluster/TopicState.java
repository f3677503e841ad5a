package io.rivulet.engine.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One topic as the cluster metadata knows it. Immutable.
 *
 * @param name              the topic name
 * @param id                the topic's id, different for a topic deleted and created again with the same name
 * @param replicationFactor how many replicas each partition has
 * @param configs           the topic's configuration overrides, sorted by key
 * @param partitions        the partitions, indexed by partition number
 */
public record TopicState(String name, UUID id, int replicationFactor, Map<String, String> configs,
                         List<PartitionState> partitions) {

    /** Copies the configs (sorted) and the partitions; checks partition {@code i} is at index {@code i}. */
    public TopicState {
        configs = Collections.unmodifiableSortedMap(new TreeMap<>(configs));
        partitions = List.copyOf(partitions);
        for (int i = 0; i < partitions.size(); i++) {
            if (partitions.get(i).partition() != i) {
                throw new IllegalArgumentException("topic '" + name + "' lists partition "
                        + partitions.get(i).partition() + " at index " + i);
            }
        }
    }

    /** This topic with partition {@code p.partition()} replaced by {@code p}. */
    TopicState with(PartitionState p) {
        List<PartitionState> copy = new ArrayList<>(partitions);
        copy.set(p.partition(), p);
        return new TopicState(name, id, replicationFactor, configs, copy);
    }
}
