package io.rivulet.api.errors;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What went wrong, as a stable code.
 *
 * <p>{@link #code()} is part of the wire contract: the native protocol sends it so a remote client
 * can rebuild the same kind of error, so numbers are never reused or renumbered. {@link #retriable()}
 * says whether the same request may succeed if sent again later without changes (for example after a
 * rebalance or a leader move), which is what a {@code retryWhen} policy should test.
 */
public enum ErrorCode {
    /** An unexpected failure inside the engine; the message and cause carry the details. */
    UNKNOWN(0, false),
    /** The topic does not exist and was not created automatically. */
    UNKNOWN_TOPIC(1, false),
    /** The topic name breaks the naming rules. */
    INVALID_TOPIC(2, false),
    /** A topic with that name already exists. */
    TOPIC_EXISTS(3, false),
    /** A record or batch is larger than the configured limit. */
    RECORD_TOO_LARGE(4, false),
    /** Fewer in-sync replicas than {@code min.insync.replicas}; may pass once followers catch up. */
    NOT_ENOUGH_REPLICAS(5, true),
    /** The requested offset lies outside the partition's {@code [log start, end)} range. */
    OFFSET_OUT_OF_RANGE(6, false),
    /** An offset or start position is malformed (negative, unparsable). */
    INVALID_OFFSET(7, false),
    /** A stored batch failed its CRC or length check. */
    CORRUPT_RECORD(8, false),
    /** The disk holding the log is full; writes may pass once space is freed. */
    STORAGE_FULL(9, true),
    /** A serde failed to turn a key or value into bytes or back. */
    SERIALIZATION(10, false),
    /** A configuration value is missing, malformed or out of bounds. */
    INVALID_CONFIG(11, false),
    /** A commit or heartbeat came from a group generation that has since ended. */
    ILLEGAL_GENERATION(12, false),
    /** The group is rebalancing; the request may pass once the new generation starts. */
    REBALANCE_IN_PROGRESS(13, true),
    /** The node asked is not the partition's leader; retry after refreshing metadata. */
    NOT_LEADER(14, true),
    /** The operation did not finish in time. */
    TIMEOUT(15, true),
    /** The connection to a node was lost. */
    DISCONNECTED(16, true),
    /** The producer, consumer or engine was closed. */
    CLOSED(17, false),
    /** No engine implementation is on the classpath. */
    ENGINE_NOT_FOUND(18, false),
    /** Another process holds the data directory. */
    DATA_DIR_LOCKED(19, false),
    /** The consumer group does not exist. */
    UNKNOWN_GROUP(20, false),
    /** The partition number is not below the topic's partition count. */
    UNKNOWN_PARTITION(21, false),
    /** A network request was malformed or not understood: a client and server of different releases, or a bug. */
    INVALID_REQUEST(22, false),
    /** The connection did not authenticate, or its credentials were wrong. */
    AUTHENTICATION_FAILED(23, false),
    /**
     * An idempotent producer's batch arrived ahead of an earlier batch of the same producer and partition (its
     * sequence number is not the next one the leader expects): typically a batch sent straight to a new leader
     * while an earlier one is still being retried. Retriable: the earlier batch lands first, then this one.
     */
    OUT_OF_ORDER_SEQUENCE(24, true),
    /**
     * An idempotent producer's batch carries an older producer epoch than the leader has already seen from the
     * same producer id: a newer session of the producer has taken over, so this batch must not be appended.
     */
    PRODUCER_FENCED(25, false),
    /** The node id is not registered in the cluster. */
    UNKNOWN_NODE(26, false),
    /** The partition is still moving to other replicas; retry once that reassignment completes. */
    REASSIGNMENT_IN_PROGRESS(27, true),
    /** The request moves replicas between nodes, which an embedded (single-node) engine does not have. */
    CLUSTER_REQUIRED(28, false),
    /**
     * The consumer group has members, and the request (deleting the group, or changing its committed offsets)
     * needs it empty: stop its consumers first. Retriable, as it passes once the members have left.
     */
    GROUP_NOT_EMPTY(29, true);

    private static final Map<Integer, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int code;
    private final boolean retriable;

    ErrorCode(int code, boolean retriable) {
        this.code = code;
        this.retriable = retriable;
    }

    /** The stable number sent on the wire. */
    public int code() {
        return code;
    }

    /** Whether sending the same request again later, unchanged, may succeed. */
    public boolean retriable() {
        return retriable;
    }

    /**
     * The error code with the given wire number, or {@link #UNKNOWN} for a number this version does
     * not know (a newer server may send codes an older client has never seen).
     */
    public static ErrorCode fromCode(int code) {
        return BY_CODE.getOrDefault(code, UNKNOWN);
    }
}
