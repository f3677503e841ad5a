package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.NewTopic;
import io.rivulet.engine.embedded.EmbeddedRivulet;
import io.rivulet.engine.kafka.KafkaListener;
import io.rivulet.engine.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One log, two doors: what a Kafka client writes a browser reads over the WebSocket, and the other way round. */
class KafkaDoorWebSocketIT {
    @TempDir
    Path dir;
    HttpFixture fx;
    KafkaListener kafka;

    @BeforeEach
    void start() {
        fx = HttpFixture.start(dir);
        fx.rivulet.admin().createTopic(NewTopic.of("t").withPartitions(1)).block();
        kafka = KafkaListener.start(((EmbeddedRivulet) fx.rivulet).engine(), fx.rivulet.admin(),
                KafkaSettings.of("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        kafka.close();
        fx.close();
    }

    @Test
    void recordsFromAKafkaProducerStreamOverTheWebSocketWithTheirKeysValuesHeadersAndOffsets() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:" + kafka.port());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>("t", 0, 1_700_000_000_000L + i, "user-" + i, "page-" + i);
                r.headers().add("ua", ("agent-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        }
        try (TestSocket ws = TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=t&from=earliest"))) {
            for (int i = 0; i < 3; i++) {
                JsonNode f = ws.next();
                assertEquals(i, f.get("offset").asLong());
                assertEquals(1_700_000_000_000L + i, f.get("timestamp").asLong());
                assertEquals("user-" + i, f.get("key").asText());
                assertEquals("page-" + i, f.get("value").asText());
                assertEquals("ua", f.get("headers").get(0).get("key").asText());
                assertEquals("agent-" + i, f.get("headers").get(0).get("value").asText());
            }
        }
    }

    @Test
    void recordsPostedOverHttpReachAKafkaConsumerUnchanged() {
        HttpFixture.Response posted = fx.postJson("/topics/t/records",
                "[{\"key\":\"alice\",\"value\":\"1 book\",\"headers\":{\"source\":\"web\"},\"timestamp\":1700000000123},"
                        + "{\"key\":null,\"value\":\"2 pens\"}]");
        assertEquals(200, posted.status(), posted.body());
        assertKafkaConsumerReads("alice", "1 book", 1_700_000_000_123L, "web", "2 pens");
    }

    @Test
    void recordsSentOverTheProduceWebSocketReachAKafkaConsumerUnchanged() {
        try (TestSocket ws = TestSocket.connect(fx.client, fx.wsUri("/ws/produce?topic=t"))) {
            ws.send("{\"key\":\"bob\",\"value\":\"3 maps\",\"headers\":{\"source\":\"socket\"},\"timestamp\":1700000000456}");
            ws.send("{\"value\":\"4 pins\"}");
            List<JsonNode> answers = ws.next(2);
            assertEquals(0, answers.get(0).get("offset").asLong());
            assertEquals(1, answers.get(1).get("offset").asLong());
        }
        assertKafkaConsumerReads("bob", "3 maps", 1_700_000_000_456L, "socket", "4 pins");
    }

    /**
     * A Kafka consumer reads partition 0 of t as two records: offset 0 with the key, value, time and "source"
     * header given, then offset 1 with no key and {@code secondValue}.
     */
    private void assertKafkaConsumerReads(String key, String value, long timestamp, String source, String secondValue) {
        List<ConsumerRecord<String, String>> read = readWithAKafkaConsumer(2);
        assertEquals(2, read.size());
        assertEquals(0, read.get(0).offset());
        assertEquals(key, read.get(0).key());
        assertEquals(value, read.get(0).value());
        assertEquals(timestamp, read.get(0).timestamp());
        assertEquals(source, new String(read.get(0).headers().lastHeader("source").value(), StandardCharsets.UTF_8));
        assertEquals(1, read.get(1).offset());
        assertEquals(null, read.get(1).key());
        assertEquals(secondValue, read.get(1).value());
    }

    /** Partition 0 of topic t from the start, through the Kafka door, until {@code n} records or 30 s. */
    private List<ConsumerRecord<String, String>> readWithAKafkaConsumer(int n) {
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:" + kafka.port());
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("t", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < n && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }
}
