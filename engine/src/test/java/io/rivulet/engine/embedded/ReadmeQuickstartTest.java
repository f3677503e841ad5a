package io.rivulet.engine.embedded;

import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java example at the top of the README, as written there (with a data directory of the test's own and a
 * {@code show} that remembers what it saw): it must run to its end, show every record and leave the group with
 * all of them committed. Change the README and this together.
 */
class ReadmeQuickstartTest {
    @TempDir
    Path dir;

    private final Set<String> shown = ConcurrentHashMap.newKeySet();

    @Test
    void theReadmeExampleConsumesEveryRecordAndCommitsThem() {
        try (Rivulet rivulet = Rivulet.embedded(dir.resolve("data"))) {
            rivulet.admin().createTopic(NewTopic.of("clicks").withPartitions(6)).block();

            Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
            producer.send(Flux.range(0, 1000).map(i -> ProducerRecord.of("clicks", "user-" + i % 10, "page-" + i)))
                    .blockLast();

            Consumer<String, String> consumer = rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                    .groupId("dashboard").topics("clicks").autoOffsetReset(OffsetReset.EARLIEST).build());
            consumer.receive()
                    .flatMap(record -> show(record).thenReturn(record), 64)
                    .doOnNext(ConsumerRecord::acknowledge)
                    .take(1000)
                    .blockLast(Duration.ofSeconds(60));

            assertEquals(1000, shown.size(), "every record shown once");
        }
        try (Rivulet again = Rivulet.embedded(dir.resolve("data"))) {
            assertEquals(0, again.admin().describeGroup("dashboard").block(Duration.ofSeconds(10)).totalLag(),
                    "leaving the group, then closing, committed every acknowledged record");
        }
    }

    private Mono<Void> show(ConsumerRecord<String, String> record) {
        return Mono.fromRunnable(() -> shown.add(record.value()));
    }
}
