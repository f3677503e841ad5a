package io.rivulet.engine.net;

/**
 * The credits a stream's sender holds: the receiver grants them (a remote subscriber's {@code request(n)}
 * arrives as a {@link FrameType#CREDIT} frame), and each record the sender puts in a {@link
 * FrameType#STREAM_DATA} frame spends one. The sender never sends a record it holds no credit for.
 *
 * <p>Accounting follows Reactive Streams and Reactor's request rules: grants add up and cap at {@link
 * Long#MAX_VALUE} instead of overflowing, and a window at {@link Long#MAX_VALUE} is unbounded — spending from
 * it leaves it unbounded, as a {@code request(Long.MAX_VALUE)} does. Credits never go negative.
 *
 * <p>Not thread-safe: confined to the event loop of the stream's connection.
 */
public final class CreditWindow {
    private long credits;

    /** The credits held; {@link Long#MAX_VALUE} means unbounded. */
    public long available() {
        return credits;
    }

    /** Whether the receiver asked for everything. */
    public boolean isUnbounded() {
        return credits == Long.MAX_VALUE;
    }

    /**
     * Adds credits granted by the receiver, capped at {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if {@code n} is not positive (Reactive Streams rule 3.9: the stream
     *                                  ends with this error)
     */
    public void grant(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("credit must be positive, got " + n
                    + " (a request(n) needs n > 0, Reactive Streams rule 3.9)");
        }
        long sum = credits + n;
        credits = sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Spends up to {@code wanted} credits at once, for a frame of that many records.
     *
     * @return how many the sender may send now: {@code min(wanted, available())}, possibly 0
     * @throws IllegalArgumentException if {@code wanted} is negative
     */
    public long take(long wanted) {
        if (wanted < 0) {
            throw new IllegalArgumentException("cannot take a negative number of credits: " + wanted);
        }
        if (credits == Long.MAX_VALUE) {
            return wanted;
        }
        long granted = Math.min(wanted, credits);
        credits -= granted;
        return granted;
    }

    @Override
    public String toString() {
        return isUnbounded() ? "CreditWindow[unbounded]" : "CreditWindow[" + credits + "]";
    }
}
