package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.List;

/**
 * The meters of one topic, shared by its partitions: records and bytes in and out, append and read
 * latency. Tagged by {@code topic} only, so a topic with many partitions costs one set of series (the
 * append histogram alone is a few dozen buckets, the read histogram ten). Registered when the topic's first partition opens,
 * removed when the topic is deleted or the engine closes. All are on hot paths, hence {@link DirectMeter}.
 *
 * <p>Threading: updates from any thread; {@link #registriesChanged} and {@link #remove} serialized by
 * {@link EngineMetrics}.
 */
final class TopicMeters {
    /** Appends take microseconds: the histogram's buckets cover 10 µs to 1 s (79 of them), to keep them few. */
    private static final Duration APPEND_MIN = Duration.ofNanos(10_000);
    private static final Duration APPEND_MAX = Duration.ofSeconds(1);
    /**
     * A read is a hot-tail index lookup (microseconds) or a sealed segment mapped back in (milliseconds): ten
     * buckets tell the two apart and show a slow disk, at an eighth of the append histogram's series.
     */
    private static final Duration[] READ_BUCKETS = {
            Duration.ofNanos(10_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofSeconds(1)};

    final DirectMeter<Counter> recordsIn;
    final DirectMeter<Counter> bytesIn;
    final DirectMeter<Timer> appendLatency;
    final DirectMeter<Counter> recordsOut;
    final DirectMeter<Counter> bytesOut;
    final DirectMeter<Timer> readLatency;
    private final List<DirectMeter<?>> all;

    TopicMeters(CompositeMeterRegistry registry, String topic) {
        Tags tags = Tags.of("topic", topic);
        recordsIn = counter(registry, Counter.builder("rivulet.records.in").tags(tags)
                .description("Records appended to the topic's partitions"));
        bytesIn = counter(registry, Counter.builder("rivulet.bytes.in").tags(tags)
                .description("Bytes of record batches appended to the topic's partitions"));
        appendLatency = timer(registry, Timer.builder("rivulet.append.latency").tags(tags)
                .description("Time to append one batch to a partition's log (copy, index, wake readers)")
                .publishPercentileHistogram()
                .minimumExpectedValue(APPEND_MIN)
                .maximumExpectedValue(APPEND_MAX));
        recordsOut = counter(registry, Counter.builder("rivulet.records.out").tags(tags)
                .description("Records delivered to partition subscribers"));
        bytesOut = counter(registry, Counter.builder("rivulet.bytes.out").tags(tags)
                .description("Bytes of record batches read from the log for partition subscribers"));
        readLatency = timer(registry, Timer.builder("rivulet.read.latency").tags(tags)
                .description("Time to find and map one slice of the log for a reader")
                .serviceLevelObjectives(READ_BUCKETS));
        all = List.of(recordsIn, bytesIn, appendLatency, recordsOut, bytesOut, readLatency);
    }

    private static DirectMeter<Counter> counter(CompositeMeterRegistry registry, Counter.Builder builder) {
        return new DirectMeter<>(builder.register(registry), Counter.class, registry);
    }

    private static DirectMeter<Timer> timer(CompositeMeterRegistry registry, Timer.Builder builder) {
        return new DirectMeter<>(builder.register(registry), Timer.class, registry);
    }

    /** The registries behind the composite changed: find the children again. */
    void registriesChanged(CompositeMeterRegistry registry) {
        all.forEach(m -> m.refresh(registry));
    }

    void remove(MeterRegistry registry) {
        for (DirectMeter<?> m : all) {
            Meter composite = m.composite();
            registry.remove(composite);
        }
    }
}
