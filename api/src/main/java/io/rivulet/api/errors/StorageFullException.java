package io.rivulet.api.errors;

/**
 * A write was refused because the disk holding the log is full. Nothing was written, reads keep
 * working, and writes succeed again once space is freed; it is retriable.
 */
public class StorageFullException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final String location;

    /** An error for the directory or file at {@code location}, with the I/O failure as cause. */
    public StorageFullException(String location, Throwable cause) {
        super(ErrorCode.STORAGE_FULL, "no space left to write at " + location
                + ": free disk space, lower retention.ms or retention.bytes, or move the data directory", cause);
        this.location = location;
    }

    /** Where the write failed. */
    public String location() {
        return location;
    }
}
