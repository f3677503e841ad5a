package io.rivulet.engine.embedded;

import io.rivulet.engine.consume.GroupConsumer;
import io.rivulet.engine.metrics.StallWatch;
import io.rivulet.engine.produce.BatchProducer;
import io.rivulet.engine.produce.InFlightWatch;
import io.rivulet.api.Admin;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.engine.lifecycle.Engine;

import java.util.Objects;

/**
 * The api served in this process by an {@link Engine} it owns. Public for what serves the same engine to
 * others (the network listeners of {@code rivulet server}); applications use {@code Rivulet.embedded(...)}.
 */
public final class EmbeddedRivulet implements Rivulet {
    private final Engine engine;
    private static final java.util.concurrent.atomic.AtomicInteger PRODUCERS = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Admin admin;
    private final LocalConsumerBackend consumers;

    /** Opens an engine on {@code dataDir}; see {@code RivuletProvider.embedded}. */
    public static EmbeddedRivulet open(java.nio.file.Path dataDir, java.util.Map<String, String> config) {
        return new EmbeddedRivulet(Engine.open(dataDir, config));
    }

    EmbeddedRivulet(Engine engine) {
        this.engine = engine;
        this.admin = new EmbeddedAdmin(engine);
        this.consumers = new LocalConsumerBackend(engine);
    }

    /**
     * Serves topic administration from {@code clusterAdmin} instead of this node alone: a cluster node's
     * listeners then create and delete topics through the cluster metadata.
     */
    public void useAdmin(Admin clusterAdmin) {
        this.admin = java.util.Objects.requireNonNull(clusterAdmin);
    }

    /** The engine behind this handle. */
    public Engine engine() {
        return engine;
    }

    @Override
    public Admin admin() {
        ensureOpen();
        return admin;
    }

    @Override
    public <K, V> Producer<K, V> producer(ProducerOptions<K, V> options) {
        ensureOpen();
        String name = "producer " + options.clientId().orElse("#" + PRODUCERS.incrementAndGet());
        BatchProducer<K, V> p = new BatchProducer<>(engine.topics(), Objects.requireNonNull(options, "options"),
                engine.appendScheduler(), engine.sendScheduler(), engine::forget,
                () -> inFlightWatch(engine.metrics().producerStalls().register(name)));
        engine.closeBeforeLogs(p);
        return p;
    }

    @Override
    public <K, V> Consumer<K, V> consumer(ConsumerOptions<K, V> options) {
        ensureOpen();
        GroupConsumer<K, V> c = new GroupConsumer<>(consumers, Objects.requireNonNull(options, "options"));
        engine.closeBeforeLogs(c);
        return c;
    }

    /** Shows a send held back by max.in.flight.records in the engine's stall gauge and log line. */
    private static InFlightWatch inFlightWatch(StallWatch.Waiter waiter) {
        return new InFlightWatch() {
            @Override
            public void full() {
                waiter.waiting("max.in.flight.records");
            }

            @Override
            public void freed() {
                waiter.resumed();
            }

            @Override
            public void close() {
                waiter.close();
            }
        };
    }

    private void ensureOpen() {
        if (engine.isClosed()) {
            throw new RivuletClosedException("this Rivulet");
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "Rivulet[embedded " + engine.dataDir() + "]";
    }
}
