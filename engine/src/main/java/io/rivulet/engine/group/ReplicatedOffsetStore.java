package io.rivulet.engine.group;

import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cluster's offsets, in the replicated partition {@code __consumer_offsets-0} while this node leads it: an
 * append goes through {@link Partition#append(RecordBatch, int, BatchTarget.Outcome)} with acks=all, so a
 * commit is done only once every in-sync replica holds it, and any replica that becomes leader can replay it.
 * An append after this node stopped leading fails with the retriable {@code NOT_LEADER}.
 *
 * <p>A snapshot's trim moves the partition's log start on this leader; its followers move theirs when their replica
 * streams carry the new start ({@link Partition#followerLogStart}), so every replica's log stays bounded.
 *
 * <p>Threading: appends block their caller (the coordinator runs commits on a blocking-work scheduler). The
 * partition belongs to the node's topic registry; closing this store leaves it open.
 */
final class ReplicatedOffsetStore implements OffsetStore {
    private final Partition partition;
    private final Duration appendTimeout;

    ReplicatedOffsetStore(Partition partition, Duration appendTimeout) {
        this.partition = partition;
        this.appendTimeout = appendTimeout;
    }

    @Override
    public String describe() {
        return partition.id().toString();
    }

    @Override
    public int maxBatchBytes() {
        return partition.maxMessageBytes();
    }

    @Override
    public long logStartOffset() {
        return partition.logStartOffset();
    }

    @Override
    public long logEndOffset() {
        return partition.logEndOffset();
    }

    @Override
    public LogSlice read(long offset, int maxBytes) {
        // the whole local log, not only below the high watermark: as leader this log is the truth, and what
        // lies above the watermark is committed as soon as the followers catch up
        return partition.log().read(offset, maxBytes);
    }

    @Override
    public void append(RecordBatch batch) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        partition.append(batch, -1, BatchTarget.Outcome.of(done::complete, done::completeExceptionally));
        try {
            done.get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new RivuletException(ErrorCode.UNKNOWN, partition.id() + ": commit failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new RivuletException(ErrorCode.TIMEOUT, partition.id() + ": the commit was not replicated to every "
                    + "in-sync replica within " + appendTimeout.toMillis() + " ms; it is retried by the consumer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RivuletException(ErrorCode.TIMEOUT, partition.id() + ": interrupted while replicating a commit");
        }
    }

    @Override
    public void deleteBefore(long offset) {
        partition.deleteRecordsBefore(offset); // below the high watermark: the snapshot was appended with acks=all
    }

    @Override
    public long recoveryTruncatedBytes() {
        return 0; // the partition's own recovery reported it when the registry opened it
    }

    @Override
    public void close() {
        // the partition is the registry's
    }
}
