package io.rivulet.engine.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.testing.KafkaDoor;
import io.rivulet.storage.log.LogSlice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kcat (librdkafka's command-line client, a C client with its own protocol choices) against a node's Kafka door,
 * as a child process: produce with keys, consume with offsets, metadata, group consume and compressed produce.
 *
 * <p>Needs {@code /usr/bin/kcat} ({@code .ci/install-kcat.sh}, which CI runs); without it the test fails, unless
 * {@code -Drivulet.kcat.skip=true}.
 */
class KcatIT {
    private static final Path KCAT = Path.of("/usr/bin/kcat");
    private static final Duration PROCESS_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private KafkaDoor door;

    /** What a kcat run printed and returned. */
    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void open() {
        if (Boolean.getBoolean("rivulet.kcat.skip")) {
            Assumptions.abort("skipped: -Drivulet.kcat.skip=true");
        }
        if (!Files.isExecutable(KCAT)) {
            fail("the kcat test needs " + KCAT + ": run .ci/install-kcat.sh (or pass -Drivulet.kcat.skip=true to skip "
                    + "this test knowingly)");
        }
        door = KafkaDoor.open(dir, Map.of("log.segment.bytes", Integer.toString(1 << 20), "log.preallocate", "false"));
        door.rivulet().admin().createTopic(NewTopic.of("lines").withPartitions(2)).block(Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        if (door != null) {
            door.close();
        }
    }

    @Test
    void keyedRecordsProducedByKcatComeBackWithTheirOffsets() throws Exception {
        produce(List.of(), 0, 25);
        Run consumed = kcat("", "-C", "-t", "lines", "-p", "0", "-o", "beginning", "-e", "-f", "%o %k %s\n");
        assertEquals(0, consumed.exitCode(), consumed.err());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(i + " key-" + i + " value-" + i);
        }
        assertEquals(expected, consumed.lines());

        var flux = door.rivulet().consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                .read(new TopicPartition("lines", 0), StartAt.earliest()).take(25).collectList()
                .block(Duration.ofSeconds(30));
        assertEquals("key-24", flux.get(24).key(), "the Flux api reads what kcat wrote");
        assertEquals("value-24", flux.get(24).value());
    }

    @Test
    void recordsWrittenThroughTheFluxApiReadBackInKcat() {
        try (Producer<String, String> producer = door.rivulet().producer(
                ProducerOptions.builder(Serdes.string(), Serdes.string()).build())) {
            producer.send(Flux.range(0, 10).map(i -> ProducerRecord.<String, String>of("lines", "k" + i, "v" + i)
                    .withPartition(1))).blockLast(Duration.ofSeconds(30));
        }
        Run consumed = kcat("", "-C", "-t", "lines", "-p", "1", "-o", "5", "-e", "-f", "%p:%o %k=%s\n");
        assertEquals(0, consumed.exitCode(), consumed.err());
        assertEquals(List.of("1:5 k5=v5", "1:6 k6=v6", "1:7 k7=v7", "1:8 k8=v8", "1:9 k9=v9"), consumed.lines());
    }

    @Test
    void metadataListsTheNodeAndEveryPartition() throws Exception {
        Run plain = kcat("", "-L", "-t", "lines");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("broker 0 at 127.0.0.1:" + door.listener().port()), plain.out());
        assertTrue(plain.out().contains("topic \"lines\" with 2 partitions"), plain.out());

        Run json = kcat("", "-L", "-J");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode m = new ObjectMapper().readTree(json.out());
        assertEquals(0, m.get("brokers").get(0).get("id").asInt());
        assertEquals(door.bootstrap(), m.get("brokers").get(0).get("name").asText());
        JsonNode topic = m.get("topics").get(0);
        assertEquals("lines", topic.get("topic").asText());
        assertEquals(2, topic.get("partitions").size());
        assertEquals(0, topic.get("partitions").get(1).get("leader").asInt());
    }

    /** Needs the classic consumer-group APIs (FindCoordinator, JoinGroup, SyncGroup, ...), which land separately. */
    @Test
    void aGroupConsumerReadsEveryPartition() throws Exception {
        produce(List.of(), 0, 10);
        produce(List.of(), 1, 10);
        Run group = kcat("", "-G", "kcat-group", "-o", "beginning", "-c", "20", "-f", "%p %k\n", "lines");
        assertEquals(0, group.exitCode(), group.err());
        assertEquals(20, group.lines().size(), group.out());
        assertEquals(10, group.lines().stream().filter(l -> l.startsWith("1 ")).count(), group.out());
    }

    /**
     * Needs compressed batches in the storage log, which land separately; the door passes them through as stored.
     * lz4 needs the group APIs too: librdkafka 2.0.2 takes FindCoordinator in ApiVersions as the sign that a broker
     * reads lz4, and without it sends the batch uncompressed ("Broker does not support compression type lz4").
     */
    @ParameterizedTest(name = "-z {0}")
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesFromKcatReadBackDecompressed(String codec) throws Exception {
        // long, repetitive values: librdkafka sends a batch uncompressed when compressing does not make it smaller
        String padding = "-" + "abc".repeat(100);
        produce(List.of("-z", codec), 1, 50, padding);
        Run consumed = kcat("", "-C", "-t", "lines", "-p", "1", "-o", "beginning", "-e", "-f", "%o %s\n");
        assertEquals(0, consumed.exitCode(), consumed.err());
        assertEquals(50, consumed.lines().size(), consumed.out());
        assertEquals("49 value-49" + padding, consumed.lines().get(49));
        try (LogSlice slice = door.rivulet().engine().topics().get("lines").partition(1).read(0, 1 << 20)) {
            byte[] stored = slice.toByteArray();
            // attributes: the int16 at byte 21 of the batch header; its low three bits name the codec
            assertTrue((stored[22] & 0x07) != 0, "the first batch is stored compressed, as kcat sent it");
        }
    }

    /** Produces {@code key-i:value-i} for i in 0..n-1 to {@code partition} with -K, waiting for every ack. */
    private void produce(List<String> extra, int partition, int n) {
        produce(extra, partition, n, "");
    }

    /** As {@link #produce(List, int, int)}, each value ending in {@code padding}. */
    private void produce(List<String> extra, int partition, int n, String padding) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < n; i++) {
            in.append("key-").append(i).append(':').append("value-").append(i).append(padding).append('\n');
        }
        List<String> args = new ArrayList<>(List.of("-P", "-t", "lines", "-p", String.valueOf(partition), "-K", ":",
                "-X", "acks=all"));
        args.addAll(extra);
        Run produced = kcat(in.toString(), args.toArray(String[]::new));
        assertEquals(0, produced.exitCode(), "kcat -P failed: " + produced.err());
        // kcat exits 0 even when a delivery failed, printing the reason on stderr
        assertTrue(!produced.err().contains("Delivery failed") && !produced.err().contains("ERROR"), produced.err());
    }

    /** Runs kcat against the door, feeding it {@code stdin}; a run longer than 30 s is killed and fails. */
    private Run kcat(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(KCAT.toString(), "-b", door.bootstrap()));
        command.addAll(List.of(args));
        Process p = null;
        try {
            p = new ProcessBuilder(command).start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + PROCESS_LIMIT + "; it printed: "
                        + out.getNow("") + err.getNow(""));
            }
            return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("running " + String.join(" ", command) + " failed", e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }
}
