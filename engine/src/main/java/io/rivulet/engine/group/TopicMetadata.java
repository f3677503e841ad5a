package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

/**
 * What the coordinator needs to know about topics, supplied by the engine: partition counts to assign,
 * offsets to compute lag. Calls must be cheap and non-blocking (they run under a group's lock). When
 * topics are created, grow or are deleted, the engine tells the coordinator through
 * {@link LocalGroupCoordinator#topicsChanged()} and {@link LocalGroupCoordinator#topicDeleted(String)}.
 */
public interface TopicMetadata {
    /** Returned for a topic or partition that does not exist. */
    int UNKNOWN = -1;

    /** The topic's partition count, or {@link #UNKNOWN}. */
    int partitionCount(String topic);

    /** The partition's log start offset, or {@link #UNKNOWN}. */
    long logStartOffset(TopicPartition tp);

    /** The partition's end offset (high watermark: the offset the next record gets), or {@link #UNKNOWN}. */
    long endOffset(TopicPartition tp);
}
