package io.rivulet.api;

import java.util.List;
import java.util.Objects;

/**
 * A consumer group as described by {@link Admin#describeGroup(String)}.
 *
 * @param groupId            the group
 * @param state              where it is in its life
 * @param generation         the current generation; it increases with every rebalance
 * @param assignmentStrategy the strategy its members use
 * @param members            its members with their assignments
 * @param partitions         committed offset, end offset and lag for each partition the group has
 *                           consumed or been assigned
 */
public record GroupDescription(String groupId, GroupState state, int generation, AssignmentStrategy assignmentStrategy,
                               List<MemberDescription> members, List<PartitionLag> partitions) {

    /** Copies the lists. */
    public GroupDescription {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(state, "state");
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }

    /** The sum of the lag over all partitions. */
    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }
}
