package io.rivulet.engine.produce;

import io.rivulet.api.TopicPartition;
import io.rivulet.storage.batch.RecordBatch;

/**
 * Where a producer's batches for one partition go: the partition's log in this process, or a node across the
 * network. {@link PartitionBatcher} hands it one batch at a time, in order.
 */
public interface BatchTarget {
    /** The partition. */
    TopicPartition id();

    /** The largest batch the partition accepts ({@code max.message.bytes}). */
    int maxMessageBytes();

    /**
     * Appends {@code batch}, or sends it on its way; the batch's memory may be reused as soon as this returns,
     * so a target that answers later copies it first. Batches handed over one after the other are appended in
     * that order. Tells {@code outcome} exactly once, now or later, on any thread.
     */
    void append(RecordBatch batch, Outcome outcome);

    /** What became of one batch. */
    interface Outcome {
        /** The batch was appended with its first record at {@code baseOffset} (-1 when not reported: acks=0). */
        void appended(long baseOffset);

        void failed(Throwable error);
    }
}
