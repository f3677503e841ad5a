package io.rivulet.storage.log;

/**
 * A log's answer to "where does leader epoch E end?" (Kafka's OffsetsForLeaderEpoch, KIP-101 and
 * KIP-279): the largest epoch it knows that is at most E, and the offset after that epoch's last
 * record — the start offset of the next higher epoch, or the log end offset if it is the latest.
 * A follower truncates to what its leader answers so that it never keeps records the leader lost.
 *
 * @param epoch     the epoch answered for, at most the one asked for; -1 when undefined
 * @param endOffset exclusive end of that epoch's offsets; -1 when undefined
 */
public record EpochEnd(int epoch, long endOffset) {
    /** The answer when the epoch asked for is below every epoch the log knows, or it knows none. */
    public static final EpochEnd UNDEFINED = new EpochEnd(-1, -1);

    public boolean isDefined() {
        return epoch >= 0;
    }
}
