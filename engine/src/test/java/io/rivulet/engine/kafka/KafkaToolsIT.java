package io.rivulet.engine.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.api.TopicDescription;
import io.rivulet.engine.net.server.NativeServer;
import io.rivulet.engine.net.server.NativeSettings;
import io.rivulet.engine.testing.KafkaDoor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kafka's own command-line tools (kafka-tools {@code 4.4.0}, the classes behind {@code kafka-topics.sh},
 * {@code kafka-producer-perf-test.sh}, ...) against a node's Kafka door, each in a child JVM as an operator runs
 * them, unchanged.
 */
class KafkaToolsIT {
    private static final Duration PROCESS_LIMIT = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private KafkaDoor door;

    /** What a tool printed and returned. */
    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void open() {
        door = KafkaDoor.open(dir, Map.of("log.segment.bytes", Integer.toString(8 << 20), "log.preallocate", "false"));
    }

    @AfterEach
    void close() {
        door.close();
    }

    @Test
    void kafkaTopicsCreatesListsDescribesAndDeletes() {
        Run created = tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", door.bootstrap(), "--create",
                "--topic", "orders", "--partitions", "3", "--replication-factor", "1", "--config", "retention.ms=60000");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(List.of("Created topic orders."), created.lines());
        tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", door.bootstrap(), "--create", "--topic", "audit");

        Run listed = tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", door.bootstrap(), "--list");
        assertEquals(0, listed.exitCode(), listed.err());
        assertEquals(List.of("audit", "orders"), listed.lines());

        Run described = tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", door.bootstrap(), "--describe",
                "--topic", "orders");
        assertEquals(0, described.exitCode(), described.err());
        String head = described.lines().get(0);
        assertTrue(head.startsWith("Topic: orders\tTopicId: "), head);
        assertTrue(head.contains("PartitionCount: 3\tReplicationFactor: 1\tConfigs: "), head);
        // as with a Kafka broker, the tool lists every value that is not a built-in default: the topic's own
        // override and the node's settings (this node's segment.bytes and preallocate)
        List<String> configs = List.of(head.substring(head.indexOf("Configs: ") + 9).split(","));
        assertTrue(configs.contains("retention.ms=60000"), head);
        assertTrue(configs.contains("segment.bytes=8388608") && configs.contains("preallocate=false"), head);
        assertEquals(3, configs.size(), head);
        for (int p = 0; p < 3; p++) {
            String line = described.lines().get(1 + p).trim();
            assertTrue(line.startsWith("Topic: orders\tPartition: " + p + "\tLeader: 0\tReplicas: 0\tIsr: 0"), line);
        }
        TopicDescription flux = door.rivulet().admin().describeTopic("orders").block(WAIT);
        assertEquals(3, flux.partitionCount(), "the Flux api sees what kafka-topics made");
        assertEquals("60000", flux.configs().get("retention.ms"));

        Run again = tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", door.bootstrap(), "--create",
                "--topic", "orders", "--partitions", "1");
        assertEquals(1, again.exitCode());
        assertTrue(again.out().contains("already exists") || again.err().contains("already exists"), again.err());

        Run deleted = tool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", door.bootstrap(), "--delete",
                "--topic", "audit");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertEquals(List.of("orders"), door.rivulet().admin().listTopics().block(WAIT));
    }

    @Test
    void producerPerfTestSendsEveryRecord() {
        door.rivulet().admin().createTopic(io.rivulet.api.NewTopic.of("perf").withPartitions(2)).block(WAIT);
        int records = 20_000;
        Run perf = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", "perf", "--num-records",
                String.valueOf(records), "--record-size", "100", "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + door.bootstrap(), "acks=all");
        assertEquals(0, perf.exitCode(), perf.err());
        String summary = perf.lines().get(perf.lines().size() - 1);
        Matcher m = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec").matcher(summary);
        assertTrue(m.find(), summary);
        assertEquals(records, Integer.parseInt(m.group(1)), summary);
        System.out.println("kafka-producer-perf-test against the door: " + summary);
        TopicDescription d = door.rivulet().admin().describeTopic("perf").block(WAIT);
        assertEquals(records, d.partitions().stream().mapToLong(p -> p.endOffset()).sum(), "every record is stored");
    }

    /** Needs the classic consumer-group APIs (FindCoordinator, JoinGroup, SyncGroup, ...), which land separately. */
    @Test
    void consumerPerfTestReadsEveryRecord() {
        door.rivulet().admin().createTopic(io.rivulet.api.NewTopic.of("perf").withPartitions(2)).block(WAIT);
        Run produced = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", "perf", "--num-records", "20000",
                "--record-size", "100", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + door.bootstrap());
        assertEquals(0, produced.exitCode(), produced.err());
        Run consumed = tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", door.bootstrap(),
                "--topic", "perf", "--messages", "20000", "--timeout", "30000");
        assertEquals(0, consumed.exitCode(), consumed.err());
        // the header, then one line: start, end, MB, MB/sec, records, records/sec, ...
        String[] fields = consumed.lines().get(consumed.lines().size() - 1).split(",\\s*");
        assertEquals(20_000, Long.parseLong(fields[4].trim()), consumed.out());
        System.out.println("kafka-consumer-perf-test against the door: " + consumed.lines().get(consumed.lines().size() - 1));
    }

    /** Needs ListGroups and DescribeGroups (and the group APIs a consumer uses), which land separately. */
    @Test
    void kafkaConsumerGroupsListsAndDescribesAGroup() throws Exception {
        door.rivulet().admin().createTopic(io.rivulet.api.NewTopic.of("perf")).block(WAIT);
        Run produced = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", "perf", "--num-records", "100",
                "--record-size", "10", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + door.bootstrap());
        assertEquals(0, produced.exitCode(), produced.err());
        Run consumed = tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", door.bootstrap(),
                "--topic", "perf", "--messages", "100", "--group", "perf-readers", "--timeout", "30000");
        assertEquals(0, consumed.exitCode(), consumed.err());

        Run listed = tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
                door.bootstrap(), "--list");
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.lines().contains("perf-readers"), listed.out());

        Run described = tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
                door.bootstrap(), "--describe", "--group", "perf-readers");
        assertEquals(0, described.exitCode(), described.err());
        assertTrue(described.out().contains("perf-readers") && described.out().contains("perf"), described.out());

        Run reset = tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
                door.bootstrap(), "--reset-offsets", "--group", "perf-readers", "--topic", "perf", "--to-offset", "40",
                "--execute");
        assertEquals(0, reset.exitCode(), reset.err());
        assertEquals(60, door.rivulet().admin().describeGroup("perf-readers").block(WAIT).totalLag(),
                "moved back to offset 40 of 100: " + reset.out());
        assertBothToolsShowTheSameLag("perf-readers", "perf", 40, 100);

        Run deleted = tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
                door.bootstrap(), "--delete", "--group", "perf-readers");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertTrue(deleted.out().contains("perf-readers") && deleted.out().contains("successful"),
                deleted.out());
        List<String> left = door.rivulet().admin().listGroups().block(WAIT);
        assertTrue(left.isEmpty(), "gone for Rivulet too: " + left);
    }

    /**
     * {@code kafka-consumer-groups --describe} and {@code rivulet groups describe} print the same committed offset,
     * end offset and lag for partition 0 of {@code topic}: the same group state through either door.
     */
    private void assertBothToolsShowTheSameLag(String group, String topic, long committed, long end) throws Exception {
        Run kafka = tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
                door.bootstrap(), "--describe", "--group", group);
        assertEquals(0, kafka.exitCode(), kafka.err());
        List<String> row = kafka.lines().stream().map(String::trim).map(l -> List.of(l.split("\\s+")))
                .filter(cols -> cols.size() >= 6 && cols.get(1).equals(topic) && cols.get(2).equals("0"))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + topic + "-0 in\n" + kafka.out()));
        // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
        assertEquals(List.of(String.valueOf(committed), String.valueOf(end), String.valueOf(end - committed)),
                row.subList(3, 6), kafka.out());

        try (NativeServer server = NativeServer.start(door.rivulet().engine(), door.rivulet().admin(),
                NativeSettings.of("127.0.0.1", 0))) {
            Run rivulet = tool("io.rivulet.engine.cli.Main", "groups", "describe", group, "--format", "json",
                    "--bootstrap", "rivulet://127.0.0.1:" + server.port());
            assertEquals(0, rivulet.exitCode(), rivulet.err());
            JsonNode partition = null;
            for (JsonNode p : new ObjectMapper().readTree(rivulet.out()).get("partitions")) {
                if (p.get("topic").asText().equals(topic) && p.get("partition").asInt() == 0) {
                    partition = p;
                }
            }
            assertTrue(partition != null, rivulet.out());
            assertEquals(List.of(committed, end, end - committed), List.of(partition.get("committedOffset").asLong(),
                    partition.get("endOffset").asLong(), partition.get("lag").asLong()), rivulet.out());
        }
    }

    /** Runs {@code mainClass} of Kafka's tools in a child JVM on this test's classpath. */
    private Run tool(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process p = null;
        try {
            p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(mainClass + " " + String.join(" ", args) + " did not finish within " + PROCESS_LIMIT
                        + "; it printed: " + out.getNow("") + err.getNow(""));
            }
            return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("running " + mainClass + " failed", e);
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
