package io.rivulet.storage;

/**
 * A record batch whose bytes are not a valid Kafka v2 batch: bad length, magic, CRC or records, or
 * a compressed records section that does not decompress.
 */
public class CorruptBatchException extends StorageException {
    public CorruptBatchException(String message) {
        super(message);
    }

    public CorruptBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
