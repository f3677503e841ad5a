package io.rivulet.engine.group;

import java.util.Objects;

/**
 * A member leaves: its partitions are released at once and the group rebalances. The member should
 * commit before.
 *
 * @param groupId  the group
 * @param memberId the member
 */
public record LeaveRequest(String groupId, String memberId) {

    /** Requires both. */
    public LeaveRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }
}
