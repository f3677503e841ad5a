package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;

/**
 * The bodies of a fetch stream: what {@link FrameType#STREAM_OPEN} asks for and how {@link FrameType#STREAM_DATA}
 * carries records.
 *
 * <pre>
 * STREAM_OPEN   int8 kind (1 = fetch), partition, int8 start (0 earliest, 1 latest, 2 offset, 3 timestamp), int64 value
 * STREAM_DATA   int64 first offset, int32 count, then stored record batches exactly as in the log
 * </pre>
 *
 * A data frame delivers the records {@code [first, first + count)}: the batches around them travel whole and
 * unchanged (never re-encoded), so the first batch may begin before {@code first} and the last may end after
 * the range; the receiver skips records outside it. {@code count} is what the frame spends of the stream's
 * credits, so a batch larger than the credits left is simply sent again for its remaining records.
 */
public final class FetchCodec {
    /** The only stream kind so far. */
    public static final int KIND_FETCH = 1;
    /** Bytes before the batches in a data frame. */
    public static final int DATA_HEADER = Long.BYTES + Integer.BYTES;

    private FetchCodec() {
    }

    /** What a fetch stream reads. */
    public record Open(TopicPartition partition, StartAt start) {
    }

    public static void writeOpen(ByteBuf out, TopicPartition tp, StartAt start) {
        out.writeByte(KIND_FETCH);
        WireFormat.writePartition(out, tp);
        if (start instanceof StartAt.Earliest) {
            out.writeByte(0).writeLong(0);
        } else if (start instanceof StartAt.Latest) {
            out.writeByte(1).writeLong(0);
        } else if (start instanceof StartAt.AtOffset at) {
            out.writeByte(2).writeLong(at.offset());
        } else if (start instanceof StartAt.AtTimestamp at) {
            out.writeByte(3).writeLong(at.epochMillis());
        } else {
            throw new IllegalArgumentException("unknown start position " + start);
        }
    }

    public static Open readOpen(ByteBuf in) {
        int kind = WireFormat.readUnsignedByte(in);
        if (kind != KIND_FETCH) {
            throw WireFormat.malformed("unknown stream kind " + kind);
        }
        TopicPartition tp = WireFormat.readPartition(in);
        int startKind = WireFormat.readUnsignedByte(in);
        long value = WireFormat.readLong(in);
        StartAt start = switch (startKind) {
            case 0 -> StartAt.earliest();
            case 1 -> StartAt.latest();
            case 2 -> offset(value);
            case 3 -> StartAt.timestamp(value);
            default -> throw WireFormat.malformed("unknown start kind " + startKind);
        };
        return new Open(tp, start);
    }

    private static StartAt offset(long value) {
        if (value < 0) {
            throw WireFormat.malformed("negative start offset " + value);
        }
        return StartAt.offset(value);
    }
}
