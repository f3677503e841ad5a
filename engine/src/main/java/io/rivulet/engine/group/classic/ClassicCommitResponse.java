package io.rivulet.engine.group.classic;

import io.rivulet.api.TopicPartition;

import java.util.Map;

/**
 * The answer to a {@link ClassicCommitRequest}: partitions with no error of their own are stored durably when
 * {@code error} is {@link ClassicError#NONE}.
 *
 * @param error           a refusal of the whole commit (membership, generation, rebalance)
 * @param partitionErrors partitions refused on their own (no such partition, negative offset)
 */
public record ClassicCommitResponse(ClassicError error, Map<TopicPartition, ClassicError> partitionErrors) {

    /** Copies the map. */
    public ClassicCommitResponse {
        partitionErrors = Map.copyOf(partitionErrors);
    }

    /** The answer for {@code tp}. */
    public ClassicError errorFor(TopicPartition tp) {
        return error != ClassicError.NONE ? error : partitionErrors.getOrDefault(tp, ClassicError.NONE);
    }
}
