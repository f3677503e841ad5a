package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request this listener refuses before it reaches the engine: malformed JSON, a missing parameter,
 * a body over the size bound, too many sessions. It carries the HTTP status and the code the client
 * sees in {@code {"error":CODE,"message":…}}; the message says what to change.
 */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;

    HttpProblem(HttpResponseStatus status, String code, String message) {
        super(message, null, false, false); // a client mistake: no stack trace to fill
        this.status = status;
        this.code = code;
    }

    static HttpProblem badRequest(String message) {
        return new HttpProblem(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", message);
    }

    HttpResponseStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
