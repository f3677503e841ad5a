package io.rivulet.engine.embedded;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.StorageFullException;
import io.rivulet.storage.TmpfsMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full disk refuses writes with a clear error, keeps serving reads, and recovers when space returns. */
class FullDiskTest {
    private static final TopicPartition TP = new TopicPartition("full", 0);
    private static final Map<String, String> SMALL = Map.of(
            "log.segment.bytes", Integer.toString(1 << 20),
            "log.index.size.max.bytes", Integer.toString(64 * 1024),
            "message.max.bytes", Integer.toString(64 * 1024));

    @TempDir
    Path tmp;

    @Test
    void aFullDiskRefusesProducesKeepsReadsAndRecovers() throws Exception {
        try (TmpfsMount fs = TmpfsMount.of(tmp.resolve("fs"), 12 << 20)) {
            Path filler = fs.fill("filler", 6 << 20);
            Path data = fs.dir().resolve("data");
            String value = "v".repeat(1000);
            long acknowledged = 0;
            try (Rivulet r = Rivulet.embedded().dataDir(data).config(SMALL).open()) {
                r.admin().createTopic(NewTopic.of("full")).block();
                Producer<String, String> p = r.producer(EngineFixtures.strings());
                StorageFullException full = null;
                while (full == null && acknowledged < 100_000) {
                    try {
                        p.send(ProducerRecord.of("full", value)).block(Duration.ofSeconds(10));
                        acknowledged++;
                    } catch (StorageFullException e) {
                        full = e;
                    }
                }
                assertNotNull(full, "the file system filled up");
                assertTrue(full.getMessage().contains("no space left") && full.getMessage().contains("full-0"),
                        full.getMessage());
                long n = acknowledged;
                assertEquals(n, r.consumer(EngineFixtures.reader()).read(TP, StartAt.earliest()).take(n)
                        .count().block(Duration.ofSeconds(20)), "every acknowledged record still reads");

                Files.delete(filler); // space returns
                List<Long> offsets = r.producer(EngineFixtures.strings())
                        .send(reactor.core.publisher.Flux.range(0, 100).map(i -> ProducerRecord.of("full", value)))
                        .map(m -> m.offset()).collectList().block(Duration.ofSeconds(10));
                assertEquals(n, offsets.get(0), "writes resume at the end, nothing lost or skipped");
                acknowledged += 100;
            }
            try (Rivulet r = Rivulet.embedded().dataDir(data).config(SMALL).open()) {
                assertEquals(acknowledged, r.admin().describeTopic("full").block().partitions().get(0).endOffset());
            }
        }
    }
}
