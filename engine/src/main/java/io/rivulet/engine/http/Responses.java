package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writing JSON answers: one complete body per response, sent once the handler has everything. */
final class Responses {
    static final String JSON = "application/json";

    private Responses() {
    }

    /** {@code body} as JSON with {@code status}. */
    static Mono<Void> json(HttpServerResponse res, HttpResponseStatus status, Object body) {
        return text(res, status, JSON, Json.write(body));
    }

    /** A pre-written body with its content type. */
    static Mono<Void> text(HttpServerResponse res, HttpResponseStatus status, String contentType, String body) {
        return res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .sendString(Mono.just(body))
                .then();
    }

    /**
     * The error body for {@code failure}: {@code {"error":CODE,"message":…}} with the mapped status, counted
     * in {@code meters}.
     */
    static Mono<Void> error(HttpServerResponse res, Throwable failure, HttpMeters meters) {
        return error(res, failure, Map.of(), meters);
    }

    /** As {@link #error(HttpServerResponse, Throwable, HttpMeters)}, with extra fields (e.g. the offsets written before a failure). */
    static Mono<Void> error(HttpServerResponse res, Throwable failure, Map<String, Object> extra, HttpMeters meters) {
        ErrorBody e = ErrorMapping.map(failure);
        meters.error(e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("message", e.message());
        body.putAll(extra);
        if (e.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE) && failure instanceof HttpProblem) {
            // The rest of an oversized body was not read; the connection cannot carry another request.
            res.keepAlive(false);
        }
        if (e.status().equals(HttpResponseStatus.UNAUTHORIZED)) {
            // RFC 7235: a 401 names the scheme that would be accepted.
            res.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        return json(res, e.status(), body);
    }
}
