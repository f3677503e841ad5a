package io.rivulet.api.errors;

import io.rivulet.api.TopicPartition;

/**
 * An {@code acks=all} write was refused because the partition has fewer in-sync replicas than
 * {@code min.insync.replicas}. Nothing was written; it is retriable, since followers may catch up.
 */
public class NotEnoughReplicasException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final TopicPartition topicPartition;
    private final int inSyncReplicas;
    private final int minInSyncReplicas;

    /** An error for {@code topicPartition}, which has {@code inSyncReplicas} of the required minimum. */
    public NotEnoughReplicasException(TopicPartition topicPartition, int inSyncReplicas, int minInSyncReplicas) {
        super(ErrorCode.NOT_ENOUGH_REPLICAS, topicPartition + " has " + inSyncReplicas
                + " in-sync replica(s) but min.insync.replicas is " + minInSyncReplicas
                + ": retry once followers catch up, bring replicas back, or lower min.insync.replicas");
        this.topicPartition = topicPartition;
        this.inSyncReplicas = inSyncReplicas;
        this.minInSyncReplicas = minInSyncReplicas;
    }

    /** The partition that refused the write. */
    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** How many replicas were in sync. */
    public int inSyncReplicas() {
        return inSyncReplicas;
    }

    /** How many are required. */
    public int minInSyncReplicas() {
        return minInSyncReplicas;
    }
}
