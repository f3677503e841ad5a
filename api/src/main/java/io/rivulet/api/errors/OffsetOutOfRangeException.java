package io.rivulet.api.errors;

import io.rivulet.api.TopicPartition;

/**
 * A read asked for an offset outside the partition's valid range {@code [logStartOffset, endOffset]}:
 * below the log start (retention deleted it, or a crash truncated it) or past the end.
 *
 * <p>Rivulet never silently jumps to another position: a manual read fails with this error, and a group
 * consumer fails with it when {@code auto.offset.reset=none}. Start again from
 * {@code StartAt.earliest()} or {@code StartAt.latest()}, or let {@code auto.offset.reset} choose.
 */
public class OffsetOutOfRangeException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final TopicPartition topicPartition;
    private final long requestedOffset;
    private final long logStartOffset;
    private final long endOffset;

    /**
     * An error for {@code requestedOffset} on {@code topicPartition}, whose records span
     * {@code [logStartOffset, endOffset)}; reading exactly at {@code endOffset} is allowed and waits
     * for the next record.
     */
    public OffsetOutOfRangeException(TopicPartition topicPartition, long requestedOffset,
                                     long logStartOffset, long endOffset) {
        super(ErrorCode.OFFSET_OUT_OF_RANGE, "offset " + requestedOffset + " is out of range for "
                + topicPartition + ": its records span [" + logStartOffset + ", " + endOffset
                + "); start from earliest, latest or an offset in that range, or set auto.offset.reset");
        this.topicPartition = topicPartition;
        this.requestedOffset = requestedOffset;
        this.logStartOffset = logStartOffset;
        this.endOffset = endOffset;
    }

    /** The partition read. */
    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** The offset that was asked for. */
    public long requestedOffset() {
        return requestedOffset;
    }

    /** The first offset still in the log (inclusive). */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** One past the last readable offset (exclusive): the offset the next record will get. */
    public long endOffset() {
        return endOffset;
    }
}
