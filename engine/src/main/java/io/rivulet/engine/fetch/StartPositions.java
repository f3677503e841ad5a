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
