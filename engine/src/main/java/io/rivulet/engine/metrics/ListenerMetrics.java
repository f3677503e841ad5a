package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one network listener (native TCP, HTTP, WebSocket, Kafka), fed by the network layer:
 * connections, streams, the credits remote subscribers have granted and not yet used, and streams that
 * wait too long. Obtained from {@link EngineMetrics#listener(Listener)}; one per listener and engine.
 *
 * <p>What the network code calls:
 * <pre>{@code
 * ListenerMetrics m = engine.metrics().listener(ListenerMetrics.Listener.NATIVE);
 * m.connectionOpened();                         // channel active        (and connectionClosed() on inactive)
 * ListenerMetrics.Stream s = m.streamOpened("orders-0 to /10.0.0.7:51544");
 * s.credits(window.available());                // whenever the credit window changes
 * s.waiting("credits"); ... s.resumed();        // when the stream has data but no credit (or an in-flight bound)
 * s.close();                                    // stream completed, failed or cancelled
 * }</pre>
 * For the {@link Listener#WEBSOCKET} listener a connection is a WebSocket session.
 *
 * <p>Threading: thread-safe; every method may be called from any event loop. Nothing allocates after
 * {@link #streamOpened}.
 */
public final class ListenerMetrics implements AutoCloseable {
    /** The listeners a node has; the tag value is bounded by this enum. */
    public enum Listener {
        NATIVE("native"), HTTP("http"), WEBSOCKET("ws"), KAFKA("kafka");

        private final String tag;

        Listener(String tag) {
            this.tag = tag;
        }

        /** The value of the {@code listener} tag. */
        public String tag() {
            return tag;
        }
    }

    private final MeterRegistry registry;
    private final Listener listener;
    private final StallWatch stalls;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong credits = new AtomicLong();
    private final Counter opened;
    private final Counter closed;
    private final List<Meter> meters;

    ListenerMetrics(MeterRegistry registry, Listener listener, StallWatch stalls) {
        this.registry = registry;
        this.listener = listener;
        this.stalls = stalls;
        Tags tags = Tags.of("listener", listener.tag());
        this.opened = Counter.builder("rivulet.listener.connections.opened").tags(tags)
                .description("Connections accepted by the listener (WebSocket sessions for ws)").register(registry);
        this.closed = Counter.builder("rivulet.listener.connections.closed").tags(tags)
                .description("Connections of the listener that ended").register(registry);
        this.meters = List.of(opened, closed,
                Gauge.builder("rivulet.listener.connections", open, AtomicInteger::get).tags(tags).strongReference(true)
                        .description("Connections open now (WebSocket sessions for ws)").register(registry),
                Gauge.builder("rivulet.listener.streams", streams, AtomicInteger::get).tags(tags).strongReference(true)
                        .description("Streams (remote subscriptions) open now").register(registry),
                Gauge.builder("rivulet.listener.credits", credits, AtomicLong::get).tags(tags).strongReference(true)
                        .description("Credits granted by remote subscribers and not used yet, summed over streams")
                        .register(registry),
                Gauge.builder("rivulet.listener.streams.stalled", stalls, StallWatch::stalled).tags(tags)
                        .strongReference(true)
                        .description("Streams waiting on credits or an in-flight bound longer than the stall threshold")
                        .register(registry));
    }

    public Listener listener() {
        return listener;
    }

    public void connectionOpened() {
        open.incrementAndGet();
        opened.increment();
    }

    public void connectionClosed() {
        open.decrementAndGet();
        closed.increment();
    }

    public int openConnections() {
        return open.get();
    }

    /**
     * A stream starts; {@code context} names it in stall warnings (topic-partition and remote address).
     * Close the returned handle when the stream ends.
     */
    public Stream streamOpened(String context) {
        streams.incrementAndGet();
        return new Stream(stalls.register(listener.tag() + " " + context));
    }

    public int activeStreams() {
        return streams.get();
    }

    public long outstandingCredits() {
        return credits.get();
    }

    /** Streams waiting longer than the stall threshold now. */
    public int stalledStreams() {
        return stalls.stalled();
    }

    /** The stall watch of this listener's streams (the engine checks it on a schedule). */
    StallWatch stalls() {
        return stalls;
    }

    /** Removes this listener's meters. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }

    /** One stream of the listener. Threading: thread-safe, but meant to be driven by the stream's own thread. */
    public final class Stream implements AutoCloseable {
        private final StallWatch.Waiter waiter;
        private final AtomicLong ownCredits = new AtomicLong();
        private final AtomicBoolean closedOnce = new AtomicBoolean();

        private Stream(StallWatch.Waiter waiter) {
            this.waiter = waiter;
        }

        /** The credits this stream holds now (granted by its subscriber, not yet used). */
        public void credits(long outstanding) {
            if (closedOnce.get()) {
                return;
            }
            long before = ownCredits.getAndSet(outstanding);
            credits.addAndGet(outstanding - before);
        }

        /** The stream has something to send but may not: it waits on {@code reason}, e.g. {@code "credits"}. */
        public void waiting(String reason) {
            waiter.waiting(reason);
        }

        /** The stream may send again. */
        public void resumed() {
            waiter.resumed();
        }

        public boolean isWaiting() {
            return waiter.isWaiting();
        }

        /** The stream ended; its credits leave the listener's total. Idempotent. */
        @Override
        public void close() {
            if (closedOnce.compareAndSet(false, true)) {
                credits.addAndGet(-ownCredits.getAndSet(0));
                streams.decrementAndGet();
                waiter.close();
            }
        }
    }
}
