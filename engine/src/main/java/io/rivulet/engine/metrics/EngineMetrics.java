package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.embedded.EmbeddedEngines;
import io.rivulet.engine.partition.Partition;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The meters of one engine, and the registries they live in. Every engine has one, made when it opens
 * and closed with it ({@code engine.metrics()}).
 *
 * <p><b>Registries.</b> The engine's meters are registered in {@link #registry()}, a composite that
 * always holds the engine's own {@link PrometheusMeterRegistry}: {@link #scrape()} renders it as
 * Prometheus text for a node's {@code /metrics}. An application that embeds Rivulet and has its own
 * registry adds it with {@link #addRegistry}; from then on every {@code rivulet.*} meter, present and
 * future, is mirrored there (counts start when it is added), and closing the engine removes them again.
 * JVM and process meters ({@code jvm.*}, {@code process.*}, {@code system.*}) go to the Prometheus
 * registry only, so they never clash with the application's own JVM meters.
 * <pre>{@code
 * Rivulet rivulet = Rivulet.embedded(dir);
 * EngineMetrics.of(rivulet).addRegistry(myRegistry);   // the api module knows nothing of Micrometer
 * }</pre>
 *
 * <p><b>Cardinality.</b> Tags are bounded by what the node holds: {@code topic}, {@code partition}
 * (per-partition gauges only), {@code group} (live groups only), {@code listener} and {@code code}
 * (enums). Everything per topic, partition or group is removed when that thing goes away.
 *
 * <p>Threading: thread-safe.
 */
public final class EngineMetrics implements AutoCloseable {
    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry prometheus;
    private final CompositeMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final Map<String, TopicMeters> topics = new ConcurrentHashMap<>();
    private final Counter[] errors;
    private final GroupMetrics groups;
    private final Map<ListenerMetrics.Listener, ListenerMetrics> listeners =
            new EnumMap<>(ListenerMetrics.Listener.class);
    private final StallWatch producerStalls;
    private final Gauge producerStalled;
    private final Duration stallThreshold;
    private final LongSupplier nanoClock;
    private volatile boolean closed;

    /** Meters in a new Prometheus registry, with the default stall threshold. */
    public EngineMetrics() {
        this(StallWatch.DEFAULT_THRESHOLD, System::nanoTime);
    }

    /**
     * @param stallThreshold how long a stream or producer may wait before it counts as stalled
     * @param nanoClock      {@link System#nanoTime()}; a fake in tests
     */
    public EngineMetrics(Duration stallThreshold, LongSupplier nanoClock) {
        this.stallThreshold = stallThreshold;
        this.nanoClock = nanoClock;
        this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.registry = new CompositeMeterRegistry();
        registry.add(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        this.gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        ErrorCode[] codes = ErrorCode.values();
        this.errors = new Counter[codes.length];
        for (ErrorCode code : codes) {
            // all registered up front at 0, so rate() and alerts work before the first error
            errors[code.ordinal()] = Counter.builder("rivulet.errors").tag("code", code.name())
                    .description("Errors returned to callers, by the api's ErrorCode").register(registry);
        }
        this.groups = new GroupMetrics(registry);
        this.producerStalls = new StallWatch("producer", stallThreshold, StallWatch.DEFAULT_WARN_INTERVAL, nanoClock);
        this.producerStalled = Gauge.builder("rivulet.producer.stalled", producerStalls, StallWatch::stalled)
                .strongReference(true)
                .description("Producers waiting on their in-flight bound longer than the stall threshold")
                .register(registry);
    }

    /** The metrics of an embedded {@link Rivulet} (one from {@code Rivulet.embedded(...)}). */
    public static EngineMetrics of(Rivulet rivulet) {
        return EmbeddedEngines.engineOf(rivulet).metrics();
    }

    /**
     * Where the engine's meters are registered: read them back here. Mirror them into another registry
     * with {@link #addRegistry}, not by adding to this composite yourself: the hot-path meters keep their
     * own list of where to record, which only {@code addRegistry} updates.
     */
    public MeterRegistry registry() {
        return registry;
    }

    /** The engine's own Prometheus registry (engine meters plus JVM and process meters). */
    public PrometheusMeterRegistry prometheus() {
        return prometheus;
    }

    /** Every meter of the Prometheus registry as Prometheus text ({@link #PROMETHEUS_CONTENT_TYPE}). */
    public String scrape() {
        return prometheus.scrape();
    }

    /**
     * Mirrors every engine meter into {@code own} from now on: the ones that exist and the ones to come.
     * Closing the engine removes them from {@code own}; it does not close {@code own}. Add a registry to
     * one engine only: two engines would share, then remove, the same series.
     */
    public synchronized void addRegistry(MeterRegistry own) {
        registry.add(own);
        topics.values().forEach(t -> t.registriesChanged(registry));
    }

    /** Stops mirroring into {@code own} (the meters already there stay). */
    public synchronized void removeRegistry(MeterRegistry own) {
        registry.remove(own);
        topics.values().forEach(t -> t.registriesChanged(registry));
    }

    /** Counts one error returned to a caller; any layer that answers with an {@link ErrorCode} may call it. */
    public void errors(ErrorCode code) {
        errors[code.ordinal()].increment();
    }

    /** Registers the gauges of a partition that just opened; the partition closes them when it closes. */
    public synchronized PartitionMeters partitionOpened(Partition partition) {
        TopicMeters topic = topics.computeIfAbsent(partition.id().topic(), t -> new TopicMeters(registry, t));
        return new PartitionMeters(registry, this, topic, partition);
    }

    /** Removes a deleted topic's meters, and every group's lag gauges of it. */
    public synchronized void topicDeleted(String topic) {
        TopicMeters t = topics.remove(topic);
        if (t != null) {
            t.remove(registry);
        }
        groups.topicDeleted(topic);
    }

    /** Consumer-group meters, fed by the group coordinator. */
    public GroupMetrics groups() {
        return groups;
    }

    /** The meters of one network listener, made on first use. */
    public synchronized ListenerMetrics listener(ListenerMetrics.Listener listener) {
        return listeners.computeIfAbsent(listener, l -> new ListenerMetrics(registry, l,
                new StallWatch(l.tag() + " stream", stallThreshold, StallWatch.DEFAULT_WARN_INTERVAL, nanoClock)));
    }

    /**
     * Watches producers waiting on their in-flight bound: a producer registers once
     * ({@code producerStalls().register("producer to orders")}) and calls {@code waiting("max.in.flight.records")}
     * when it stops pulling records for want of room, {@code resumed()} when results free some.
     */
    public StallWatch producerStalls() {
        return producerStalls;
    }

    /** Writes the rate-limited WARN lines for streams and producers stalled longer than the threshold. */
    public void checkStalls() {
        if (closed) {
            return;
        }
        producerStalls.check();
        List<ListenerMetrics> all;
        synchronized (this) {
            all = List.copyOf(listeners.values());
        }
        all.forEach(l -> l.stalls().check());
    }

    /**
     * Removes every engine meter (from added registries too), unbinds the JVM meters and closes the
     * Prometheus registry. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            listeners.values().forEach(ListenerMetrics::close);
            listeners.clear();
        }
        groups.close();
        topics.values().forEach(t -> t.remove(registry));
        topics.clear();
        registry.remove(producerStalled);
        // whatever is left (partition gauges of partitions that failed to close, meters callers added)
        for (Meter m : List.copyOf(registry.getMeters())) {
            registry.remove(m);
        }
        gc.close();
        // a composite closes its children when it closes: detach them first, an application's registry is not ours
        for (MeterRegistry child : List.copyOf(registry.getRegistries())) {
            registry.remove(child);
        }
        prometheus.close();
        registry.close();
    }
}
