package io.rivulet.samples.lambda;

import io.rivulet.api.Rivulet;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serving layer: answers "clicks per page" by adding the speed layer's delta to the latest batch
 * view. Each answer says which prefix of the log it covers (per partition, an end offset), so it can be
 * checked: a full recomputation of that prefix gives the same totals, at any moment.
 *
 * <p>When a new batch view arrives ({@link #install}), a new speed layer starts at its offsets and the
 * old one is dropped: its delta is now inside the batch. The new speed layer re-reads the few records
 * since those offsets from the log, so for a moment answers cover a little less, never anything twice.
 *
 * <p>Threading: thread-safe; {@link #install} and {@link #close} may block briefly (closing a reader).
 */
public final class ServingView implements AutoCloseable {
    private final Rivulet rivulet;
    private final String topic;
    private volatile Layers layers;

    /** Serves {@code topic} from {@code batch} and a speed layer from its offsets. */
    public ServingView(Rivulet rivulet, String topic, BatchView batch) {
        this.rivulet = rivulet;
        this.topic = topic;
        this.layers = new Layers(batch, new SpeedLayer(rivulet, topic, batch.covered()));
    }

    /** Swaps in a newer batch view and a speed layer that starts where it stops. */
    public synchronized void install(BatchView batch) {
        Layers old = layers;
        layers = new Layers(batch, new SpeedLayer(rivulet, topic, batch.covered()));
        old.speed().close();
    }

    /** The merged answer now. */
    public Answer query() {
        Layers l = layers;
        SpeedLayer.Delta delta = l.speed().snapshot();
        Map<String, Long> totals = new TreeMap<>(l.batch().totals());
        delta.counts().forEach((page, n) -> totals.merge(page, n, Long::sum));
        return new Answer(totals, delta.positions(), l.batch().covered());
    }

    /** Waits until an answer covers {@code ends} (partition → end offset). */
    public Answer awaitCovering(Map<Integer, Long> ends, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Answer answer = query();
            if (ends.entrySet().stream().allMatch(e -> answer.positions().getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the speed layer did not reach " + ends + " within " + timeout
                        + ": it is at " + answer.positions());
            }
            Thread.sleep(10);
        }
    }

    /** Stops the speed layer. */
    @Override
    public synchronized void close() {
        layers.speed().close();
    }

    private record Layers(BatchView batch, SpeedLayer speed) {
    }

    /**
     * A merged answer.
     *
     * @param totals       clicks per page
     * @param positions    per partition, the end offset (exclusive) of the log prefix the totals cover
     * @param batchCovered per partition, where the batch part stops and the speed part starts
     */
    public record Answer(Map<String, Long> totals, Map<Integer, Long> positions, Map<Integer, Long> batchCovered) {
        /** Copies the maps. */
        public Answer {
            totals = Map.copyOf(new HashMap<>(totals));
            positions = Map.copyOf(positions);
            batchCovered = Map.copyOf(batchCovered);
        }

        /** How many records the answer covers. */
        public long records() {
            return totals.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
