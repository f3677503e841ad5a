package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.net.ReplicaCodec;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.TopicRegistry;
import reactor.core.scheduler.Scheduler;

/**
 * A follower copying a partition this node leads: stored batches up to the log end (past the high
 * watermark, which every frame carries with the log start), within the follower's credits and the socket's
 * pace. When the follower has everything, a frame without records still goes out each time the high watermark
 * or the log start moves, so the follower learns what is committed and what is gone. Ends with
 * {@code NOT_LEADER} as soon as this node stops leading the epoch the follower asked for: the follower then finds
 * the new leader.
 */
final class ReplicaStream extends CreditedStream {
    private final TopicRegistry topics;
    private final ReplicaCodec.Open open;
    private final TopicPartition tp;

    // confined to the worker
    private Partition partition;
    private long nextOffset;
    private long sentHighWatermark = -1;
    private long sentLogStart = -1;

    ReplicaStream(int streamId, TopicRegistry topics, ReplicaCodec.Open open, Scheduler.Worker worker,
                  ByteBufAllocator alloc, ListenerMetrics.Stream meter, Runnable onEnd) {
        super(streamId, worker, alloc, meter, onEnd);
        this.topics = topics;
        this.open = open;
        this.tp = open.partition();
        this.nextOffset = open.fetchOffset();
    }

    @Override
    void step() {
        if (partition == null) {
            partition = topics.partition(tp);
            checkLeading();
            if (nextOffset > partition.logEndOffset() || nextOffset < partition.logStartOffset()) {
                throw new OffsetOutOfRangeException(tp, nextOffset, partition.logStartOffset(), partition.logEndOffset());
            }
            partition.replicaAcked(open.replicaId(), open.leaderEpoch(), nextOffset); // where it starts, it holds
        }
        while (!cancelled()) {
            if (socketDemand() == 0) {
                return;
            }
            checkLeading();
            long seen = partition.progress(); // before reading: a move after this wakes the park below
            long hw = partition.highWatermark();
            long start = partition.logStartOffset();
            if (nextOffset < partition.logEndOffset() && credits.get() > 0) {
                DataFrames.Frame frame = DataFrames.read(partition.readForReplica(nextOffset, FRAME_BYTES), nextOffset,
                        credits.get(), alloc, ReplicaCodec.DATA_HEADER, false);
                if (frame != null) {
                    frame.payload().setLong(Long.BYTES + Integer.BYTES, hw);
                    frame.payload().setLong(Long.BYTES + Integer.BYTES + Long.BYTES, start);
                    meter.credits(credits.addAndGet(-frame.count()));
                    nextOffset += frame.count();
                    sentHighWatermark = hw;
                    sentLogStart = start;
                    emit(frame.payload());
                    continue;
                }
            }
            if (hw > sentHighWatermark || start > sentLogStart) {
                ByteBuf payload = alloc.buffer(ReplicaCodec.DATA_HEADER);
                payload.writeLong(nextOffset).writeInt(0).writeLong(hw).writeLong(start);
                sentHighWatermark = hw;
                sentLogStart = start;
                emit(payload);
                continue;
            }
            if (credits.get() == 0 && nextOffset < partition.logEndOffset()) {
                return; // the follower has not asked for more yet: a credit wakes us
            }
            if (partition.isClosed()) {
                throw new RivuletClosedException("partition " + tp);
            }
            park(wakeup -> partition.awaitProgress(seen, wakeup));
            return;
        }
    }

    private void checkLeading() {
        if (!partition.isLeader() || partition.leaderEpoch() != open.leaderEpoch()) {
            throw new RivuletException(ErrorCode.NOT_LEADER, "node is not the leader of " + tp + " in epoch "
                    + open.leaderEpoch() + " (its epoch is " + partition.leaderEpoch() + ", leading: "
                    + partition.isLeader() + "); refresh metadata");
        }
    }
}
