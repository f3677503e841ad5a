package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;
import static io.netty.handler.codec.http.HttpResponseStatus.CONFLICT;
import static io.netty.handler.codec.http.HttpResponseStatus.INTERNAL_SERVER_ERROR;
import static io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND;
import static io.netty.handler.codec.http.HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
import static io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE;
import static io.netty.handler.codec.http.HttpResponseStatus.UNAUTHORIZED;

/**
 * Turns any failure into the {@link ErrorBody} a client sees. The api's typed errors keep their
 * {@link ErrorCode} name and message (written to tell the user what to change); this listener's own
 * refusals are {@link HttpProblem}s; anything else is a 500 whose details go to the log, not the client.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static ErrorBody map(Throwable failure) {
        if (failure instanceof HttpProblem p) {
            return new ErrorBody(p.status(), p.code(), p.getMessage());
        }
        if (failure instanceof RivuletException e) {
            return new ErrorBody(status(e.code()), e.code().name(), e.getMessage());
        }
        if (failure instanceof IllegalArgumentException e) {
            // The api's value types (NewTopic, TopicPartition, …) reject bad arguments this way.
            return new ErrorBody(BAD_REQUEST, "BAD_REQUEST", e.getMessage());
        }
        LOG.warn("HTTP request failed unexpectedly", failure);
        return new ErrorBody(INTERNAL_SERVER_ERROR, ErrorCode.UNKNOWN.name(),
                "the server failed unexpectedly (" + failure.getClass().getSimpleName() + "); see the server log");
    }

    /** The HTTP status for an api error code. */
    static HttpResponseStatus status(ErrorCode code) {
        return switch (code) {
            case UNKNOWN_TOPIC, UNKNOWN_GROUP, UNKNOWN_PARTITION, UNKNOWN_NODE -> NOT_FOUND;
            case TOPIC_EXISTS, ILLEGAL_GENERATION, REASSIGNMENT_IN_PROGRESS, OUT_OF_ORDER_SEQUENCE, PRODUCER_FENCED,
                 GROUP_NOT_EMPTY -> CONFLICT;
            case RECORD_TOO_LARGE -> REQUEST_ENTITY_TOO_LARGE;
            case INVALID_TOPIC, INVALID_CONFIG, INVALID_OFFSET, OFFSET_OUT_OF_RANGE, SERIALIZATION, INVALID_REQUEST,
                 CLUSTER_REQUIRED -> BAD_REQUEST;
            case AUTHENTICATION_FAILED -> UNAUTHORIZED;
            case STORAGE_FULL, CLOSED, NOT_ENOUGH_REPLICAS, NOT_LEADER, TIMEOUT, DISCONNECTED, REBALANCE_IN_PROGRESS ->
                    SERVICE_UNAVAILABLE;
            case UNKNOWN, CORRUPT_RECORD, ENGINE_NOT_FOUND, DATA_DIR_LOCKED -> INTERNAL_SERVER_ERROR;
        };
    }
}
