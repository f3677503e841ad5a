package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBufAllocator;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.OffsetOutOfRangeException;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.engine.fetch.StartPositions;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.net.FetchCodec;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.TopicRegistry;
import io.rivulet.storage.log.LogSlice;
import reactor.core.scheduler.Scheduler;

/**
 * One remote subscriber's fetch stream: reads stored batches from a partition, below its high watermark, and
 * sends them as data frames, never more records than the credits the client granted, and only as fast as the
 * connection takes frames. Caught up, it parks on the partition's append signal; out of credits, it waits for
 * a {@code CREDIT} frame. Either way it holds a position in the log, not a buffer.
 */
final class FetchStream extends CreditedStream {
    private final TopicRegistry topics;
    private final TopicPartition tp;
    private final StartAt start;

    // confined to the worker
    private Partition partition;
    private long nextOffset = -1;
    private boolean sent; // a frame went out: from now on a read below the log start is an error

    FetchStream(int streamId, TopicRegistry topics, FetchCodec.Open open, Scheduler.Worker worker,
                ByteBufAllocator alloc, ListenerMetrics.Stream meter, Runnable onEnd) {
        super(streamId, worker, alloc, meter, onEnd);
        this.topics = topics;
        this.tp = open.partition();
        this.start = open.start();
    }

    @Override
    void step() {
        if (partition == null) {
            partition = topics.partitionOrCreate(tp);
            if (!partition.isLeader()) {
                throw partitionNotLed(); // a follower's log is not read by consumers: send them to the leader
            }
            nextOffset = StartPositions.resolve(partition, start);
        }
        while (!cancelled()) {
            if (credits.get() == 0) {
                if (nextOffset < partition.highWatermark()) {
                    meter.waiting("credits"); // records wait, but the remote subscriber has not asked for more
                } else {
                    meter.resumed();
                }
                return;
            }
            if (socketDemand() == 0) {
                meter.waiting("socket"); // the connection is not taking frames as fast as they come
                return;
            }
            meter.resumed();
            if (nextOffset >= partition.highWatermark()) {
                if (!partition.isLeader()) {
                    // leadership moved while this stream was caught up, or this node stopped being a replica
                    // (it resigns before the partition closes)
                    throw partitionNotLed();
                }
                if (partition.isClosed()) {
                    throw new RivuletClosedException("partition " + tp);
                }
                park(wakeup -> partition.awaitData(nextOffset, wakeup));
                return;
            }
            LogSlice slice;
            try {
                slice = partition.read(nextOffset, FRAME_BYTES);
            } catch (OffsetOutOfRangeException e) {
                long again = StartPositions.startOver(partition, start, nextOffset, sent);
                if (again < 0) {
                    throw e;
                }
                nextOffset = again; // retention moved the start before the first frame: as an embedded reader does
                continue;
            }
            DataFrames.Frame frame = DataFrames.read(slice, nextOffset, credits.get(), alloc, FetchCodec.DATA_HEADER,
                    true);
            if (frame == null) {
                park(wakeup -> partition.awaitData(nextOffset, wakeup));
                return;
            }
            meter.credits(credits.addAndGet(-frame.count()));
            partition.meters().delivered(frame.count(), frame.bytes()); // remote readers count as records out
            nextOffset += frame.count();
            sent = true;
            emit(frame.payload());
        }
    }

    private io.rivulet.api.errors.RivuletException partitionNotLed() {
        return new io.rivulet.api.errors.RivuletException(io.rivulet.api.errors.ErrorCode.NOT_LEADER,
                tp + " is not led by this node now; refresh metadata and read from its leader");
    }
}
