package io.rivulet.engine.group.classic;

import java.util.Objects;

/**
 * A Heartbeat: the member is alive in {@code generation}.
 *
 * @param groupId         the group
 * @param generation      the generation the member is in
 * @param memberId        the member
 * @param groupInstanceId its {@code group.instance.id}, or null
 */
public record ClassicHeartbeatRequest(String groupId, int generation, String memberId, String groupInstanceId) {

    /** Checks the group is named. */
    public ClassicHeartbeatRequest {
        Objects.requireNonNull(groupId, "groupId");
        memberId = memberId == null ? "" : memberId;
    }
}
