package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.net.Frame;
import io.rivulet.engine.net.FrameHeader;
import io.rivulet.engine.net.FrameType;
import io.rivulet.engine.net.WireErrors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream of frames that the peer pays for with credits and the connection pulls as it writes: the loop
 * that {@link FetchStream} (a consumer's) and {@link ReplicaStream} (a follower's) share. Reading runs on one
 * worker of the fetch scheduler, entered through a work-in-progress counter; credits, demand, cancellation
 * and wake-ups only bump it, and {@link #step()} does the reading. Ends with a {@code STREAM_COMPLETE} or
 * {@code STREAM_ERROR} frame, or silently when cancelled.
 */
abstract class CreditedStream {
    /** How much log one data frame carries at most; whole batches, so a larger batch goes alone. */
    static final int FRAME_BYTES = 256 * 1024;

    final int streamId;
    final ByteBufAllocator alloc;
    final ListenerMetrics.Stream meter;
    final AtomicLong credits = new AtomicLong();
    private final Scheduler.Worker worker;
    private final Runnable onEnd;
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile FluxSink<Frame> sink;
    private Runnable cancelWait; // confined to the worker
    private volatile boolean parked;
    private boolean done;

    CreditedStream(int streamId, Scheduler.Worker worker, ByteBufAllocator alloc, ListenerMetrics.Stream meter,
                   Runnable onEnd) {
        this.streamId = streamId;
        this.worker = worker;
        this.alloc = alloc;
        this.meter = meter;
        this.onEnd = onEnd;
    }

    /** The frames of this stream, emitted only as requested. Subscribed once, by the connection. */
    final Flux<Frame> frames() {
        return Flux.create(s -> {
            sink = s;
            s.onRequest(n -> schedule());
            s.onDispose(this::cancel);
            schedule();
        });
    }

    /** The client's {@code CREDIT(n)}. */
    final void grant(long n) {
        long now = credits.updateAndGet(c -> {
            long sum = c + n;
            return sum < 0 ? Long.MAX_VALUE : sum;
        });
        meter.credits(now);
        schedule();
    }

    /** The client's {@code CANCEL}, or the connection closing. */
    final void cancel() {
        cancelled = true;
        schedule();
    }

    final boolean cancelled() {
        return cancelled;
    }

    /** Frames the connection will take now. */
    final long socketDemand() {
        FluxSink<Frame> s = sink;
        return s == null ? 0 : s.requestedFromDownstream();
    }

    final void emit(ByteBuf payload) {
        sink.next(new Frame(FrameHeader.of(FrameType.STREAM_DATA, 0, streamId), payload));
    }

    /**
     * Reads and emits while credits and socket demand last; returns when it must wait. Runs on the worker,
     * never concurrently with itself. Throwing ends the stream with a {@code STREAM_ERROR}.
     */
    abstract void step();

    /** Parks until {@code register} fires its wake-up; {@code register} returns the handle that cancels the wait. */
    final void park(java.util.function.Function<Runnable, Runnable> register) {
        if (!parked) {
            parked = true;
            cancelWait = register.apply(() -> {
                parked = false;
                schedule();
            });
        }
    }

    final void schedule() {
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
                if (sink != null) {
                    if (cancelled) {
                        end(null, false);
                    } else {
                        try {
                            step();
                        } catch (Throwable t) {
                            end(t, true);
                        }
                    }
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void end(Throwable error, boolean tell) {
        if (done) {
            return;
        }
        done = true;
        Runnable waiting = cancelWait;
        if (waiting != null) {
            cancelWait = null;
            waiting.run();
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
