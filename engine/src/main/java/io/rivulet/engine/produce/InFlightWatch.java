package io.rivulet.engine.produce;

/**
 * Told when a send has all of its {@code max.in.flight.records} out and must wait for results before it asks
 * its source for more, and when it may go on — so a producer held back by its in-flight bound shows as a stall
 * (a gauge and a log line), not as silence. One per send subscription; called from any thread.
 */
public interface InFlightWatch {
    /** Does nothing: for producers whose process keeps no meters (a remote client). */
    InFlightWatch NONE = new InFlightWatch() {
        @Override
        public void full() {
        }

        @Override
        public void freed() {
        }

        @Override
        public void close() {
        }
    };

    /** Every in-flight slot is taken. */
    void full();

    /** A result was taken, so a slot is free again. */
    void freed();

    /** The send ended. */
    void close();
}
