package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;

/** Test fixtures: frames as plain values and as the bytes the encoder writes for them. */
final class Wire {
    private Wire() {
    }

    /** A frame as a value that needs no release. */
    record FrameSpec(FrameType type, int flags, int streamId, byte[] payload) {
        Frame toFrame() {
            return new Frame(FrameHeader.of(type, flags, streamId), Unpooled.wrappedBuffer(payload.clone()));
        }

        /** Reads a frame into a value, leaving its release to its owner. */
        static FrameSpec copyOf(Frame frame) {
            FrameHeader h = frame.header();
            return new FrameSpec(h.type(), h.flags(), h.streamId(), ByteBufUtil.getBytes(frame.payload()));
        }

        /** Reads a decoded frame into a value and releases it. */
        static FrameSpec takeFrom(Frame frame) {
            try {
                return copyOf(frame);
            } finally {
                frame.release();
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FrameSpec s && type == s.type && flags == s.flags && streamId == s.streamId
                    && java.util.Arrays.equals(payload, s.payload);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(type, flags, streamId, java.util.Arrays.hashCode(payload));
        }

        @Override
        public String toString() {
            return "FrameSpec[" + type + ", flags=" + flags + ", stream=" + streamId + ", payload="
                    + payload.length + " bytes]";
        }
    }

    /** The bytes the encoder writes for the frame. */
    static byte[] encode(FrameSpec spec) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder());
        try {
            channel.writeOutbound(spec.toFrame());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (ByteBuf piece = channel.readOutbound(); piece != null; piece = channel.readOutbound()) {
                try {
                    bytes.writeBytes(ByteBufUtil.getBytes(piece));
                } finally {
                    piece.release();
                }
            }
            return bytes.toByteArray();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** A length prefix and header written by hand, for inputs the encoder would never produce. */
    static byte[] rawHeader(int length, int version, int typeCode, int flags, int streamId) {
        ByteBuf buf = Unpooled.buffer(12);
        buf.writeInt(length).writeByte(version).writeByte(typeCode).writeShort(flags).writeInt(streamId);
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }
}
