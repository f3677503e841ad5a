package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;

/**
 * Cuts a connection's inbound bytes into {@link Frame}s.
 *
 * <pre>
 * offset  size  field
 * 0       4     length     big-endian int: bytes that follow (header + payload), {@value FrameHeader#SIZE} to the bound
 * 4       8     header     see {@link FrameHeader}
 * 12      ...   payload    length - {@value FrameHeader#SIZE} bytes
 * </pre>
 *
 * <p>The length is checked against the bound as soon as its 4 bytes have arrived, before anything of the
 * frame's size is allocated: Netty's {@link LengthFieldBasedFrameDecoder} only accumulates the bytes that
 * actually arrive and hands out a slice of them once the frame is complete. A bad length, version or type is a
 * {@link ProtocolException}; the decoder then discards everything else the peer sends and closes the
 * connection, which is the only thing affected.
 *
 * <p>Confined to its channel's event loop, like every Netty decoder; one instance per connection.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private final int maxFrameLength;
    private boolean failed;

    /** A decoder with the default bound, {@link FrameBounds#DEFAULT_MAX_FRAME_LENGTH}. */
    public FrameDecoder() {
        this(FrameBounds.DEFAULT_MAX_FRAME_LENGTH);
    }

    /** A decoder that rejects frames longer than {@code maxFrameLength} bytes after the prefix. */
    public FrameDecoder(int maxFrameLength) {
        super(ByteOrder.BIG_ENDIAN, FrameBounds.checkMaxFrameLength(maxFrameLength) + Integer.BYTES, 0,
                Integer.BYTES, 0, Integer.BYTES, true);
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        ByteBuf body;
        try {
            body = (ByteBuf) super.decode(ctx, in);
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (body == null) {
            return null;
        }
        try {
            FrameHeader header = FrameHeader.readFrom(body);
            return new Frame(header, body);
        } catch (ProtocolException e) {
            body.release();
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Validates the length prefix itself, so a bad one is a typed error naming the bound. */
    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        int frameLength = buf.getInt(offset);
        if (frameLength < FrameHeader.SIZE) {
            throw new ProtocolException(ProtocolException.Reason.FRAME_TOO_SHORT,
                    "frame length " + frameLength + " is too short: a frame holds at least its "
                            + FrameHeader.SIZE + "-byte header");
        }
        if (frameLength > maxFrameLength) {
            throw new ProtocolException(ProtocolException.Reason.FRAME_TOO_LARGE,
                    "frame length " + frameLength + " exceeds the maximum of " + maxFrameLength + " bytes ("
                            + FrameBounds.CONFIG_NAME + "); raise it on both ends or send smaller batches");
        }
        return frameLength;
    }

    /**
     * A protocol error ends this connection only, after telling the peer why in an {@code ERROR} frame on
     * stream 0 (written from the tail of the pipeline, so the encoder frames it); other errors travel on
     * unchanged.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException && ctx.channel().isActive()) {
            // written (on this event loop, so at once) before the error travels on and the connection ends
            ByteBuf payload = ctx.alloc().buffer();
            WireErrors.write(payload, cause);
            ctx.channel().writeAndFlush(new Frame(FrameHeader.of(FrameType.ERROR, 0, 0), payload))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireExceptionCaught(cause);
    }
}
