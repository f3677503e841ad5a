package io.rivulet.engine.kafka;

import io.rivulet.api.NewTopic;
import io.rivulet.engine.embedded.EmbeddedRivulet;
import io.rivulet.engine.testing.SelfSigned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secured node's Kafka door: TLS (Kafka's {@code SSL}) and SASL/PLAIN with the node's token as the password,
 * so stock clients connect with {@code security.protocol=SASL_SSL}; a wrong token is refused, and a request
 * before authenticating closes the connection.
 */
class KafkaSecurityTest {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;
    private EmbeddedRivulet rivulet;
    private KafkaListener door;
    private SelfSigned cert;

    @BeforeEach
    void open() throws Exception {
        cert = SelfSigned.create(Files.createDirectories(dir.resolve("tls")));
        rivulet = EmbeddedRivulet.open(dir.resolve("data"), Map.of());
        rivulet.admin().createTopic(NewTopic.of("t").withPartitions(1)).block();
        door = KafkaListener.start(rivulet.engine(), rivulet.admin(),
                KafkaSettings.of("127.0.0.1", 0).secured(cert.serverContext(), TOKEN));
    }

    @AfterEach
    void close() {
        door.close();
        rivulet.close();
    }

    @Test
    void aClientWithTheTokenOverSaslSslProducesAndConsumes() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client(TOKEN), new StringSerializer(),
                new StringSerializer())) {
            assertEquals(0, producer.send(new ProducerRecord<>("t", "k", "secret")).get().offset());
        }
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(TOKEN), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("t", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertEquals("secret", read.get(0).value());
    }

    @Test
    void aWrongTokenIsRefusedWithAnAuthenticationError() throws Exception {
        Properties p = client("not-the-token");
        p.put("max.block.ms", "20000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("t", "k", "v")).get());
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("wrong token"), e.getCause().getMessage());
        }
        assertEquals(0, rivulet.engine().topics().find("t").partition(0).logEndOffset());
    }

    @Test
    void aRequestBeforeAuthenticatingClosesTheConnection() throws Exception {
        javax.net.ssl.SSLContext tls = cert.clientContext();
        try (var socket = tls.getSocketFactory().createSocket("127.0.0.1", door.port());
             var c = new RawKafkaClient(socket)) {
            int id = c.send(ApiKeys.API_VERSIONS, (short) 3, new ApiVersionsRequestData()
                    .setClientSoftwareName("raw").setClientSoftwareVersion("1"));
            c.receive(ApiKeys.API_VERSIONS, (short) 3, id); // allowed before authenticating
            c.send(ApiKeys.METADATA, (short) 12, new MetadataRequestData().setTopics(null));
            assertTrue(c.closedByServer());
        }
    }

    private Properties client(String password) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", "localhost:" + door.port());
        p.put("security.protocol", "SASL_SSL");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.certificates", Files.readString(cert.certificate()));
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"app\" password=\"" + password + "\";");
        return p;
    }
}
