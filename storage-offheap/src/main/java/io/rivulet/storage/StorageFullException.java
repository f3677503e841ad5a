package io.rivulet.storage;

import java.io.IOException;

/**
 * The disk holding the log is full. Appends are refused; reads keep working; appends succeed again
 * once space is freed (by retention, by deleting topics, or by the operator).
 */
public final class StorageFullException extends LogIOException {
    public StorageFullException(String message, IOException cause) {
        super(message + " (disk full: free space or lower retention.bytes / retention.ms)", cause);
    }
}
