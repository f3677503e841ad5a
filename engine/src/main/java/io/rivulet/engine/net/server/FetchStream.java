package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.engine.fetch.StartPositions;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.net.FetchCodec;
import io.rivulet.engine.net.Frame;
import io.rivulet.engine.net.FrameHeader;
import io.rivulet.engine.net.FrameType;
import io.rivulet.engine.net.OffHeapCopy;
import io.rivulet.engine.net.WireErrors;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.TopicRegistry;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogSlice;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote subscriber's fetch stream: reads stored batches from a partition and sends them as
 * {@link FrameType#STREAM_DATA} frames, never more records than the credits the client granted, and only as
 * fast as the connection takes frames (its {@link #frames()} is pulled by the connection's writes). Caught
 * up, it parks on the partition's append signal; out of credits, it waits for a {@code CREDIT} frame. Either
 * way it holds a position in the log, not a buffer.
 *
 * <p>Reading runs on one worker of the fetch scheduler, entered through a work-in-progress counter; credits,
 * demand, cancellation and append wake-ups only bump it. Ends with a {@code STREAM_COMPLETE} or
 * {@code STREAM_ERROR} frame, or silently when cancelled.
 */
final class FetchStream {
    /** How much log one data frame carries at most; whole batches, so a larger batch goes alone. */
    static final int FRAME_BYTES = 256 * 1024;

    private final int streamId;
    private final TopicRegistry topics;
    private final TopicPartition tp;
    private final StartAt start;
    private final Scheduler.Worker worker;
    private final ByteBufAllocator alloc;
    private final Runnable onEnd;
    private final ListenerMetrics.Stream meter;
    private final AtomicLong credits = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile FluxSink<Frame> sink;

    // confined to the worker
    private Partition partition;
    private long nextOffset = -1;
    private Runnable cancelWait;
    private volatile boolean parked;
    private boolean done;

    FetchStream(int streamId, TopicRegistry topics, FetchCodec.Open open, Scheduler.Worker worker,
                ByteBufAllocator alloc, ListenerMetrics.Stream meter, Runnable onEnd) {
        this.meter = meter;
        this.streamId = streamId;
        this.topics = topics;
        this.tp = open.partition();
        this.start = open.start();
        this.worker = worker;
        this.alloc = alloc;
        this.onEnd = onEnd;
    }

    /** The frames of this stream, emitted only as requested. Subscribed once, by the connection. */
    Flux<Frame> frames() {
        return Flux.create(s -> {
            sink = s;
            s.onRequest(n -> schedule());
            s.onDispose(this::cancel);
            schedule();
        });
    }

    /** The client's {@code CREDIT(n)}. */
    void grant(long n) {
        long now = credits.updateAndGet(c -> {
            long sum = c + n;
            return sum < 0 ? Long.MAX_VALUE : sum;
        });
        meter.credits(now);
        schedule();
    }

    /** The client's {@code CANCEL}, or the connection closing. */
    void cancel() {
        cancelled = true;
        schedule();
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                worker.schedule(this::run);
            } catch (RuntimeException rejected) {
                wip.set(0); // the engine is closing
            }
        }
    }

    private void run() {
        int missed = 1;
        for (;;) {
            if (!done) {
                step();
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() {
        FluxSink<Frame> s = sink;
        if (s == null) {
            return;
        }
        if (cancelled) {
            end(null, false);
            return;
        }
        try {
            if (partition == null) {
                partition = topics.partitionOrCreate(tp);
                nextOffset = StartPositions.resolve(partition, start);
            }
            while (!cancelled) {
                if (credits.get() == 0) {
                    if (nextOffset < partition.highWatermark()) {
                        meter.waiting("credits"); // records wait, but the remote subscriber has not asked for more
                    } else {
                        meter.resumed();
                    }
                    return;
                }
                if (s.requestedFromDownstream() == 0) {
                    meter.waiting("socket"); // the connection is not taking frames as fast as they come
                    return;
                }
                meter.resumed();
                if (nextOffset >= partition.highWatermark()) {
                    if (partition.isClosed()) {
                        throw new io.rivulet.api.errors.RivuletClosedException("partition " + tp);
                    }
                    meter.resumed();
                    park();
                    return;
                }
                Frame frame = nextFrame();
                if (frame == null) {
                    park();
                    return;
                }
                s.next(frame);
            }
        } catch (Throwable t) {
            end(t, true);
        }
    }

    /** Up to {@link #FRAME_BYTES} of whole batches from {@code nextOffset}, limited to the credits held. */
    private Frame nextFrame() {
        try (LogSlice slice = partition.read(nextOffset, FRAME_BYTES)) {
            if (slice.isEmpty()) {
                return null;
            }
            long budget = credits.get();
            long first = nextOffset;
            long end = first;
            long fromPosition = -1;
            long toPosition = -1;
            Iterator<RecordBatch> batches = slice.batches();
            while (batches.hasNext() && end - first < budget) {
                RecordBatch b = batches.next();
                long last = b.baseOffset() + b.lastOffsetDelta();
                if (last < end) {
                    continue; // wholly before the position: the slice starts at the batch holding it
                }
                if (fromPosition < 0) {
                    fromPosition = b.position();
                }
                toPosition = b.position() + b.sizeInBytes();
                end = Math.min(last + 1, first + budget);
            }
            if (fromPosition < 0) {
                return null;
            }
            int count = (int) Math.min(Integer.MAX_VALUE, end - first);
            int length = (int) (toPosition - fromPosition);
            ByteBuf payload = alloc.directBuffer(FetchCodec.DATA_HEADER + length);
            try {
                payload.writeLong(first).writeInt(count);
                OffHeapCopy.copy(slice.store(), fromPosition, length, payload);
            } catch (RuntimeException e) {
                payload.release();
                throw e;
            }
            meter.credits(credits.addAndGet(-count));
            partition.meters().delivered(count, length); // remote readers count as records out, like local ones
            nextOffset = first + count;
            return new Frame(FrameHeader.of(FrameType.STREAM_DATA, 0, streamId), payload);
        }
    }

    private void park() {
        if (!parked) {
            parked = true;
            cancelWait = partition.awaitData(nextOffset, () -> {
                parked = false;
                schedule();
            });
        }
    }

    private void end(Throwable error, boolean tell) {
        if (done) {
            return;
        }
        done = true;
        if (cancelWait != null) {
            cancelWait.run();
            cancelWait = null;
        }
        FluxSink<Frame> s = sink;
        if (tell && s != null) {
            ByteBuf payload = alloc.buffer();
            WireErrors.write(payload, error);
            s.next(new Frame(FrameHeader.of(FrameType.STREAM_ERROR, 0, streamId), payload));
        }
        if (s != null) {
            s.complete();
        }
        worker.dispose();
        meter.close();
        onEnd.run();
    }
}
