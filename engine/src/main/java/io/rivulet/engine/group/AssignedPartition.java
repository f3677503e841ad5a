package io.rivulet.engine.group;

import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicPartition;

/**
 * A partition a member was just given, as passed to {@link RebalanceHandler#onAssigned}.
 *
 * @param topicPartition  the partition
 * @param committedOffset the group's committed position (the next offset to read), or
 *                        {@link PartitionLag#NO_OFFSET}: then {@code auto.offset.reset} decides, and the
 *                        consumer should call {@link PartitionAcks#startAt} with what it chose
 * @param acks            where the consumer records each delivery and acknowledgement of this partition
 */
public record AssignedPartition(TopicPartition topicPartition, long committedOffset, PartitionAcks acks) {

    /** Whether the group has a committed position for the partition. */
    public boolean hasCommittedOffset() {
        return committedOffset != PartitionLag.NO_OFFSET;
    }
}
