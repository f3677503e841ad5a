package io.rivulet.engine.kafka;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.Header;
import io.rivulet.api.Headers;
import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.testing.KafkaDoor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stock Kafka Java producer and consumer against a node's Kafka door, and the same records through the Flux api. */
class KafkaProducerConsumerTest {
    @TempDir
    Path dir;
    private KafkaDoor door;

    @BeforeEach
    void open() {
        door = KafkaDoor.open(dir, Map.of());
        door.rivulet().admin().createTopic(NewTopic.of("clicks").withPartitions(3)).block();
    }

    @AfterEach
    void close() {
        door.close();
    }

    @ParameterizedTest(name = "acks={0}")
    @ValueSource(strings = {"all", "1", "0"})
    void recordsSentByAKafkaProducerComeBackToAKafkaConsumer(String acks) throws Exception {
        int n = 500;
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        // acks=0 promises nothing once the producer goes: requests still queued on a closed connection may be
        // dropped, as with Kafka. So the records are read back while the producer is still open.
        List<RecordMetadata> sent = produce(n, Map.of("acks", acks), () -> read.addAll(consumeAll(n)));
        if (!acks.equals("0")) {
            for (int i = 0; i < n; i++) {
                assertEquals(i % 3, sent.get(i).partition());
                assertEquals(i / 3, sent.get(i).offset(), "offsets run 0.. per partition in send order");
            }
        }
        assertEquals(n, read.size());
        read.forEach(KafkaProducerConsumerTest::assertIsRecordOfItsKey);
    }

    @ParameterizedTest(name = "compression.type={0}")
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesAreStoredAsSentAndReadByBothKafkaConsumersAndTheFluxApi(String codec) throws Exception {
        produce(60, Map.of("compression.type", codec, "linger.ms", "50"), () -> { });
        List<ConsumerRecord<String, String>> read = consumeAll(60);
        assertEquals(60, read.size());
        for (ConsumerRecord<String, String> r : read) {
            int i = Integer.parseInt(r.key().substring(4));
            assertEquals(i / 3, r.offset());
            assertEquals("value-" + i, r.value());
        }
        var consumer = door.rivulet().consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build());
        List<io.rivulet.api.ConsumerRecord<String, String>> flux = consumer
                .read(new TopicPartition("clicks", 2), StartAt.earliest()).take(20).collectList()
                .block(Duration.ofSeconds(30));
        for (int j = 0; j < 20; j++) {
            assertEquals(j, flux.get(j).offset());
            assertEquals("value-" + (3 * j + 2), flux.get(j).value());
            assertEquals(List.of(Header.of("trace", ("h" + (3 * j + 2)).getBytes(StandardCharsets.UTF_8))),
                    flux.get(j).headers().asList());
        }
    }

    @Test
    void aKafkaConsumerFindsOffsetsByTimeAndTheEarliestAndLatestOffsets() throws Exception {
        produce(30, Map.of(), () -> { });
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(door.clientProperties(), new StringDeserializer(),
                new StringDeserializer())) {
            var tp = new org.apache.kafka.common.TopicPartition("clicks", 1);
            assertEquals(0L, consumer.beginningOffsets(List.of(tp)).get(tp));
            assertEquals(10L, consumer.endOffsets(List.of(tp)).get(tp));
            // partition 1 holds records 1, 4, 7, ... at offsets 0, 1, 2, ...; record 13 has timestamp base + 13
            var found = consumer.offsetsForTimes(Map.of(tp, 1_700_000_000_000L + 12)).get(tp);
            assertEquals(4, found.offset(), "the first record at or after the time");
            assertEquals(1_700_000_000_000L + 13, found.timestamp());
            assertEquals(null, consumer.offsetsForTimes(Map.of(tp, 1_800_000_000_000L)).get(tp), "nothing that new");
        }
    }

    @Test
    void recordsSentThroughTheKafkaDoorReadTheSameThroughTheFluxApi() throws Exception {
        produce(30, Map.of(), () -> { });
        var consumer = door.rivulet().consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build());
        List<io.rivulet.api.ConsumerRecord<String, String>> read = consumer
                .read(new TopicPartition("clicks", 1), StartAt.earliest()).take(10).collectList()
                .block(Duration.ofSeconds(30));
        assertEquals(10, read.size());
        for (int j = 0; j < 10; j++) {
            var r = read.get(j);
            int i = 3 * j + 1;
            assertEquals(j, r.offset());
            assertEquals("key-" + i, r.key());
            assertEquals("value-" + i, r.value());
            assertEquals(1_700_000_000_000L + i, r.timestamp());
            assertEquals(List.of(Header.of("trace", ("h" + i).getBytes(StandardCharsets.UTF_8))), r.headers().asList());
        }
    }

    @Test
    void aKafkaConsumerSeeksToAnOffsetInsideABatchAndReadsOnFromThere() throws Exception {
        produce(30, Map.of("linger.ms", "50"), () -> { });
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(door.clientProperties(), new StringDeserializer(),
                new StringDeserializer())) {
            var tp = new org.apache.kafka.common.TopicPartition("clicks", 1);
            consumer.assign(List.of(tp));
            consumer.seek(tp, 4);
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < 6 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            assertEquals(6, read.size(), "offsets 4..9 of partition 1");
            for (int j = 0; j < 6; j++) {
                assertEquals(4 + j, read.get(j).offset());
                assertEquals("key-" + (3 * (4 + j) + 1), read.get(j).key());
            }
            consumer.seek(tp, 8);
            ConsumerRecord<String, String> again = null;
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (again == null && System.nanoTime() < deadline) {
                var polled = consumer.poll(Duration.ofMillis(200));
                if (!polled.isEmpty()) {
                    again = polled.iterator().next();
                }
            }
            assertEquals(8, again.offset(), "a seek back reads the same offset again");
            assertEquals("value-25", again.value());
        }
    }

    @Test
    void recordsSentThroughTheFluxApiReadTheSameThroughAKafkaConsumer() {
        try (Producer<String, String> producer = door.rivulet().producer(
                ProducerOptions.builder(Serdes.string(), Serdes.string()).build())) {
            producer.send(Flux.range(0, 30).map(i -> io.rivulet.api.ProducerRecord
                    .<String, String>of("clicks", "key-" + i, "value-" + i).withPartition(i % 3)
                    .withTimestamp(1_700_000_000_000L + i)
                    .withHeaders(Headers.of(Header.of("trace", ("h" + i).getBytes(StandardCharsets.UTF_8))))))
                    .blockLast(Duration.ofSeconds(30));
        }
        List<ConsumerRecord<String, String>> read = consumeAll(30);
        assertEquals(30, read.size());
        read.forEach(KafkaProducerConsumerTest::assertIsRecordOfItsKey);
    }

    /** Record i (its key is key-i) went to partition i % 3 at offset i / 3, with its value, time and header. */
    private static void assertIsRecordOfItsKey(ConsumerRecord<String, String> r) {
        int i = Integer.parseInt(r.key().substring(4));
        assertEquals(i % 3, r.partition());
        assertEquals(i / 3, r.offset());
        assertEquals("value-" + i, r.value());
        assertEquals(1_700_000_000_000L + i, r.timestamp());
        assertArrayEquals(("h" + i).getBytes(StandardCharsets.UTF_8), r.headers().lastHeader("trace").value());
    }

    private List<RecordMetadata> produce(int n, Map<String, String> extra, Runnable beforeClose) throws Exception {
        Properties p = door.clientProperties();
        p.putAll(extra);
        List<RecordMetadata> out = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>("clicks", i % 3, 1_700_000_000_000L + i,
                        "key-" + i, "value-" + i);
                r.headers().add("trace", ("h" + i).getBytes(StandardCharsets.UTF_8));
                futures.add(producer.send(r));
            }
            producer.flush();
            for (Future<RecordMetadata> f : futures) {
                out.add(f.get());
            }
            beforeClose.run();
        }
        return out;
    }

    private List<ConsumerRecord<String, String>> consumeAll(int n) {
        Properties p = door.clientProperties();
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> parts = List.of(
                    new org.apache.kafka.common.TopicPartition("clicks", 0),
                    new org.apache.kafka.common.TopicPartition("clicks", 1),
                    new org.apache.kafka.common.TopicPartition("clicks", 2));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < n && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
