package io.rivulet.api;

import io.rivulet.api.errors.InvalidOffsetException;

import java.time.Instant;
import java.util.Objects;

/**
 * Where to start reading a partition.
 *
 * <ul>
 *   <li>{@link #earliest()} — the first record still in the log (the log start offset);</li>
 *   <li>{@link #latest()} — the end: only records appended after the read starts;</li>
 *   <li>{@link #offset(long)} — exactly that offset. An offset below the log start (removed by
 *       retention or a crash) or past the end fails the read with
 *       {@link io.rivulet.api.errors.OffsetOutOfRangeException}; the end offset itself is valid and
 *       waits for the next record. Rivulet never silently jumps elsewhere;</li>
 *   <li>{@link #timestamp(Instant)} — the first record whose timestamp is at or after the instant, or
 *       the end if there is none.</li>
 * </ul>
 *
 * <p>{@link #parse(String)} reads the forms the command line uses, and each position's {@code toString()} writes them,
 * so {@code StartAt.parse(s.toString()).equals(s)}.
 */
public sealed interface StartAt {

    /** The first record still in the log. */
    static StartAt earliest() {
        return Earliest.INSTANCE;
    }

    /** The end of the log: only records appended from now on. */
    static StartAt latest() {
        return Latest.INSTANCE;
    }

    /**
     * Exactly {@code offset}.
     *
     * @throws InvalidOffsetException if {@code offset} is negative
     */
    static StartAt offset(long offset) {
        return new AtOffset(offset);
    }

    /**
     * The first record stamped at or after {@code time}, to the millisecond.
     *
     * @throws InvalidOffsetException if {@code time} is before the epoch
     */
    static StartAt timestamp(Instant time) {
        return new AtTimestamp(Objects.requireNonNull(time, "time").toEpochMilli());
    }

    /** As {@link #timestamp(Instant)}, in milliseconds since the epoch. */
    static StartAt timestamp(long epochMillis) {
        return new AtTimestamp(epochMillis);
    }

    /**
     * Reads a start position: {@code earliest}, {@code latest}, {@code offset:N} or
     * {@code time:ISO-8601} (an instant such as {@code time:2024-05-01T12:00:00Z}, or a date-time with
     * an offset such as {@code time:2024-05-01T14:00:00+02:00}). Case and surrounding blanks are ignored.
     *
     * @throws InvalidOffsetException naming the input and the accepted forms
     */
    static StartAt parse(String text) {
        if (text == null) {
            throw new InvalidOffsetException("a start position is required: " + StartAtSyntax.FORMS);
        }
        return StartAtSyntax.parse(text.trim());
    }

    /** Start at the log start offset. */
    record Earliest() implements StartAt {
        static final Earliest INSTANCE = new Earliest();

        @Override
        public String toString() {
            return "earliest";
        }
    }

    /** Start at the end of the log. */
    record Latest() implements StartAt {
        static final Latest INSTANCE = new Latest();

        @Override
        public String toString() {
            return "latest";
        }
    }

    /**
     * Start at an exact offset.
     *
     * @param offset the offset of the first record to read, {@code >= 0}
     */
    record AtOffset(long offset) implements StartAt {
        /** Rejects negative offsets. */
        public AtOffset {
            if (offset < 0) {
                throw new InvalidOffsetException("offset must be >= 0 but was " + offset);
            }
        }

        @Override
        public String toString() {
            return "offset:" + offset;
        }
    }

    /**
     * Start at the first record stamped at or after a time.
     *
     * @param epochMillis the time, in milliseconds since the epoch, {@code >= 0}
     */
    record AtTimestamp(long epochMillis) implements StartAt {
        /** Rejects times before the epoch, which no record can carry. */
        public AtTimestamp {
            if (epochMillis < 0) {
                throw new InvalidOffsetException("timestamp must be at or after 1970-01-01T00:00:00Z but was "
                        + epochMillis + " ms");
            }
        }

        /** The time as an instant. */
        public Instant instant() {
            return Instant.ofEpochMilli(epochMillis);
        }

        @Override
        public String toString() {
            return "time:" + instant();
        }
    }
}
