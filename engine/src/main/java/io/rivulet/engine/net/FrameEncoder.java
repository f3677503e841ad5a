package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes {@link Frame}s in the layout {@link FrameDecoder} reads. The prefix and header go in a small buffer
 * of their own and the payload follows as it is, without a copy, so a payload that wraps stored batches
 * reaches the socket untouched. A frame larger than the bound is refused here, before it reaches the peer
 * that would reject it.
 *
 * <p>Stateless and {@link ChannelHandler.Sharable}.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    private static final int PREFIX_AND_HEADER = Integer.BYTES + FrameHeader.SIZE;

    private final int maxFrameLength;

    /** An encoder with the default bound, {@link FrameBounds#DEFAULT_MAX_FRAME_LENGTH}. */
    public FrameEncoder() {
        this(FrameBounds.DEFAULT_MAX_FRAME_LENGTH);
    }

    /** An encoder that refuses frames longer than {@code maxFrameLength} bytes after the prefix. */
    public FrameEncoder(int maxFrameLength) {
        super(Frame.class);
        this.maxFrameLength = FrameBounds.checkMaxFrameLength(maxFrameLength);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        ByteBuf payload = frame.payload();
        long frameLength = (long) FrameHeader.SIZE + payload.readableBytes();
        if (frameLength > maxFrameLength) {
            throw new EncoderException("frame of " + frameLength + " bytes for " + frame.header()
                    + " exceeds the maximum of " + maxFrameLength + " bytes (" + FrameBounds.CONFIG_NAME + ")");
        }
        ByteBuf head = ctx.alloc().buffer(PREFIX_AND_HEADER);
        head.writeInt((int) frameLength);
        frame.header().writeTo(head);
        out.add(head);
        if (payload.isReadable()) {
            // The encoder releases the frame after encode; the payload must outlive that until written.
            out.add(payload.retain());
        }
    }
}
