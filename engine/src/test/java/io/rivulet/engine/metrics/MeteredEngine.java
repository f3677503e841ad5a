package io.rivulet.engine.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.embedded.EmbeddedEngines;
import io.rivulet.engine.lifecycle.Engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** An embedded engine with small segments, and short ways to read its meters. */
final class MeteredEngine implements AutoCloseable {
    final Rivulet rivulet;
    final Engine engine;
    final EngineMetrics metrics;

    private MeteredEngine(Rivulet rivulet) {
        this.rivulet = rivulet;
        this.engine = EmbeddedEngines.engineOf(rivulet);
        this.metrics = EngineMetrics.of(rivulet);
    }

    static MeteredEngine open(Path dir) {
        return open(dir, Map.of());
    }

    static MeteredEngine open(Path dir, Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of("log.segment.bytes", Integer.toString(1 << 20),
                "log.preallocate", "false"));
        config.putAll(more);
        return new MeteredEngine(Rivulet.embedded().dataDir(dir).config(config).open());
    }

    static ProducerOptions<String, String> strings() {
        return ProducerOptions.builder(Serdes.string(), Serdes.string()).linger(Duration.ofMillis(1)).build();
    }

    RequiredSearch get(String name, String... tags) {
        return metrics.registry().get(name).tags(tags);
    }

    double counter(String name, String... tags) {
        return get(name, tags).counter().count();
    }

    double gauge(String name, String... tags) {
        return get(name, tags).gauge().value();
    }

    /** Meters of the engine's registry that carry {@code tag=value}. */
    List<Meter> metersTagged(String tag, String value) {
        return metrics.registry().getMeters().stream().filter(m -> value.equals(m.getId().getTag(tag))).toList();
    }

    /** Meters are fed on the engine's threads, after the caller already has its answer: poll briefly. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Override
    public void close() {
        rivulet.close();
    }
}
