package io.rivulet.engine.group.classic;

import io.rivulet.api.TopicPartition;

import java.util.Map;
import java.util.Objects;

/**
 * An OffsetCommit: positions (the next offset to read) for a classic group.
 *
 * @param groupId         the group
 * @param memberId        the committing member; empty for a consumer outside group management
 * @param groupInstanceId its {@code group.instance.id}, or null
 * @param generation      the member's generation; negative for a consumer outside group management
 * @param offsets         the positions
 */
public record ClassicCommitRequest(String groupId, String memberId, String groupInstanceId, int generation,
                                   Map<TopicPartition, Long> offsets) {

    /** Copies the map; a null member id is read as empty. */
    public ClassicCommitRequest {
        Objects.requireNonNull(groupId, "groupId");
        memberId = memberId == null ? "" : memberId;
        offsets = Map.copyOf(offsets);
    }
}
