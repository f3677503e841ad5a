package io.rivulet.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * A text frame carrying one consumed record, with what to do once Netty has written it to the socket:
 * advance the socket's resume positions, and with {@code acks=write} acknowledge the record. Seen by
 * {@link FrameWrites} on its way out.
 */
final class RecordFrame extends TextWebSocketFrame {
    private final Runnable onWritten;

    RecordFrame(ByteBuf json, Runnable onWritten) {
        super(json);
        this.onWritten = onWritten;
    }

    void written() {
        onWritten.run();
    }
}
