package io.rivulet.storage;

/**
 * Base of every error the storage layer raises. Unchecked: callers in the engine translate them
 * into the typed errors of the public api, and a storage error never leaves a log half-changed.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
