package io.rivulet.engine.net;

/**
 * What a {@link FrameType#REQUEST} asks for: the first two bytes (int16) of its payload. Codes are never
 * reused. Each request's body and its response's body are laid out in {@link AdminCodec}, {@link GroupCodec}
 * and {@link ProduceCodec}, and listed in {@code docs/protocol.md}.
 */
public enum ApiKey {
    /** Authenticates the connection; must be first when the server requires a token. */
    HELLO(1),
    /** A topic's partition count, creating the topic first when the node auto-creates topics. */
    TOPIC_METADATA(2),
    /** Appends one record batch (the storage format, unchanged) to a partition. */
    PRODUCE(3),
    CREATE_TOPIC(10),
    DELETE_TOPIC(11),
    LIST_TOPICS(12),
    DESCRIBE_TOPIC(13),
    LIST_GROUPS(14),
    DESCRIBE_GROUP(15),
    DESCRIBE_CLUSTER(16),
    GROUP_JOIN(20),
    GROUP_HEARTBEAT(21),
    GROUP_LEAVE(22),
    GROUP_COMMIT(23),
    GROUP_FETCH_OFFSETS(24),
    /** A partition's log start offset and high watermark. */
    PARTITION_OFFSETS(25),
    /** The nodes, and each asked-for topic's partition leaders, epochs, replicas and ISR ({@link ClusterMetadataCodec}). */
    CLUSTER_METADATA(26),
    /** A follower's log end, reported to its leader after it appended; never answered ({@link ReplicaCodec}). */
    REPLICA_ACK(27),
    /** Where the leader's log ends for a leader epoch, so a follower can truncate to it ({@link ReplicaCodec}). */
    OFFSET_FOR_LEADER_EPOCH(28),
    /** Moves a partition to other replicas ({@link AdminCodec}). */
    REASSIGN_PARTITION(29),
    /** Moves every replica off a node ({@link AdminCodec}). */
    DRAIN_NODE(30),
    /** Deletes a group without members, with its committed offsets ({@link GroupCodec}). */
    GROUP_DELETE(31),
    /** Sets committed offsets of a group without members ({@link GroupCodec}). */
    GROUP_ALTER_OFFSETS(32),
    /** Deletes some committed offsets of a group without members ({@link GroupCodec}). */
    GROUP_DELETE_OFFSETS(33),
    /** Where a reader starting at a position would start ({@link FetchCodec}'s open body → int64), at the leader. */
    PARTITION_POSITION(34);

    private static final ApiKey[] BY_CODE = new ApiKey[64];

    static {
        for (ApiKey k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;

    ApiKey(int code) {
        this.code = code;
    }

    /** The int16 on the wire. */
    public int code() {
        return code;
    }

    /** The key for a wire code; {@link ProtocolException} for an unknown one (a newer client, or garbage). */
    public static ApiKey fromCode(int code) {
        ApiKey k = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (k == null) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED_PAYLOAD,
                    "unknown request kind " + code + ": client and server must be of the same release");
        }
        return k;
    }
}
