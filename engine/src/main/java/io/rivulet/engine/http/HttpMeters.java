package io.rivulet.engine.http;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.engine.metrics.ListenerMetrics;

/**
 * Where the listener reports to the node's metrics: HTTP connections, WebSocket sessions and their
 * consume streams, and every error it answers, by the api's {@link ErrorCode}.
 *
 * <p>The listener's own refusals carry codes that are not {@code ErrorCode}s ({@code BAD_REQUEST},
 * {@code NOT_FOUND}, {@code TOO_MANY_SESSIONS}, …); they count as {@link ErrorCode#INVALID_REQUEST},
 * or {@link ErrorCode#UNKNOWN} for a 5xx, so the {@code code} tag stays bounded by the enum.
 *
 * <p>Threading: thread-safe.
 */
final class HttpMeters {
    final ListenerMetrics http;
    final ListenerMetrics websocket;
    private final EngineMetrics metrics;

    HttpMeters(EngineMetrics metrics) {
        this.metrics = metrics;
        this.http = metrics.listener(ListenerMetrics.Listener.HTTP);
        this.websocket = metrics.listener(ListenerMetrics.Listener.WEBSOCKET);
    }

    /** Counts one error answered to a client (a response, or an error frame on a socket). */
    void error(ErrorBody body) {
        metrics.errors(code(body));
    }

    static ErrorCode code(ErrorBody body) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(body.error())) {
                return code;
            }
        }
        return body.status().code() >= 500 ? ErrorCode.UNKNOWN : ErrorCode.INVALID_REQUEST;
    }
}
