package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.engine.metrics.ListenerMetrics;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.WebsocketServerSpec;

import java.util.concurrent.atomic.AtomicBoolean;

/** What the two WebSocket endpoints share before and around the upgrade. */
final class Upgrades {
    private Upgrades() {
    }

    /** A plain GET on a WebSocket endpoint is a 400 that says how to connect. */
    static void requireWebSocket(HttpServerRequest req, String example) {
        if (!req.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            throw HttpProblem.badRequest("this is a WebSocket endpoint: connect with a WebSocket client, e.g. "
                    + "new WebSocket('ws://HOST:PORT" + example + "')");
        }
    }

    static HttpProblem tooManySessions(SessionLimit sessions) {
        return new HttpProblem(HttpResponseStatus.TOO_MANY_REQUESTS, "TOO_MANY_SESSIONS", "this node already serves "
                + sessions.max() + " WebSocket sessions (ws.sessions.max): retry later, or raise ws.sessions.max");
    }

    /** Frames a client sends are bounded by {@code ws.frame.max.bytes}; Netty closes with 1009 above it. */
    static WebsocketServerSpec spec(HttpSettings settings) {
        return WebsocketServerSpec.builder().maxFramePayloadLength(settings.wsFrameMaxBytes()).build();
    }

    /**
     * Counts a WebSocket session that has just been upgraded as a connection of the {@code ws} listener;
     * run the returned action when it ends (once, whatever the path).
     */
    static Runnable session(ListenerMetrics websocket) {
        websocket.connectionOpened();
        return once(websocket::connectionClosed);
    }

    /** Runs {@code actions} the first time it is run, never again: a session ends through several paths. */
    static Runnable once(Runnable... actions) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                for (Runnable action : actions) {
                    action.run();
                }
            }
        };
    }
}
