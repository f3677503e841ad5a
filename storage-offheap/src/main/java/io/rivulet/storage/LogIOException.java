package io.rivulet.storage;

import java.io.IOException;

/** An I/O failure on a log's files. The operation that raised it changed nothing visible to readers. */
public class LogIOException extends StorageException {
    public LogIOException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** For subclasses that word the whole message themselves. */
    protected LogIOException(IOException cause, String message) {
        super(message, cause);
    }

    /** The I/O error underneath. */
    public IOException ioCause() {
        return (IOException) getCause();
    }

    /** Wraps {@code e}, as a {@link StorageFullException} when the disk is out of space. */
    public static LogIOException of(String message, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("Disk quota exceeded")) {
            return new StorageFullException(message, e);
        }
        return new LogIOException(message, e);
    }
}
