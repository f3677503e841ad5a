package io.rivulet.storage.log;

import io.rivulet.storage.batch.BatchWriter;

/**
 * Writes the records of one batch for {@link PartitionLog#appendInPlace}: called once per append, under
 * the log's lock, with a {@link BatchWriter} that encodes straight into the active segment. Stop when
 * {@link BatchWriter#append} returns false (the batch is full). Throwing aborts the append: nothing is
 * published and the space is reused.
 *
 * <p>Do not call the log's write methods from inside {@code encode} (they throw
 * {@link IllegalStateException}), and keep it short: other writers of the log wait meanwhile. Readers
 * do not. A hot path keeps one encoder object and re-arms it per batch instead of a capturing lambda.
 */
@FunctionalInterface
public interface BatchEncoder {
    void encode(BatchWriter batch);
}
