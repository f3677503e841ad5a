package io.rivulet.engine.group.classic;

import java.util.List;
import java.util.Objects;

/**
 * A LeaveGroup: members leave at once (LeaveGroup v3+ names several; older versions one dynamic member).
 *
 * @param groupId the group
 * @param members who leaves
 */
public record ClassicLeaveRequest(String groupId, List<Leaving> members) {

    /**
     * One leaving member.
     *
     * @param memberId        its id; may be empty for a static member named by instance id
     * @param groupInstanceId its {@code group.instance.id}, or null
     */
    public record Leaving(String memberId, String groupInstanceId) {
        /** A null member id is read as empty. */
        public Leaving {
            memberId = memberId == null ? "" : memberId;
        }
    }

    /** Copies the list. */
    public ClassicLeaveRequest {
        Objects.requireNonNull(groupId, "groupId");
        members = List.copyOf(members);
    }
}
