package io.rivulet.engine.replication;

import io.rivulet.api.TopicPartition;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.EpochEnd;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * How a follower reaches the leader of a partition: over the native protocol between nodes, or directly in a
 * test. Implementations are thread-safe.
 */
public interface LeaderLink extends AutoCloseable {
    /** Where the leader's log ends for {@code epoch} (the largest epoch it has at or below it). */
    Mono<EpochEnd> endOffsetForEpoch(int leader, TopicPartition tp, int epoch);

    /**
     * Streams the leader's log from {@code fetchOffset} to {@code sink}, one call at a time, in order. The
     * stream asks for at most {@code window} records ahead; {@link Stream#grant} asks for more. Ends with
     * {@link Sink#failed} (the leader moved, went away, or refused) — never silently.
     */
    Stream replicate(int leader, TopicPartition tp, int replicaId, int leaderEpoch, long fetchOffset, long window,
                     Sink sink);

    /** Tells the leader this follower's log ends at {@code logEnd}; fire and forget. */
    void ack(int leader, TopicPartition tp, int replicaId, int leaderEpoch, long logEnd);

    @Override
    void close();

    /** An open replica stream. */
    interface Stream extends Disposable {
        /** Asks for {@code records} more. */
        void grant(long records);
    }

    /** Hears a replica stream. */
    interface Sink {
        /**
         * Stored batches covering records from {@code first} ({@code count} of them; the first batch may start
         * earlier and the last end later), and the leader's high watermark and log start. Called off the
         * network's event loops, so the sink may append to its log here; the batches are valid only during the
         * call. {@code count} 0 carries only the high watermark and the log start.
         */
        void onData(long first, int count, long highWatermark, long logStart, Iterable<RecordBatch> batches);

        void failed(Throwable error);
    }
}
