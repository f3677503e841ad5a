package io.rivulet.storage;

/** A batch larger than the log's {@code max.message.bytes}; nothing was appended. */
public final class BatchTooLargeException extends StorageException {
    private final int size;
    private final int limit;

    public BatchTooLargeException(int size, int limit) {
        super("record batch of " + size + " bytes exceeds max.message.bytes=" + limit
                + ": send smaller batches or raise max.message.bytes on the topic");
        this.size = size;
        this.limit = limit;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
