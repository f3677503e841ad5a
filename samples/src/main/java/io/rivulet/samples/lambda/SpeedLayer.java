package io.rivulet.samples.lambda;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The speed layer: clicks per page from a batch view's offsets onward, in real time. It tails every
 * partition from the offset the batch stopped at, so together they cover each record exactly once.
 *
 * <p>Threading: partitions are read in parallel; the counts and positions change under this object's
 * lock, so a {@link #snapshot()} is always a consistent pair.
 */
public final class SpeedLayer implements AutoCloseable {
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<Integer, Long> positions;
    private final Consumer<String, String> consumer;
    private final Disposable running;

    /** Starts reading {@code topic} at {@code from} (partition → first offset to count). */
    public SpeedLayer(Rivulet rivulet, String topic, Map<Integer, Long> from) {
        this.positions = new TreeMap<>(from);
        this.consumer = rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build());
        this.running = Flux.fromIterable(from.entrySet())
                .flatMap(e -> consumer.read(new TopicPartition(topic, e.getKey()), StartAt.offset(e.getValue())),
                        Math.max(1, from.size()))
                .subscribe(r -> count(r.partition(), r.offset(), BatchLayer.page(r)));
    }

    private synchronized void count(int partition, long offset, String page) {
        counts.merge(page, 1L, Long::sum);
        positions.put(partition, offset + 1);
    }

    /** The counts so far and, per partition, the offset they cover up to (exclusive). */
    public synchronized Delta snapshot() {
        return new Delta(Map.copyOf(counts), Map.copyOf(positions));
    }

    /** Stops reading. */
    @Override
    public void close() {
        running.dispose();
        consumer.close();
    }

    /**
     * The speed layer's part of an answer.
     *
     * @param counts    clicks per page since the batch's offsets
     * @param positions per partition, the offset the counts cover up to (exclusive)
     */
    public record Delta(Map<String, Long> counts, Map<Integer, Long> positions) {
    }
}
