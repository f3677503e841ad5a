package io.rivulet.engine.group;

import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;

/**
 * Where an {@link OffsetLog} keeps its records: a log of record batches it appends to, replays from its start
 * and trims below a snapshot. A single node keeps them in a local {@code PartitionLog}
 * ({@link LocalOffsetStore}); a cluster in the replicated partition {@code __consumer_offsets-0}, appending as
 * its leader with acks=all ({@link ReplicatedOffsetStore}).
 *
 * <p>Threading: the owning {@link OffsetLog} serializes appends and trims; reads may run at any time.
 */
interface OffsetStore extends AutoCloseable {

    /** Where the records are, for messages: a directory or a topic-partition. */
    String describe();

    /** The largest batch the store accepts. */
    int maxBatchBytes();

    long logStartOffset();

    long logEndOffset();

    /** Batches from {@code offset}, at most about {@code maxBytes}; the caller closes the slice. */
    LogSlice read(long offset, int maxBytes);

    /**
     * Appends {@code batch}; returns once it is as durable as this store promises (in the page cache locally,
     * held by every in-sync replica when replicated). The caller may reuse the batch's memory afterwards.
     */
    void append(RecordBatch batch);

    /** Forgets the records before {@code offset}, all superseded by a snapshot; a store may keep them. */
    void deleteBefore(long offset);

    /** Bytes cut off a torn tail when the store was opened, for a warning. */
    long recoveryTruncatedBytes();

    /** Releases what this store opened; not what it was given. */
    @Override
    void close();
}
