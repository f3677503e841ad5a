package io.rivulet.api;

import java.util.Objects;

/**
 * How far a group is behind on one partition.
 *
 * @param topicPartition  the partition
 * @param committedOffset the group's committed offset (the next record it will read), or
 *                        {@link #NO_OFFSET} when it has committed none
 * @param endOffset       the partition's end offset (high watermark)
 * @param lag             records between the committed offset and the end; with nothing committed,
 *                        the records between the log start and the end
 */
public record PartitionLag(TopicPartition topicPartition, long committedOffset, long endOffset, long lag) {
    /** The committed offset reported when the group has committed nothing for the partition. */
    public static final long NO_OFFSET = -1L;

    /** Checks the numbers are consistent. */
    public PartitionLag {
        Objects.requireNonNull(topicPartition, "topicPartition");
        if (committedOffset < NO_OFFSET || endOffset < 0 || lag < 0) {
            throw new IllegalArgumentException("invalid lag for " + topicPartition + ": committed " + committedOffset
                    + ", end " + endOffset + ", lag " + lag);
        }
    }

    /** Whether the group has committed an offset for this partition. */
    public boolean hasCommittedOffset() {
        return committedOffset != NO_OFFSET;
    }
}
