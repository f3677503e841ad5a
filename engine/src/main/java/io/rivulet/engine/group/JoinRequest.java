package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;

import java.util.List;
import java.util.Objects;

/**
 * Joins a group, or updates a member's subscription.
 *
 * @param groupId          {@code group.id}
 * @param memberId         null to join as a new member; a known id to update its subscription
 * @param clientId         {@code client.id}, shown in group descriptions
 * @param host             where the member runs, shown in group descriptions
 * @param topics           the topics to consume
 * @param strategy         {@code partition.assignment.strategy}; every member of a group must use the same
 * @param sessionTimeoutMs {@code session.timeout.ms}: silence after which the member is removed
 */
public record JoinRequest(String groupId, String memberId, String clientId, String host, List<String> topics,
                          AssignmentStrategy strategy, long sessionTimeoutMs) {

    /** Copies the topics. */
    public JoinRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
        topics = List.copyOf(topics);
    }
}
