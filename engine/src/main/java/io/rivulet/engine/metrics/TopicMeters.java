package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;

/**
 * The meters of one topic, shared by its partitions: records and bytes in and out, append and read
 * latency. Tagged by {@code topic} only, so a topic with many partitions costs one set of series (the
 * append histogram alone is a few dozen buckets). Registered when the topic's first partition opens,
 * removed when the topic is deleted or the engine closes.
 *
 * <p>Threading: thread-safe (Micrometer meters are).
 */
final class TopicMeters {
    /** Appends take microseconds; the histogram's buckets cover 10 µs to 10 s and no more, to keep them few. */
    private static final Duration APPEND_MIN = Duration.ofNanos(10_000);
    private static final Duration APPEND_MAX = Duration.ofSeconds(10);

    final Counter recordsIn;
    final Counter bytesIn;
    final Timer appendLatency;
    final Counter recordsOut;
    final Counter bytesOut;
    final Timer readLatency;
    private final List<Meter> meters;

    TopicMeters(MeterRegistry registry, String topic) {
        Tags tags = Tags.of("topic", topic);
        recordsIn = Counter.builder("rivulet.records.in").tags(tags)
                .description("Records appended to the topic's partitions").register(registry);
        bytesIn = Counter.builder("rivulet.bytes.in").tags(tags)
                .description("Bytes of record batches appended to the topic's partitions").register(registry);
        appendLatency = Timer.builder("rivulet.append.latency").tags(tags)
                .description("Time to append one batch to a partition's log (copy into the mapping, index, wake readers)")
                .publishPercentileHistogram()
                .minimumExpectedValue(APPEND_MIN)
                .maximumExpectedValue(APPEND_MAX)
                .register(registry);
        recordsOut = Counter.builder("rivulet.records.out").tags(tags)
                .description("Records delivered to partition subscribers").register(registry);
        bytesOut = Counter.builder("rivulet.bytes.out").tags(tags)
                .description("Bytes of record batches read from the log for partition subscribers").register(registry);
        readLatency = Timer.builder("rivulet.read.latency").tags(tags)
                .description("Time to find and map one slice of the log for a reader").register(registry);
        meters = List.of(recordsIn, bytesIn, appendLatency, recordsOut, bytesOut, readLatency);
    }

    void remove(MeterRegistry registry) {
        meters.forEach(registry::remove);
    }
}
