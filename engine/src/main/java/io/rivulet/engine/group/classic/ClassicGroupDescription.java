package io.rivulet.engine.group.classic;

import io.rivulet.api.TopicPartition;

import java.util.List;

/**
 * A classic group at one moment, for DescribeGroups and {@code rivulet groups describe}.
 *
 * @param groupId      the group
 * @param state        its state
 * @param protocolType its protocol type ({@code consumer} for consumers), empty without members
 * @param protocolName the current generation's protocol (for consumers, the assignor), empty when none
 * @param generation   the current generation
 * @param leaderId     the leader's member id, empty when none
 * @param members      the members, in join order
 */
public record ClassicGroupDescription(String groupId, ClassicGroupState state, String protocolType,
                                      String protocolName, int generation, String leaderId, List<Member> members) {

    /**
     * One member.
     *
     * @param memberId        its id
     * @param groupInstanceId its {@code group.instance.id}, or null
     * @param clientId        its {@code client.id}
     * @param clientHost      where it connects from
     * @param metadata        its metadata for the current protocol (empty before a generation formed)
     * @param assignment      its part of the current assignment (empty until the leader synced; empty for a
     *                        member of Rivulet's own protocol)
     * @param partitions      the partitions in its assignment, when they are known: decoded from consumer
     *                        assignment bytes, or a Rivulet member's assignment
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost,
                         byte[] metadata, byte[] assignment, List<TopicPartition> partitions) {
        /** Copies the list. */
        public Member {
            partitions = List.copyOf(partitions);
        }
    }

    /** Copies the list. */
    public ClassicGroupDescription {
        members = List.copyOf(members);
    }
}
