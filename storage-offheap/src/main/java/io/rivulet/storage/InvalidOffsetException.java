package io.rivulet.storage;

/** An append or truncation named an offset the log cannot accept (out of order, or beyond its end). */
public final class InvalidOffsetException extends StorageException {
    public InvalidOffsetException(String message) {
        super(message);
    }
}
