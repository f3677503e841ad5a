package io.rivulet.engine.http;

/**
 * The too-far-behind rule as a pure function of time: a socket that has stayed unwritable for longer
 * than the timeout is stalled. Fed the socket's writability at each periodic check; a writable
 * observation resets it. Confined to the socket's event loop.
 */
final class StallWatch {
    private final long timeoutNanos;
    private long unwritableSince = -1;

    StallWatch(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Whether the socket, {@code writable} at {@code nowNanos}, has now been unwritable for longer than the timeout. */
    boolean stalled(boolean writable, long nowNanos) {
        if (writable) {
            unwritableSince = -1;
            return false;
        }
        if (unwritableSince < 0) {
            unwritableSince = nowNanos;
            return false;
        }
        return nowNanos - unwritableSince > timeoutNanos;
    }
}
