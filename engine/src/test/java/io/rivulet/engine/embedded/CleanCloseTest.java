package io.rivulet.engine.embedded;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Rivulet.close()} shuts every log down cleanly — the topics' partitions and the group offsets' internal
 * log alike: each is marked clean (so the next open skips recovery) and no file of the data directory stays mapped.
 */
class CleanCloseTest {
    @TempDir
    Path dir;

    @Test
    void closeMarksEveryLogCleanAndUnmapsEveryFile() throws Exception {
        Path data = dir.resolve("data");
        try (Rivulet rivulet = Rivulet.embedded(data)) {
            rivulet.admin().createTopic(NewTopic.of("a").withPartitions(3)).block();
            rivulet.admin().createTopic(NewTopic.of("b").withPartitions(2)).block();
            rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()))
                    .send(Flux.range(0, 500).map(i -> ProducerRecord.<String, String>of(i % 2 == 0 ? "a" : "b", "k" + i, "v" + i)))
                    .blockLast(Duration.ofSeconds(30));
            rivulet.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).groupId("g").topics("a")
                            .autoOffsetReset(OffsetReset.EARLIEST).build())
                    .receive().doOnNext(ConsumerRecord::acknowledge).take(250).blockLast(Duration.ofSeconds(30));
            assertFalse(mappedFilesUnder(data).isEmpty(), "the open engine maps its segments");
        }

        List<Path> logs = logDirectories(data);
        assertTrue(logs.size() >= 6, "five topic partitions and the group offsets' log: " + logs);
        assertTrue(logs.stream().anyMatch(p -> p.getFileName().toString().startsWith("__consumer_offsets")), logs.toString());
        for (Path log : logs) {
            assertTrue(Files.exists(log.resolve(".clean-shutdown")), log + " was closed cleanly");
        }
        assertEquals(List.of(), mappedFilesUnder(data), "nothing of the data directory stays mapped");

        try (Rivulet again = Rivulet.embedded(data)) {
            assertEquals(0, again.admin().describeGroup("g").block(Duration.ofSeconds(10)).totalLag(),
                    "the group's commits survived the close");
            for (Path log : logs) {
                assertFalse(Files.exists(log.resolve(".clean-shutdown")), "an open log is not marked clean: " + log);
            }
        }
    }

    /** Every directory under {@code data} that holds a segment file. */
    private static List<Path> logDirectories(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).map(Path::getParent).distinct()
                    .sorted().toList();
        }
    }

    /** The lines of this process's memory map that name a file under {@code dir}, once released mappings are gone. */
    private static List<String> mappedFilesUnder(Path dir) throws IOException {
        BackgroundResourceReleaser.releasePendingResources();
        String prefix = dir.toAbsolutePath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains(prefix)).toList();
    }
}
