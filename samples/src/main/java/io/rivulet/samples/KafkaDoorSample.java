package io.rivulet.samples;

import io.rivulet.api.NewTopic;
import io.rivulet.engine.embedded.EmbeddedRivulet;
import io.rivulet.engine.kafka.KafkaListener;
import io.rivulet.engine.kafka.KafkaSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * An application that embeds Rivulet, opens its Kafka door, and talks to it with its own kafka-clients — a
 * different version from the one inside Rivulet's engine jar, which keeps its copy relocated out of the way.
 * Produces records with a stock {@code KafkaProducer} and reads them back with a {@code KafkaConsumer}.
 *
 * <pre>./mvnw -B -q -pl samples exec:exec -Dsample.main=io.rivulet.samples.KafkaDoorSample [-Dsample.args="DATA_DIR RECORDS"]</pre>
 */
public final class KafkaDoorSample {
    /** What a run did: the application's kafka-clients version and the records it wrote and read back. */
    public record Summary(String clientVersion, int produced, List<String> consumed) {
    }

    private KafkaDoorSample() {
    }

    public static void main(String[] args) throws Exception {
        boolean scratch = args.length == 0 || args[0].isBlank();
        Path dir = scratch ? Files.createTempDirectory("rivulet-kafka-door") : Path.of(args[0]);
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        try {
            run(dir, records, System.out);
        } finally {
            if (scratch) {
                try (var files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Embeds a node in {@code dir}, opens its Kafka door on a free port, writes and reads {@code records}. */
    public static Summary run(Path dir, int records, PrintStream out) throws Exception {
        // 16 MiB segments: a sample needs no 1 GiB files
        try (EmbeddedRivulet rivulet = EmbeddedRivulet.open(dir, Map.of("log.segment.bytes", String.valueOf(16 << 20)));
             KafkaListener door = KafkaListener.start(rivulet.engine(), rivulet.admin(), KafkaSettings.of("127.0.0.1", 0))) {
            rivulet.admin().createTopic(NewTopic.of("greetings").withPartitions(2)).block(Duration.ofSeconds(30));
            Properties props = new Properties();
            props.put("bootstrap.servers", "127.0.0.1:" + door.port());
            props.put("max.block.ms", "20000"); // a door that cannot answer fails the sample in seconds, not minutes
            out.printf("Rivulet's Kafka door on %s; this application's kafka-clients is %s%n", door.address(),
                    AppInfoParser.getVersion());

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                // the first round trip: metadata through the door, or a timeout that ends the sample
                out.printf("the door serves greetings with %d partitions%n", producer.partitionsFor("greetings").size());
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < records; i++) {
                    sent.add(producer.send(new ProducerRecord<>("greetings", i % 2, "k" + i, "hello " + i)));
                }
                for (Future<RecordMetadata> f : sent) {
                    f.get();
                }
            }
            out.printf("produced %d records%n", records);

            List<String> read = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> partitions = List.of(new TopicPartition("greetings", 0),
                        new TopicPartition("greetings", 1));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (read.size() < records && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        read.add(r.value());
                    }
                }
            }
            out.printf("consumed %d records%n", read.size());
            return new Summary(AppInfoParser.getVersion(), records, read);
        }
    }
}
