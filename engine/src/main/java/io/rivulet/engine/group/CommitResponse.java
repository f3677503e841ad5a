package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.util.Map;

/**
 * The answer to a {@link CommitRequest}. Partitions not named in {@code partitionErrors} were committed
 * durably (when {@code error} is {@code NONE}).
 *
 * @param error           {@link GroupError#NONE}, or {@link GroupError#UNKNOWN_MEMBER_ID} /
 *                        {@link GroupError#ILLEGAL_GENERATION} rejecting the whole request
 * @param generation      the group's generation when answering
 * @param partitionErrors the partitions that were rejected, and why
 */
public record CommitResponse(GroupError error, int generation, Map<TopicPartition, GroupError> partitionErrors) {

    /** Copies the map. */
    public CommitResponse {
        partitionErrors = Map.copyOf(partitionErrors);
    }

    /** Whether {@code tp} was committed. */
    public boolean committed(TopicPartition tp) {
        return error == GroupError.NONE && !partitionErrors.containsKey(tp);
    }

    /** Whether everything asked was committed. */
    public boolean allCommitted() {
        return error == GroupError.NONE && partitionErrors.isEmpty();
    }
}
