package io.rivulet.engine.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.nio.channels.ClosedChannelException;

/**
 * An outbound handler in a consume socket's pipeline that tells each {@link RecordFrame} when its
 * write succeeded, i.e. when the frame's bytes were handed to the operating system. That moment, not
 * the moment the record left the log, is what "acknowledged when written to the socket" means; a
 * frame that never gets written (the client vanished) is never acknowledged and is redelivered.
 * It also drops any frame written after a close frame. Shared by every socket (its one piece of
 * state is a channel attribute); listeners run on the socket's event loop.
 */
@ChannelHandler.Sharable
final class FrameWrites extends ChannelOutboundHandlerAdapter {
    static final String NAME = "rivulet.frameWrites";
    static final FrameWrites INSTANCE = new FrameWrites();
    private static final AttributeKey<Boolean> CLOSE_SENT = AttributeKey.valueOf("rivulet.closeSent");

    private FrameWrites() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        Attribute<Boolean> closeSent = ctx.channel().attr(CLOSE_SENT);
        if (msg instanceof CloseWebSocketFrame) {
            closeSent.set(Boolean.TRUE);
        } else if (msg instanceof WebSocketFrame && Boolean.TRUE.equals(closeSent.get())) {
            // RFC 6455 §5.5.1: nothing may follow a close frame. Frames the sender still held when the
            // socket was closed for falling behind are dropped here.
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        if (msg instanceof RecordFrame frame) {
            ChannelPromise tracked = promise.unvoid();
            tracked.addListener(f -> {
                if (f.isSuccess()) {
                    frame.written();
                }
            });
            ctx.write(msg, tracked);
        } else {
            ctx.write(msg, promise);
        }
    }
}
