package io.rivulet.engine.group;

/**
 * The answer to a {@link LeaveRequest}.
 *
 * @param error {@link GroupError#NONE}, or {@link GroupError#UNKNOWN_MEMBER_ID} when the member had
 *              already gone
 */
public record LeaveResponse(GroupError error) {
}
