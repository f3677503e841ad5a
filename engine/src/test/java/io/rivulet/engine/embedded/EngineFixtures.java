package io.rivulet.engine.embedded;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Small engines for tests: small segments and no preallocation, so a test writes megabytes, not gigabytes. */
final class EngineFixtures {
    static final Map<String, String> SMALL = Map.of(
            "log.segment.bytes", Integer.toString(1 << 20),
            "log.preallocate", "false");

    private EngineFixtures() {
    }

    static Rivulet open(Path dir) {
        return Rivulet.embedded().dataDir(dir).config(SMALL).open();
    }

    static Rivulet open(Path dir, Map<String, String> more) {
        return Rivulet.embedded().dataDir(dir).config(SMALL).config(more).open();
    }

    static ProducerOptions<String, String> strings() {
        return ProducerOptions.builder(Serdes.string(), Serdes.string()).linger(Duration.ofMillis(1)).build();
    }

    static ConsumerOptions<String, String> reader() {
        return ConsumerOptions.builder(Serdes.string(), Serdes.string()).build();
    }
}
