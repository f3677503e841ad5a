package io.rivulet.engine.produce;

import io.rivulet.api.TopicPartition;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.batch.RecordBatchBuilder;

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
     * Stamps the batch about to be built with what this target needs in its header: an idempotent producer's
     * id, epoch and sequence numbers ({@link RecordBatchBuilder#producer}). Called once per batch, just before
     * it is built and handed to {@link #append}, in the same order. By default stamps nothing: the batch
     * carries no producer id and the log appends it as it comes (the embedded producer, in this process, has
     * no network between it and the log that could lose or reorder a batch).
     */
    default void stamp(RecordBatchBuilder batch) {
    }

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

        /** An outcome that hands each answer to one function, e.g. a future's or a sink's. */
        static Outcome of(java.util.function.LongConsumer appended, java.util.function.Consumer<Throwable> failed) {
            return new Outcome() {
                @Override
                public void appended(long baseOffset) {
                    appended.accept(baseOffset);
                }

                @Override
                public void failed(Throwable error) {
                    failed.accept(error);
                }
            };
        }
    }
}
