package io.rivulet.engine.group;

/**
 * The answer to a {@link JoinRequest}.
 *
 * @param error        {@link GroupError#NONE}, or why the member was not admitted
 * @param errorMessage what to change, when {@code error} is not {@code NONE}; else null
 * @param memberId     the member's id; null on error
 * @param assignment   its first assignment; null on error
 */
public record JoinResponse(GroupError error, String errorMessage, String memberId, MemberAssignment assignment) {

    static JoinResponse failed(GroupError error, String message) {
        return new JoinResponse(error, message, null, null);
    }
}
