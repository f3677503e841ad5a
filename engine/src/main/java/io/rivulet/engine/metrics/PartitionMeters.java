package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.partition.Partition;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What a {@link Partition} and its readers record, with every meter looked up once when the partition
 * opens: the hot paths ({@link #appended}, {@link #read}, {@link #delivered}) only increment meters they
 * already hold, once per batch or per read, never per record, and allocate nothing.
 *
 * <p>The partition's gauges — log start and end offsets, high watermark, log size, parked readers — are
 * read at scrape time from the partition itself, and removed by {@link #close()} when the partition
 * closes (topic deleted, engine closing), so a deleted topic leaves no series behind.
 *
 * <p>Threading: thread-safe.
 */
public final class PartitionMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final EngineMetrics engine;
    private final DirectMeter<Counter> recordsIn;
    private final DirectMeter<Counter> bytesIn;
    private final DirectMeter<Timer> appendLatency;
    private final DirectMeter<Counter> recordsOut;
    private final DirectMeter<Counter> bytesOut;
    private final DirectMeter<Timer> readLatency;
    private final List<Meter> gauges;

    PartitionMeters(MeterRegistry registry, EngineMetrics engine, TopicMeters topic, Partition partition) {
        this.registry = registry;
        this.engine = engine;
        this.recordsIn = topic.recordsIn;
        this.bytesIn = topic.bytesIn;
        this.appendLatency = topic.appendLatency;
        this.recordsOut = topic.recordsOut;
        this.bytesOut = topic.bytesOut;
        this.readLatency = topic.readLatency;
        Tags tags = Tags.of("topic", partition.id().topic(), "partition", Integer.toString(partition.id().partition()));
        this.gauges = List.of(
                gauge("rivulet.log.start.offset", "The partition's first offset still in the log", null,
                        partition, tags, Partition::logStartOffset),
                gauge("rivulet.log.end.offset", "The offset the partition's next record gets", null,
                        partition, tags, Partition::logEndOffset),
                gauge("rivulet.high.watermark", "The offset below which records are committed and readable", null,
                        partition, tags, Partition::highWatermark),
                gauge("rivulet.log.size", "Bytes of the partition's segments", "bytes",
                        partition, tags, p -> p.log().sizeInBytes()),
                gauge("rivulet.readers.parked", "Readers caught up and parked on the partition's append signal", null,
                        partition, tags, p -> (double) p.parkedReaders()));
    }

    private Gauge gauge(String name, String description, String unit, Partition p, Tags tags,
                        ToDoubleFunction<Partition> value) {
        // A scrape may race the partition closing: report no value rather than read a closed log.
        ToDoubleFunction<Partition> guarded = x -> x.isClosed() ? Double.NaN : value.applyAsDouble(x);
        return Gauge.builder(name, p, guarded).tags(tags).description(description).baseUnit(unit)
                .strongReference(true).register(registry);
    }

    /** One batch of {@code records} records and {@code bytes} bytes was appended in {@code nanos}. */
    public void appended(int records, int bytes, long nanos) {
        for (Counter c : recordsIn.targets()) {
            c.increment(records);
        }
        for (Counter c : bytesIn.targets()) {
            c.increment(bytes);
        }
        for (Timer t : appendLatency.targets()) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A read of one slice took {@code nanos}. */
    public void read(long nanos) {
        for (Timer t : readLatency.targets()) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A reader delivered {@code records} records and read {@code bytes} bytes of batches since it last
     * reported; readers report once per drain, not per record.
     */
    public void delivered(long records, long bytes) {
        if (records > 0) {
            for (Counter c : recordsOut.targets()) {
                c.increment(records);
            }
        }
        if (bytes > 0) {
            for (Counter c : bytesOut.targets()) {
                c.increment(bytes);
            }
        }
    }

    /** An error a caller of this partition got. */
    public void error(ErrorCode code) {
        engine.errors(code);
    }

    /** Removes the partition's gauges (its topic's counters stay until the topic is deleted). Idempotent. */
    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }
}
