package io.rivulet.api.errors;

import java.util.Objects;

/**
 * The base of every error Rivulet reports, carrying an {@link ErrorCode}.
 *
 * <p>It is unchecked because most errors arrive through Reactor's {@code onError} signal, where checked
 * exceptions have no place. Catch this type to handle any Rivulet failure, test {@link #code()} or
 * {@link #retriable()} to decide what to do, or catch a subclass for the details it carries.
 *
 * <p>The engine throws this class directly for codes that have no dedicated subclass
 * ({@link ErrorCode#NOT_LEADER}, {@link ErrorCode#TIMEOUT}, {@link ErrorCode#CORRUPT_RECORD}, …).
 */
public class RivuletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** An error with the given code and a message that says what was wrong and what to change. */
    public RivuletException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** An error with the given code, message and underlying cause. */
    public RivuletException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What kind of error this is. */
    public ErrorCode code() {
        return code;
    }

    /** Whether retrying the same request later may succeed; shorthand for {@code code().retriable()}. */
    public boolean retriable() {
        return code.retriable();
    }
}
