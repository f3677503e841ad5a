package io.rivulet.engine.replication;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.engine.partition.Partition;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.EpochEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;

/**
 * A follower copying one partition from its leader for one leader epoch: first it asks the leader where its
 * own last epoch ended and truncates anything past that (so it never keeps records the leader lost), then it
 * streams from its log end, appends each batch unchanged, reports its new log end and takes the leader's
 * high watermark and log start. When the stream fails — the leader is not ready yet, moved, or went away — it
 * starts over after a short pause, until {@link #close()}. When the leader no longer has the offset it would copy
 * next (its retention deleted it while this replica was away), the replica's log starts over at the leader's log
 * start.
 */
public final class ReplicaFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaFetcher.class);
    /** Records asked for ahead of what was appended: bounds what a follower holds in flight. */
    static final long WINDOW = 32_768;
    /**
     * The first pause after a failure. Right after a leader change the new leader often hears of its leadership a
     * few milliseconds after its followers, and refuses their first request: the pauses start short and double up
     * to the retry backoff, so that race costs milliseconds, not a whole backoff, of every {@code acks=all} write.
     */
    static final Duration FIRST_RETRY = Duration.ofMillis(5);

    private final Partition partition;
    private final TopicPartition tp;
    private final int nodeId;
    private final int leader;
    private final int epoch;
    private final LeaderLink link;
    private final Scheduler scheduler;
    private final Duration retryBackoff;
    private volatile boolean closed;
    private volatile Disposable running;
    private volatile int failures; // in a row; on the scheduler or a connection's event loop, one at a time

    public ReplicaFetcher(Partition partition, int nodeId, int leader, int epoch, LeaderLink link, Scheduler scheduler,
                          Duration retryBackoff) {
        this.partition = partition;
        this.tp = partition.id();
        this.nodeId = nodeId;
        this.leader = leader;
        this.epoch = epoch;
        this.link = link;
        this.scheduler = scheduler;
        this.retryBackoff = retryBackoff;
    }

    public int leader() {
        return leader;
    }

    public int epoch() {
        return epoch;
    }

    /** Starts copying; returns at once. */
    public void start() {
        if (!closed) {
            running = truncate().subscribe(end -> stream(), this::retry);
        }
    }

    /** Truncates to where the leader's log agrees with ours (KIP-101 / KIP-279), asking again until final. */
    private Mono<Long> truncate() {
        int ownEpoch = partition.log().latestEpoch();
        if (ownEpoch < 0) {
            return Mono.just(partition.logEndOffset()); // nothing stamped by a leader yet: nothing to disagree on
        }
        return link.endOffsetForEpoch(leader, tp, ownEpoch)
                .publishOn(scheduler)
                .flatMap(leaderEnd -> {
                    EpochEnd ownEnd = leaderEnd.isDefined() ? partition.endOffsetForEpoch(leaderEnd.epoch())
                            : EpochEnd.UNDEFINED;
                    long before = partition.logEndOffset();
                    long cut = TruncationPoint.of(leaderEnd, ownEnd, before, partition.highWatermark());
                    if (cut < before) {
                        log.info("{}: truncating from {} to {} before following node {} in epoch {}", tp, before, cut,
                                leader, epoch);
                    }
                    long end = partition.truncateTo(cut);
                    return TruncationPoint.isFinal(leaderEnd, ownEnd) ? Mono.just(end) : truncate();
                });
    }

    private void stream() {
        if (closed) {
            return;
        }
        long from = partition.logEndOffset();
        LeaderLink.Stream[] self = new LeaderLink.Stream[1];
        self[0] = link.replicate(leader, tp, nodeId, epoch, from, WINDOW, new LeaderLink.Sink() {
            @Override
            public void onData(long first, int count, long highWatermark, long logStart,
                               Iterable<RecordBatch> batches) {
                if (closed) {
                    return;
                }
                failures = 0;
                long before = partition.logEndOffset();
                for (RecordBatch b : batches) {
                    long last = b.baseOffset() + b.lastOffsetDelta();
                    if (last < partition.logEndOffset()) {
                        continue; // already here: resent for records the credits had not covered
                    }
                    partition.appendAsFollower(b);
                }
                long end = partition.logEndOffset();
                partition.followerHighWatermark(highWatermark);
                partition.followerLogStart(logStart);
                if (end > before) {
                    link.ack(leader, tp, nodeId, epoch, end);
                }
                if (count > 0) {
                    self[0].grant(count);
                }
            }

            @Override
            public void failed(Throwable error) {
                if (error instanceof OffsetOutOfRangeException range && range.requestedOffset() < range.logStartOffset()
                        && !closed) {
                    // file work: not on the connection's event loop
                    running = scheduler.schedule(() -> startOverAt(from, range.logStartOffset(), error));
                } else {
                    retry(error);
                }
            }
        });
        running = self[0];
        if (closed) {
            self[0].dispose();
        }
    }

    /**
     * The leader's retention deleted what this replica would copy next: nothing is left to copy it from, so this
     * replica's log starts over at the leader's log start, as Kafka's followers do, and copies from there.
     */
    private void startOverAt(long from, long leaderLogStart, Throwable error) {
        if (closed || partition.logEndOffset() != from) {
            retry(error); // the log moved meanwhile: look again
            return;
        }
        log.info("{}: node {} keeps records from offset {} on, past this replica's log end {}; starting the log over"
                + " at {}", tp, leader, leaderLogStart, from, leaderLogStart);
        try {
            partition.truncateFullyAndStartAt(leaderLogStart);
        } catch (RuntimeException e) {
            retry(e);
            return;
        }
        stream();
    }

    private void retry(Throwable error) {
        if (closed || error instanceof RivuletClosedException && partition.isClosed()) {
            return;
        }
        log.info("{}: replicating from node {} (epoch {}) stopped: {}; retrying", tp, leader, epoch, error.toString());
        running = Mono.delay(pauseAfter(failures++, retryBackoff), scheduler).subscribe(t -> start());
    }

    /** The pause after {@code failures} failures in a row: {@link #FIRST_RETRY}, doubling up to {@code most}. */
    static Duration pauseAfter(int failures, Duration most) {
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 20));
        return pause.compareTo(most) < 0 ? pause : most;
    }

    @Override
    public void close() {
        closed = true;
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
    }
}
