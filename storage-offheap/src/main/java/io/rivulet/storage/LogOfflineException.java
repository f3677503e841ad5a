package io.rivulet.storage;

/**
 * The log refuses writes because an earlier fsync (or another write to its files) failed after the
 * bytes were appended. Like a Kafka log directory taken offline: the failure is sticky, because
 * after a failed fsync the kernel may already have dropped the dirty pages, so a retry that
 * succeeds would prove nothing. Reads keep working. {@link #failure()} is the original error.
 */
public final class LogOfflineException extends LogIOException {
    private final LogIOException failure;

    public LogOfflineException(String log, LogIOException failure) {
        super(failure.ioCause(), "log " + log + " is offline: " + failure.getMessage()
                + ". Records appended before that are readable but may not survive power loss. Fix the disk, "
                + "then close and reopen the log (recovery re-validates it)");
        this.failure = failure;
    }

    /** The error that took the log offline. */
    public LogIOException failure() {
        return failure;
    }
}
