package io.rivulet.engine.fetch;

import io.rivulet.api.RecordOffset;
import io.rivulet.api.TopicPartition;

/**
 * What a partition stream asks of whoever tracks its records' offsets: a handle for each record it
 * emits, and whether it may emit more now. A group consumer pauses a stream whose acknowledgements have
 * fallen {@code max.ack.ahead} records behind; a manual reader never pauses.
 */
public interface RecordHandles {
    /**
     * Called as the record at {@code offset} is about to be emitted; returns its handle, or null to drop
     * the record (its partition was revoked meanwhile and another member will get it).
     */
    RecordOffset emitted(long offset);

    /** False while emitting must wait; then {@link #whenResumed} tells the stream to look again. */
    boolean mayEmit();

    /** Runs {@code wakeup} once (soon after {@link #mayEmit} may have turned true). */
    void whenResumed(Runnable wakeup);

    /** Handles for reading without a group: nothing to track, never paused. */
    static RecordHandles unmanaged(TopicPartition tp) {
        return new RecordHandles() {
            @Override
            public RecordOffset emitted(long offset) {
                return RecordOffset.unmanaged(tp, offset);
            }

            @Override
            public boolean mayEmit() {
                return true;
            }

            @Override
            public void whenResumed(Runnable wakeup) {
                wakeup.run();
            }
        };
    }
}
