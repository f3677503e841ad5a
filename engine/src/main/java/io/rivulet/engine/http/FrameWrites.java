package io.rivulet.engine.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * An outbound handler in a consume socket's pipeline that tells each {@link RecordFrame} when its
 * write succeeded, i.e. when the frame's bytes were handed to the operating system. That moment, not
 * the moment the record left the log, is what "acknowledged when written to the socket" means; a
 * frame that never gets written (the client vanished) is never acknowledged and is redelivered.
 * Stateless and shared by every socket; listeners run on the socket's event loop.
 */
@ChannelHandler.Sharable
final class FrameWrites extends ChannelOutboundHandlerAdapter {
    static final String NAME = "rivulet.frameWrites";
    static final FrameWrites INSTANCE = new FrameWrites();

    private FrameWrites() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
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
