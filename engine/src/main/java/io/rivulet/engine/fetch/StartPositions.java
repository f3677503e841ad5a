package io.rivulet.engine.fetch;

import io.rivulet.api.StartAt;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.engine.partition.Partition;

/**
 * Turns a {@link StartAt} into the offset a reader starts from. The outcomes are a contract:
 * <ul>
 *   <li>earliest → the log start; latest → the high watermark (only records written after);</li>
 *   <li>an offset inside [log start, log end] → that offset; outside → {@link OffsetOutOfRangeException}
 *       (never a silent jump: the caller decides, e.g. through {@code auto.offset.reset}). Past the high
 *       watermark the reader waits there until the records are committed: a new leader's high watermark can
 *       trail what its predecessor had shown until the followers catch up with it;</li>
 *   <li>a timestamp → the first record at or after it, or the high watermark when every record is older.</li>
 * </ul>
 * A reader that chose its own position (earliest, or a time) and finds retention moved the log start past it
 * before it delivered a record begins again ({@link #startOver}).
 */
public final class StartPositions {
    private StartPositions() {
    }

    public static long resolve(Partition partition, StartAt start) {
        if (start instanceof StartAt.Earliest) {
            return partition.logStartOffset();
        }
        if (start instanceof StartAt.Latest) {
            return partition.highWatermark();
        }
        if (start instanceof StartAt.AtOffset at) {
            return checkInRange(partition, at.offset());
        }
        if (start instanceof StartAt.AtTimestamp at) {
            return partition.offsetForTimestamp(at.epochMillis()).orElse(partition.highWatermark());
        }
        throw new IllegalArgumentException("unknown start position " + start);
    }

    /**
     * Where a reader begins again after its read at {@code position} fell below the log start, or -1 if it must
     * fail instead. Only a reader that has delivered nothing yet and whose start the log chose ({@code earliest},
     * or a time) begins again, at its start resolved anew: retention moved the log start between resolving the
     * position and the first read. Once records were delivered, or when the caller named the offset, falling
     * below the start means records were missed, and that is an error.
     */
    public static long startOver(Partition partition, StartAt start, long position, boolean delivered) {
        if (delivered || !(start instanceof StartAt.Earliest || start instanceof StartAt.AtTimestamp)) {
            return -1;
        }
        long again = resolve(partition, start);
        return again > position ? again : -1;
    }

    /** {@code offset} if a reader may start there, else {@link OffsetOutOfRangeException}. */
    public static long checkInRange(Partition partition, long offset) {
        long start = partition.logStartOffset();
        long end = Math.max(partition.highWatermark(), partition.logEndOffset());
        if (offset < start || offset > end) {
            throw new OffsetOutOfRangeException(partition.id(), offset, start, end);
        }
        return offset;
    }
}
