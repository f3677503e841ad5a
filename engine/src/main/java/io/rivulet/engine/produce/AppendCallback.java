package io.rivulet.engine.produce;

/**
 * Told what became of one record handed to the accumulator. Called once, on an append thread.
 *
 * <p>The records of an appended batch hear {@link #appended} one after another, then {@link #settle}: a
 * callback may leave its follow-up (waking whoever waits for the result) to {@code settle}, which runs once
 * for each run of consecutive callbacks with the same {@link #owner} — once a batch for a single sender
 * instead of once a record.
 */
public interface AppendCallback {
    /** The record is in the log at {@code offset}; {@link #settle} follows. */
    void appended(int partition, long offset);

    /** The record was not appended; acts at once (no {@link #settle} follows). */
    void failed(int partition, Throwable error);

    /** Who acts on this record's outcome; callbacks with the same owner settle together. */
    default Object owner() {
        return this;
    }

    /** Acts on the outcomes told so far to this callback's owner. */
    default void settle() {
    }

    /** Settles {@code callbacks} (all told {@code appended}): once per run of one owner, on the run's last. */
    static void settleAll(AppendCallback[] callbacks) {
        for (int i = 0; i < callbacks.length; i++) {
            AppendCallback c = callbacks[i];
            if (i + 1 == callbacks.length || callbacks[i + 1].owner() != c.owner()) {
                c.settle();
            }
        }
    }
}
