package io.rivulet.storage;

/** The log was closed; open it again to use it. */
public final class LogClosedException extends StorageException {
    public LogClosedException(String log) {
        super("log " + log + " is closed");
    }
}
