package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.TopicPartition;

/**
 * The bodies a follower and its leader exchange to copy a partition.
 *
 * <pre>
 * STREAM_OPEN (kind 2, replica)   int8 2, partition, int32 replica id, int32 leader epoch, int64 fetch offset
 * STREAM_DATA on a replica stream  int64 first offset, int32 count, int64 high watermark, int64 log start offset,
 *                                  then stored batches
 * REPLICA_ACK request              partition, int32 replica id, int32 leader epoch, int64 log end offset (no response)
 * OFFSET_FOR_LEADER_EPOCH request  partition, int32 epoch
 *                         response int32 epoch, int64 end offset (both -1 when the leader has no such epoch)
 * </pre>
 *
 * A replica stream reads past the high watermark, up to the leader's log end, and carries the high
 * watermark and the log start in every frame (a frame with no records just moves them), so a follower knows
 * what is committed and moves its own log start with its leader's.
 * The follower acknowledges what it has appended with {@code REPLICA_ACK}; that, not what was sent, is
 * what moves the leader's high watermark.
 */
public final class ReplicaCodec {
    /** {@link FrameType#STREAM_OPEN} kind of a follower's stream. */
    public static final int KIND_REPLICA = 2;
    /** Bytes before the batches in a replica data frame. */
    public static final int DATA_HEADER = Long.BYTES + Integer.BYTES + Long.BYTES + Long.BYTES;

    private ReplicaCodec() {
    }

    /** What a follower asks its leader to stream. */
    public record Open(TopicPartition partition, int replicaId, int leaderEpoch, long fetchOffset) {
    }

    /** A follower's report of how far it has copied. */
    public record Ack(TopicPartition partition, int replicaId, int leaderEpoch, long logEndOffset) {
    }

    public static void writeOpen(ByteBuf out, Open open) {
        out.writeByte(KIND_REPLICA);
        WireFormat.writePartition(out, open.partition());
        out.writeInt(open.replicaId()).writeInt(open.leaderEpoch()).writeLong(open.fetchOffset());
    }

    /** Reads a replica open after its kind byte. */
    public static Open readOpenAfterKind(ByteBuf in) {
        TopicPartition tp = WireFormat.readPartition(in);
        int replica = WireFormat.readInt(in);
        int epoch = WireFormat.readInt(in);
        long offset = WireFormat.readLong(in);
        if (replica < 0 || offset < 0) {
            throw WireFormat.malformed("a replica stream needs a replica id and offset >= 0, not " + replica
                    + " and " + offset);
        }
        return new Open(tp, replica, epoch, offset);
    }

    public static void writeAck(ByteBuf out, Ack ack) {
        WireFormat.writePartition(out, ack.partition());
        out.writeInt(ack.replicaId()).writeInt(ack.leaderEpoch()).writeLong(ack.logEndOffset());
    }

    public static Ack readAck(ByteBuf in) {
        return new Ack(WireFormat.readPartition(in), WireFormat.readInt(in), WireFormat.readInt(in),
                WireFormat.readLong(in));
    }
}
