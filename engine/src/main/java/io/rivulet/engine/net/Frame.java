package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One frame: a header and the payload bytes. The frame owns its payload buffer (reference counted): whoever
 * holds a frame last releases it, and writing it to a channel hands that duty to the encoder.
 *
 * <p>Not thread-safe; a frame belongs to one connection's event loop at a time.
 */
public final class Frame extends DefaultByteBufHolder {
    /** On a {@link FrameType#PING}: this ping is the answer to one received. */
    public static final int FLAG_ACK = 0x1;

    private final FrameHeader header;

    /** A frame that takes ownership of {@code payload}. */
    public Frame(FrameHeader header, ByteBuf payload) {
        super(payload);
        if (header == null) {
            throw new IllegalArgumentException("frame header is required");
        }
        this.header = header;
    }

    /** The header. */
    public FrameHeader header() {
        return header;
    }

    /** Shorthand for {@code header().type()}. */
    public FrameType type() {
        return header.type();
    }

    /** Shorthand for {@code header().streamId()}. */
    public int streamId() {
        return header.streamId();
    }

    /** The payload; its readable bytes are the frame's payload. */
    public ByteBuf payload() {
        return content();
    }

    @Override
    public Frame replace(ByteBuf content) {
        return new Frame(header, content);
    }

    @Override
    public Frame retain() {
        super.retain();
        return this;
    }

    @Override
    public Frame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public Frame touch() {
        super.touch();
        return this;
    }

    @Override
    public Frame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame other && header.equals(other.header) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + super.hashCode();
    }

    @Override
    public String toString() {
        return "Frame[" + header + ", payload=" + content().readableBytes() + " bytes]";
    }
}
