package io.rivulet.engine.net.server;

import io.netty.handler.ssl.SslContext;
import io.rivulet.engine.net.FrameBounds;

/**
 * How the native listener is set up.
 *
 * @param host          the address to bind, {@code 127.0.0.1} by default
 * @param port          the port, 7070 by default; 0 picks a free one
 * @param maxFrameBytes the largest frame accepted or sent ({@code socket.request.max.bytes})
 * @param token         the token clients must present before any other request, or null for an open node
 * @param tls           the server's TLS context, or null for plain TCP
 */
public record NativeSettings(String host, int port, int maxFrameBytes, String token, SslContext tls) {
    public static final int DEFAULT_PORT = 7070;

    /** Open and plain, on {@code host:port}. */
    public static NativeSettings of(String host, int port) {
        return new NativeSettings(host, port, FrameBounds.DEFAULT_MAX_FRAME_LENGTH, null, null);
    }

    public NativeSettings withToken(String token) {
        return new NativeSettings(host, port, maxFrameBytes, token, tls);
    }

    public NativeSettings withTls(SslContext tls) {
        return new NativeSettings(host, port, maxFrameBytes, token, tls);
    }
}
