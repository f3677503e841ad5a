package io.rivulet.storage;

/** A read asked for an offset outside the log's current range {@code [logStartOffset, logEndOffset]}. */
public final class OffsetOutOfRangeException extends StorageException {
    private final long offset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(String log, long offset, long logStartOffset, long logEndOffset) {
        super("offset " + offset + " is out of range for " + log + ": the log holds offsets ["
                + logStartOffset + ", " + logEndOffset + ")" + (offset < logStartOffset
                        ? "; older records were removed by retention, read from " + logStartOffset
                        : "; read from at most " + logEndOffset));
        this.offset = offset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public long offset() {
        return offset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
