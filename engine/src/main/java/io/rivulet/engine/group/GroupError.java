package io.rivulet.engine.group;

import io.rivulet.api.errors.ErrorCode;

/**
 * The answer a {@link GroupCoordinator} gives instead of doing what was asked. These are protocol
 * answers, carried in the responses (so a network protocol can send them as codes), not exceptions;
 * failures of the coordinator itself (closed, disk full) fail the {@code Mono} instead.
 */
public enum GroupError {
    /** Done as asked. */
    NONE(null),
    /**
     * The coordinator does not know the member: it left, its session expired, or the coordinator
     * restarted. The member has lost its partitions and must join again (as a new member).
     */
    UNKNOWN_MEMBER_ID(ErrorCode.ILLEGAL_GENERATION),
    /**
     * The request came from a generation the member no longer holds: for a commit, the partition was
     * revoked from it (or revoked and handed back later); for a heartbeat, an epoch it was never given.
     * Records of the partition will be redelivered to its current owner.
     */
    ILLEGAL_GENERATION(ErrorCode.ILLEGAL_GENERATION),
    /** The member's {@code partition.assignment.strategy} differs from the one the group's members use. */
    INCONSISTENT_GROUP_PROTOCOL(ErrorCode.INVALID_CONFIG),
    /** The join request is malformed: no topics, or a session timeout that is not positive. */
    INVALID_REQUEST(ErrorCode.INVALID_CONFIG),
    /** The partition of a commit does not exist (its topic was deleted, or the number is too high). */
    UNKNOWN_TOPIC_OR_PARTITION(ErrorCode.UNKNOWN_PARTITION),
    /** A committed offset is negative. */
    INVALID_COMMIT_OFFSET(ErrorCode.INVALID_OFFSET);

    private final ErrorCode code;

    GroupError(ErrorCode code) {
        this.code = code;
    }

    /** The api error code a client reports for this answer; null for {@link #NONE}. */
    public ErrorCode code() {
        return code;
    }

    /** Whether the member was fenced: it no longer owns what it thought and must stop and rejoin. */
    public boolean fenced() {
        return this == UNKNOWN_MEMBER_ID || this == ILLEGAL_GENERATION;
    }
}
