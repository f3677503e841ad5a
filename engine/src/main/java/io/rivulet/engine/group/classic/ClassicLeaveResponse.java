package io.rivulet.engine.group.classic;

import java.util.List;

/**
 * The answer to a {@link ClassicLeaveRequest}.
 *
 * @param error   a refusal of the whole request ({@link ClassicError#NONE} when each member has its own answer)
 * @param members each leaving member's answer, in request order
 */
public record ClassicLeaveResponse(ClassicError error, List<MemberResult> members) {

    /** One member's answer. */
    public record MemberResult(String memberId, String groupInstanceId, ClassicError error) {
    }

    /** Copies the list. */
    public ClassicLeaveResponse {
        members = List.copyOf(members);
    }
}
