package io.rivulet.engine.http;

/**
 * The too-far-behind rule as a pure function of time: a socket is stalled when frames have been waiting
 * to be written and not one more was written for longer than the timeout.
 *
 * <p>Why not the channel's writability: reactor-netty's send stops writing just before the channel
 * would turn unwritable ({@code bytesBeforeUnwritable}), so a socket whose client stopped reading
 * often stays "writable" with frames waiting in the sender. Progress of completed writes is the
 * signal that does not depend on where the frames wait.
 *
 * <p>Fed at each periodic check; confined to the socket's event loop.
 */
final class StallWatch {
    private final long timeoutNanos;
    private long lastWritten = -1;
    private long stuckSince = -1;

    StallWatch(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Whether the socket is now stalled.
     *
     * @param waiting  frames taken from the log and not yet written
     * @param written  frames written so far (a running total)
     * @param nowNanos the time of this observation
     */
    boolean stalled(long waiting, long written, long nowNanos) {
        if (waiting <= 0 || written != lastWritten) {
            lastWritten = written;
            stuckSince = waiting <= 0 ? -1 : nowNanos;
            return false;
        }
        if (stuckSince < 0) {
            stuckSince = nowNanos;
            return false;
        }
        return nowNanos - stuckSince > timeoutNanos;
    }
}
