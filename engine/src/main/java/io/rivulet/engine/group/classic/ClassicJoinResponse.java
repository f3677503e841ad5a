package io.rivulet.engine.group.classic;

import java.util.List;

/**
 * The answer to a {@link ClassicJoinRequest}, given when the generation forms (or at once for a refusal).
 *
 * @param error        {@link ClassicError#NONE} or why not
 * @param generation   the new generation, or -1 on error
 * @param protocolType the group's protocol type, or null on error
 * @param protocolName the protocol chosen for this generation, or null on error
 * @param leaderId     the member that computes the assignment, or empty on error
 * @param memberId     the member's id: the one given with {@link ClassicError#MEMBER_ID_REQUIRED}, else the
 *                     request's
 * @param members      for the leader only: every member with its metadata for the chosen protocol; empty
 *                     for the others
 */
public record ClassicJoinResponse(ClassicError error, int generation, String protocolType, String protocolName,
                                  String leaderId, String memberId, List<Member> members) {

    /** One member of the generation as the leader sees it. */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {
    }

    /** Copies the list. */
    public ClassicJoinResponse {
        members = List.copyOf(members);
    }

    /** A refusal. */
    public static ClassicJoinResponse failed(ClassicError error, String memberId) {
        return new ClassicJoinResponse(error, -1, null, null, "", memberId, List.of());
    }

    /** Whether the receiver leads this generation. */
    public boolean isLeader() {
        return error == ClassicError.NONE && leaderId.equals(memberId);
    }
}
