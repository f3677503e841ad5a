package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.util.Objects;
import java.util.Set;

/**
 * A member is alive, and this is what it owns. Sent every {@code heartbeat.interval.ms}, and at once
 * after a revocation completes. Partitions the member stops reporting, and that are no longer in its
 * target, are released to their next owner.
 *
 * @param groupId     the group
 * @param memberId    the member
 * @param memberEpoch the last generation the member was told
 * @param owned       the partitions the member holds now, including those it is still revoking
 */
public record HeartbeatRequest(String groupId, String memberId, int memberEpoch, Set<TopicPartition> owned) {

    /** Copies the set. */
    public HeartbeatRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        owned = Set.copyOf(owned);
    }
}
