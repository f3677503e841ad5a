package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.util.Objects;
import java.util.Set;

/**
 * Asks for a group's committed positions.
 *
 * @param groupId    the group
 * @param partitions the partitions to look up; empty for all the group has committed
 */
public record OffsetFetchRequest(String groupId, Set<TopicPartition> partitions) {

    /** Copies the set. */
    public OffsetFetchRequest {
        Objects.requireNonNull(groupId, "groupId");
        partitions = Set.copyOf(partitions);
    }
}
