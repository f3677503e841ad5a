package io.rivulet.engine.group.classic;

import java.util.List;
import java.util.Objects;

/**
 * A JoinGroup: a member asks to be part of the next generation.
 *
 * @param groupId              the group
 * @param memberId             the member's id; empty for a member joining for the first time
 * @param groupInstanceId      the static member's {@code group.instance.id}, or null for a dynamic member
 * @param clientId             the client's {@code client.id}, a prefix of the member id it gets
 * @param clientHost           where the client connects from, for descriptions
 * @param sessionTimeoutMs     how long the member may go without a heartbeat
 * @param rebalanceTimeoutMs   how long a rebalance waits for this member to rejoin (Kafka's v0 has none: pass
 *                             the session timeout)
 * @param protocolType         the kind of group ({@code consumer} for consumers); every member must agree
 * @param protocols            the protocols it supports, most preferred first
 * @param requireKnownMemberId whether a first join gets {@link ClassicError#MEMBER_ID_REQUIRED} and an id, so the
 *                             member is admitted only when it comes back with it (JoinGroup v4+)
 */
public record ClassicJoinRequest(String groupId, String memberId, String groupInstanceId, String clientId,
                                 String clientHost, int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                                 List<ClassicProtocol> protocols, boolean requireKnownMemberId) {

    /** Copies the list; a null member id is read as empty. */
    public ClassicJoinRequest {
        Objects.requireNonNull(groupId, "groupId");
        memberId = memberId == null ? "" : memberId;
        clientId = clientId == null ? "" : clientId;
        clientHost = clientHost == null ? "" : clientHost;
        protocolType = protocolType == null ? "" : protocolType;
        protocols = List.copyOf(protocols);
    }
}
