package io.rivulet.engine.replication;

import io.rivulet.api.Acks;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.testing.ClusterChecks;
import io.rivulet.engine.testing.TestCluster;
import io.rivulet.storage.batch.RecordBatch;
import io.rivulet.storage.log.LogConfig;
import io.rivulet.storage.log.LogSlice;
import io.rivulet.storage.log.PartitionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a three-node cluster does when nodes go: two of three down refuses {@code acks=all} and resumes when one
 * returns; a leader cut off (SIGSTOP) acknowledges nothing more, and rejoins as a follower with the same log; with
 * {@code unclean.leader.election.enable} a replica outside the ISR takes over, and the old leader cuts what only it
 * held.
 */
class ClusterFaultsIT {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    private TestCluster cluster;

    @org.junit.jupiter.api.AfterEach
    void saveLogs(org.junit.jupiter.api.TestInfo test) throws java.io.IOException {
        if (cluster != null) {
            cluster.saveLogs(Path.of("target", "cluster-logs", "ClusterFaultsIT-" + test.getTestMethod().orElseThrow().getName()));
        }
    }

    @Test
    void twoOfThreeDownRefusesAcksAllLosesNothingAndResumesWhenOneReturns() throws Exception {
        try (TestCluster cluster = started(TestCluster.start(dir, 3, TestCluster.FAST));
             Rivulet client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000"))) {
            createTopic(client);
            send(client, 0, 100, Duration.ofSeconds(30));
            int leader = partition(client).leader();
            int[] followers = IntStream.rangeClosed(1, 3).filter(n -> n != leader).toArray();
            cluster.kill(followers[0]);
            cluster.kill(followers[1]); // the metadata quorum goes too: the ISR cannot shrink, yet writes must not hang
            RivuletException refused = assertThrows(RivuletException.class,
                    () -> send(client, 100, 10, Duration.ofSeconds(6)));
            assertEquals(ErrorCode.NOT_ENOUGH_REPLICAS, refused.code(), refused.getMessage());

            cluster.restart(followers[0]);
            ClusterChecks.await("the ISR is the leader and the returned follower",
                    () -> partition(client).isr().size() == 2 && !partition(client).isr().contains(followers[1]));
            assertTrue(counter(cluster.metrics(leader), "rivulet_replication_isr_shrinks_total") >= 1,
                    "the ISR lost the follower that stayed down");
            ClusterChecks.await("the leader reports the partition under-replicated", () -> gauge(cluster, leader,
                    "rivulet_replication_under_replicated_partitions") >= 1);
            send(client, 200, 100, Duration.ofSeconds(30));

            List<Integer> values = read(client, 299);
            assertEquals(0, values.get(0));
            assertTrue(values.containsAll(IntStream.range(0, 100).boxed().toList()), "acknowledged before the faults");
            assertTrue(values.containsAll(IntStream.range(200, 300).boxed().toList()), "acknowledged after");
        }
    }

    @Test
    void aLeaderCutOffAcknowledgesNothingAndRejoinsWithTheSameLog() throws Exception {
        try (TestCluster cluster = started(TestCluster.start(dir, 3, TestCluster.FAST));
             Rivulet client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "3000"))) {
            createTopic(client);
            send(client, 0, 100, Duration.ofSeconds(30));
            int old = partition(client).leader();
            cluster.pause(old);
            try {
                send(client, 100, 100, Duration.ofSeconds(30)); // acknowledged by whoever leads next, not the paused node
                assertTrue(partition(client).leader() != old);
            } finally {
                cluster.resume(old);
            }
            ClusterChecks.await("the old leader rejoins the ISR", () -> partition(client).isr().size() == 3);
            int now = partition(client).leader();
            assertTrue(counter(cluster.metrics(now), "rivulet_replication_isr_expands_total") >= 1,
                    "the new leader took the old one back into its ISR");
            send(client, 200, 100, Duration.ofSeconds(30));
            long highWatermark = partition(client).endOffset();

            assertEquals(IntStream.range(0, 300).boxed().toList(), read(client, 299).subList(0, 300));
            for (int n = 1; n <= 3; n++) {
                cluster.stop(n);
            }
            byte[] first = logBytes(cluster.dataDir(1), highWatermark);
            for (int n = 2; n <= 3; n++) {
                assertArrayEquals(first, logBytes(cluster.dataDir(n), highWatermark),
                        "node " + n + "'s log differs from node 1's below the high watermark");
            }
        }
    }

    @Test
    void uncleanElectionLetsAReplicaOutsideTheIsrLeadAndTheOldLeaderCutsWhatOnlyItHeld() throws Exception {
        try (TestCluster cluster = started(TestCluster.start(dir, 3, TestCluster.FAST));
             Rivulet client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000"))) {
            client.admin().createTopic(NewTopic.of("orders").withPartitions(1).withReplicationFactor(2)
                    .withConfig("unclean.leader.election.enable", "true")).block(Duration.ofSeconds(30));
            ClusterChecks.await("both replicas in sync", () -> partition(client).isr().size() == 2);
            send(client, 0, 100, Duration.ofSeconds(30));
            int first = partition(client).leader();
            int second = partition(client).replicas().stream().filter(n -> n != first).findFirst().orElseThrow();

            cluster.kill(second);
            ClusterChecks.await("the ISR is the leader alone", () -> partition(client).isr().equals(List.of(first)));
            send(client, 100, 100, Duration.ofSeconds(30)); // acknowledged by the leader alone (min.insync.replicas 1)
            cluster.kill(first);
            cluster.restart(second);
            ClusterChecks.await("the replica outside the ISR leads", () -> partition(client).leader() == second);
            assertEquals(List.of(second), partition(client).isr());
            send(client, 200, 100, Duration.ofSeconds(30));

            cluster.restart(first);
            ClusterChecks.await("the old leader rejoins the ISR", () -> partition(client).isr().size() == 2);
            List<Integer> expected = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
            expected.addAll(IntStream.range(200, 300).boxed().toList());
            assertEquals(expected, read(client, 299), "100..199 were only on the old leader: lost, as unclean allows");
            long highWatermark = partition(client).endOffset();
            cluster.stop(first);
            cluster.stop(second);
            assertArrayEquals(logBytes(cluster.dataDir(second), highWatermark),
                    logBytes(cluster.dataDir(first), highWatermark), "the old leader cut its own 100..199");
        }
    }

    private TestCluster started(TestCluster c) {
        cluster = c;
        return c;
    }

    private static void createTopic(Rivulet client) throws InterruptedException {
        client.admin().createTopic(NewTopic.of("orders").withPartitions(1).withReplicationFactor(3)
                .withConfig("min.insync.replicas", "2")).block(Duration.ofSeconds(30));
        ClusterChecks.await("every replica in sync", () -> partition(client).isr().size() == 3);
    }

    /** Sends values {@code from..from+count-1} with acks=all; returns once all are acknowledged. */
    private static void send(Rivulet client, int from, int count, Duration deliveryTimeout) {
        try (Producer<String, String> producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                .acks(Acks.ALL).deliveryTimeout(deliveryTimeout).build())) {
            producer.send(Flux.range(from, count).map(i -> ProducerRecord.<String, String>of("orders", "k",
                    Integer.toString(i)))).blockLast(deliveryTimeout.plusSeconds(30));
        }
    }

    /** The values from the start of the log up to the first {@code last}. */
    private static List<Integer> read(Rivulet client, int last) {
        List<Integer> values = new ArrayList<>();
        var consumer = client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build());
        consumer.read(TP, StartAt.earliest()).map(r -> Integer.parseInt(r.value()))
                .doOnNext(values::add)
                .takeUntil(v -> v == last)
                .blockLast(Duration.ofSeconds(60));
        return values;
    }

    /** The stored batches of the node's replica below {@code highWatermark}, byte for byte. */
    private static byte[] logBytes(Path dataDir, long highWatermark) {
        try (PartitionLog log = PartitionLog.open(dataDir.resolve("topics").resolve("orders").resolve("0"),
                LogConfig.defaults().with("segment.bytes", 8 << 20));
             LogSlice slice = log.read(0, Integer.MAX_VALUE, highWatermark)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (var it = slice.batches(); it.hasNext(); ) {
                RecordBatch b = it.next();
                byte[] bytes = new byte[b.sizeInBytes()];
                slice.store().read(b.position(), bytes, 0, bytes.length);
                out.writeBytes(bytes);
            }
            assertTrue(out.size() > 0, "the log holds batches");
            return out.toByteArray();
        }
    }

    private static double gauge(TestCluster cluster, int node, String name) {
        try {
            return counter(cluster.metrics(node), name);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double counter(String scrape, String name) {
        Matcher m = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    private static PartitionDescription partition(Rivulet client) {
        return ClusterChecks.partition(client, "orders");
    }

}
