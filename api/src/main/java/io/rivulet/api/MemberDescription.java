package io.rivulet.api;

import java.util.List;

/**
 * One member of a consumer group.
 *
 * @param memberId   the id the coordinator gave the member
 * @param clientId   the member's {@code client.id}
 * @param host       where the member runs, as far as known (e.g. {@code "embedded"} or an address)
 * @param assignment the partitions assigned to it in the current generation
 */
public record MemberDescription(String memberId, String clientId, String host, List<TopicPartition> assignment) {

    /** Copies the assignment. */
    public MemberDescription {
        assignment = List.copyOf(assignment);
    }
}
