package io.rivulet.api;

import java.util.List;

/**
 * One partition of a topic, as described by {@link Admin#describeTopic(String)}.
 *
 * @param partition      the partition number
 * @param logStartOffset the first offset still in the log (retention moves it forward)
 * @param endOffset      the high watermark: one past the last record consumers may read, i.e. the
 *                       offset the next committed record will get
 * @param leader         the id of the node leading the partition, or {@link #NO_LEADER}
 * @param replicas       the ids of the nodes holding the partition, preferred leader first
 * @param isr            the ids of the replicas currently in sync with the leader
 */
public record PartitionDescription(int partition, long logStartOffset, long endOffset, int leader,
                                   List<Integer> replicas, List<Integer> isr) {
    /** The leader id reported while a partition has no leader. */
    public static final int NO_LEADER = -1;

    /** Checks the offsets are ordered; copies the lists. */
    public PartitionDescription {
        if (partition < 0 || logStartOffset < 0 || endOffset < logStartOffset) {
            throw new IllegalArgumentException("invalid partition " + partition + " with offsets ["
                    + logStartOffset + ", " + endOffset + ")");
        }
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** How many records the partition holds now. */
    public long recordCount() {
        return endOffset - logStartOffset;
    }
}
