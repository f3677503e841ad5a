package io.rivulet.engine.cluster;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;

import java.util.Objects;

/**
 * The outcome of one {@link MetadataCommand}: success, or why the state machine refused it. A refusal
 * is a result, not an exception, because every replica must reach it the same way.
 *
 * @param error   why the command was refused, or {@code null} if it was applied
 * @param message what was wrong and what to change; empty on success
 */
public record MetadataResult(ErrorCode error, String message) {

    /** The command was applied. */
    public static final MetadataResult OK = new MetadataResult(null, "");

    /** Requires a message (empty for success). */
    public MetadataResult {
        message = message == null ? "" : message;
    }

    /** A refusal with this code and message. */
    public static MetadataResult refused(ErrorCode error, String message) {
        return new MetadataResult(Objects.requireNonNull(error, "error"), message);
    }

    /** Whether the command was applied. */
    public boolean ok() {
        return error == null;
    }

    /** The refusal as an exception to signal, for callers that want {@code onError}; never call on success. */
    public RivuletException toException() {
        if (ok()) {
            throw new IllegalStateException("the command succeeded");
        }
        return new RivuletException(error, message);
    }
}
