package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.util.Map;
import java.util.Objects;

/**
 * Commits positions: for each partition, the next offset the group will read. Fenced: each partition
 * must be held by the member now, and {@code memberEpoch} must be no older than the generation in
 * which the member was given it.
 *
 * @param groupId     the group
 * @param memberId    the committing member
 * @param memberEpoch the generation the member knew when it read the positions
 * @param offsets     the positions
 */
public record CommitRequest(String groupId, String memberId, int memberEpoch, Map<TopicPartition, Long> offsets) {

    /** Copies the map. */
    public CommitRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        offsets = Map.copyOf(offsets);
    }
}
