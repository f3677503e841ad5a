package io.rivulet.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application with its own kafka-clients (4.1.1, older than the engine's 4.4.0) embeds Rivulet's Kafka door.
 * An IT because it must run against the packaged engine jar, where the engine's kafka-clients is relocated: the
 * reactor hands this module that jar only from the package phase on.
 */
class KafkaDoorSampleIT {

    @Test
    @Timeout(180)
    void anApplicationWithItsOwnKafkaClientsTalksToTheEmbeddedDoor(@TempDir Path dir) throws Exception {
        String jar = KafkaProducer.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(jar.endsWith("kafka-clients-4.1.1.jar"), "the application's KafkaProducer comes from " + jar);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KafkaDoorSample.Summary s = KafkaDoorSample.run(dir, 500, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertEquals("4.1.1", s.clientVersion(), out);
        assertEquals(500, s.consumed().size(), out);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            expected.add("hello " + i);
        }
        assertEquals(expected, new HashSet<>(s.consumed()));
        assertTrue(out.contains("kafka-clients is 4.1.1"), out);
    }
}
