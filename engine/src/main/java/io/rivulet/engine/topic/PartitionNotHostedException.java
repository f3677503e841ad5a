package io.rivulet.engine.topic;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;

/**
 * A request named a partition that exists in the cluster but has no replica on this node, so this node keeps
 * no log for it. Carries {@link ErrorCode#NOT_LEADER}, as a follower's refusal does: the caller's metadata is
 * stale, and asking the cluster again leads it to a node that holds the partition.
 */
public final class PartitionNotHostedException extends RivuletException {

    private static final long serialVersionUID = 1L;

    private final transient TopicPartition partition;

    public PartitionNotHostedException(TopicPartition partition) {
        super(ErrorCode.NOT_LEADER, partition + " has no replica on this node; refresh metadata and send to its"
                + " leader");
        this.partition = partition;
    }

    /** The partition asked for. */
    public TopicPartition partition() {
        return partition;
    }
}
