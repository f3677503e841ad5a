package io.rivulet.api.errors;

/**
 * An offset or start position is malformed: negative, not a number, or a start position string
 * that {@code StartAt.parse} cannot read. (An offset that is well formed but not in the log is an
 * {@link OffsetOutOfRangeException} instead.)
 */
public class InvalidOffsetException extends RivuletException {
    private static final long serialVersionUID = 1L;

    /** An error whose message says what was malformed and which forms are accepted. */
    public InvalidOffsetException(String message) {
        super(ErrorCode.INVALID_OFFSET, message);
    }

    /** As {@link #InvalidOffsetException(String)}, keeping the parse failure as the cause. */
    public InvalidOffsetException(String message, Throwable cause) {
        super(ErrorCode.INVALID_OFFSET, message, cause);
    }
}
