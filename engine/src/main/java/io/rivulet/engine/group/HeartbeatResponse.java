package io.rivulet.engine.group;

/**
 * The answer to a {@link HeartbeatRequest}.
 *
 * @param error      {@link GroupError#NONE}, or {@link GroupError#UNKNOWN_MEMBER_ID} /
 *                   {@link GroupError#ILLEGAL_GENERATION} when the member was fenced and must rejoin
 * @param assignment what the member should own now; null on error
 */
public record HeartbeatResponse(GroupError error, MemberAssignment assignment) {

    static HeartbeatResponse failed(GroupError error) {
        return new HeartbeatResponse(error, null);
    }
}
