package io.rivulet.api.errors;

/** An operation was attempted on, or was cut short by, a producer, consumer or engine that is closed. */
public class RivuletClosedException extends RivuletException {
    private static final long serialVersionUID = 1L;

    /** An error naming what is closed, e.g. {@code "producer 'orders-writer'"}. */
    public RivuletClosedException(String what) {
        super(ErrorCode.CLOSED, what + " is closed: create a new one, or close it only after its streams complete");
    }
}
