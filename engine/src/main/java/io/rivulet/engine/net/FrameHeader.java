package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;

/**
 * The fixed part of every frame, after the 4-byte length prefix. All fields are big-endian (network
 * order), written on purpose with Netty's big-endian accessors — never with Chronicle's native order.
 *
 * <pre>
 * offset  size  field
 * 0       1     version    protocol version, unsigned; this node speaks {@value #CURRENT_VERSION}
 * 1       1     type       {@link FrameType#code()}, unsigned
 * 2       2     flags      per type, unsigned; bits a type does not define are sent as 0 and ignored
 * 4       4     stream id  correlation id of a request, or id of a stream; 0 is the connection itself
 * 8       ...   payload    up to the end of the frame
 * </pre>
 *
 * @param version  the protocol version, 0 to 255
 * @param type     the frame type
 * @param flags    type-specific flags, 0 to 65535
 * @param streamId the correlation or stream id
 */
public record FrameHeader(int version, FrameType type, int flags, int streamId) {
    /** The protocol version this node writes and the only one it reads. */
    public static final int CURRENT_VERSION = 1;
    /** Bytes in the header. */
    public static final int SIZE = 8;

    /** Checks the ranges the wire format can carry. */
    public FrameHeader {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("version " + version + " does not fit in one unsigned byte");
        }
        if (type == null) {
            throw new IllegalArgumentException("frame type is required");
        }
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("flags " + flags + " do not fit in two unsigned bytes");
        }
    }

    /** A header of the current protocol version. */
    public static FrameHeader of(FrameType type, int flags, int streamId) {
        return new FrameHeader(CURRENT_VERSION, type, flags, streamId);
    }

    /** Writes the header at the buffer's writer index. */
    void writeTo(ByteBuf out) {
        out.writeByte(version);
        out.writeByte(type.code());
        out.writeShort(flags);
        out.writeInt(streamId);
    }

    /**
     * Reads a header at the buffer's reader index; the caller guarantees {@link #SIZE} readable bytes.
     *
     * @throws ProtocolException if the version is not {@link #CURRENT_VERSION} or the type is unknown
     */
    static FrameHeader readFrom(ByteBuf in) {
        int version = in.readUnsignedByte();
        if (version != CURRENT_VERSION) {
            throw new ProtocolException(ProtocolException.Reason.UNSUPPORTED_VERSION,
                    "unsupported protocol version " + version + ": this node speaks version " + CURRENT_VERSION
                            + "; use a client and server of the same release");
        }
        FrameType type = FrameType.fromCode(in.readUnsignedByte());
        int flags = in.readUnsignedShort();
        int streamId = in.readInt();
        return new FrameHeader(version, type, flags, streamId);
    }
}
