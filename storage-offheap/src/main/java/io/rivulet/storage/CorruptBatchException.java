package io.rivulet.storage;

/** A record batch whose bytes are not a valid Kafka v2 batch: bad length, magic, CRC or records. */
public final class CorruptBatchException extends StorageException {
    public CorruptBatchException(String message) {
        super(message);
    }
}
