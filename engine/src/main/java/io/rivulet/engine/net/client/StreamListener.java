package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;

/** Hears one stream's frames; called on the connection's event loop, one call at a time. */
interface StreamListener {
    /** A {@code STREAM_DATA} payload, valid only during the call. */
    void onData(ByteBuf payload);

    void onComplete();

    /** A {@code STREAM_ERROR}, or the connection went away. */
    void onError(Throwable error);
}
