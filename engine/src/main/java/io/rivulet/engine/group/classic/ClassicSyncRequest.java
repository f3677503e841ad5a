package io.rivulet.engine.group.classic;

import java.util.Map;
import java.util.Objects;

/**
 * A SyncGroup: the leader hands over the assignment it computed, and every member asks for its part.
 *
 * @param groupId         the group
 * @param generation      the generation the member joined
 * @param memberId        the member
 * @param groupInstanceId its {@code group.instance.id}, or null
 * @param protocolType    the protocol type it expects (SyncGroup v5+), or null to skip the check
 * @param protocolName    the protocol it expects (SyncGroup v5+), or null to skip the check
 * @param assignments     from the leader: each member's assignment bytes; empty from the others
 */
public record ClassicSyncRequest(String groupId, int generation, String memberId, String groupInstanceId,
                                 String protocolType, String protocolName, Map<String, byte[]> assignments) {

    /** Copies the map. */
    public ClassicSyncRequest {
        Objects.requireNonNull(groupId, "groupId");
        memberId = memberId == null ? "" : memberId;
        assignments = Map.copyOf(assignments);
    }
}
