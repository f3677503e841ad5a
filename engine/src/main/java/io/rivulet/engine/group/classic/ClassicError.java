package io.rivulet.engine.group.classic;

/**
 * The answers of the classic group protocol. Each constant has the name of the Kafka error a client
 * receives for it, so the wire side maps them by name; the coordinator itself knows no Kafka classes.
 */
public enum ClassicError {
    /** Done as asked. */
    NONE,
    /** The member is not in the group (it left, expired, or the coordinator restarted): join again. */
    UNKNOWN_MEMBER_ID,
    /** The request names a generation the group is no longer in: join again. */
    ILLEGAL_GENERATION,
    /** The group is rebalancing: join again (heartbeat, sync and commit get this while members rejoin). */
    REBALANCE_IN_PROGRESS,
    /** A first join (v4+) gets a member id with this answer and must join again with it. */
    MEMBER_ID_REQUIRED,
    /**
     * The member's protocol type differs from the group's, it shares no protocol (assignor) with the other
     * members, a sync names another protocol, or the group id is in use by Rivulet's own consumers.
     */
    INCONSISTENT_GROUP_PROTOCOL,
    /** The session timeout is outside {@code group.min.session.timeout.ms .. group.max.session.timeout.ms}. */
    INVALID_SESSION_TIMEOUT,
    /** The group has {@code group.max.size} members already. */
    GROUP_MAX_SIZE_REACHED,
    /** Another member with the same {@code group.instance.id} joined since: this one is fenced for good. */
    FENCED_INSTANCE_ID,
    /** The group id is empty. */
    INVALID_GROUP_ID,
    /** The group is being unloaded; ask again (the coordinator may have moved). */
    COORDINATOR_NOT_AVAILABLE,
    /** This node does not coordinate groups now; find the coordinator again. */
    NOT_COORDINATOR,
    /** A committed partition does not exist. */
    UNKNOWN_TOPIC_OR_PARTITION,
    /** A request field is out of range (a negative committed offset). */
    INVALID_REQUEST
}
