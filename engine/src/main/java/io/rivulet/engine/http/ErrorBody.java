package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What a failed request answers: the HTTP status and the JSON body {@code {"error":CODE,"message":…}}.
 *
 * @param status  the HTTP status
 * @param error   a stable code: an {@link io.rivulet.api.errors.ErrorCode} name or one of this listener's own
 * @param message what was wrong and what to change
 */
record ErrorBody(HttpResponseStatus status, String error, String message) {
}
