package io.rivulet.engine.cli;

import io.rivulet.api.Acks;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.testing.ClusterChecks;
import io.rivulet.engine.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four nodes in their own JVMs, a topic with three replicas and an {@code acks=all} producer running: the
 * partition is reassigned onto the fourth node and off its leader (through {@code Admin}), then one of its
 * replicas' nodes is drained (through {@code rivulet cluster drain --wait}); every acknowledged record must
 * still be there, and the cluster description must show the moves. Along the way each node's data directory
 * must hold exactly the partitions it replicates, a topic created after the drain must avoid the drained
 * node, and a topic with two replicas must take records through every node and give them all back.
 */
class ClusterScaleIT {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    @Test
    void reassigningAndDrainingWhileWritingLosesNoAcknowledgedRecord() throws Exception {
        long started = System.nanoTime();
        try (TestCluster cluster = TestCluster.start(dir, 4, TestCluster.FAST);
             Rivulet client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000"))) {
            client.admin().createTopic(NewTopic.of("orders").withPartitions(1).withReplicationFactor(3)
                    .withConfig("min.insync.replicas", "2")).block(Duration.ofSeconds(30));
            ClusterChecks.await("every replica in sync", Duration.ofSeconds(30), () -> partition(client).isr().size() == 3);
            client.admin().createTopic(NewTopic.of("spread").withPartitions(4).withReplicationFactor(2))
                    .block(Duration.ofSeconds(30));
            awaitFilesOnlyOnReplicas(cluster, client, "orders");
            awaitFilesOnlyOnReplicas(cluster, client, "spread");
            PartitionDescription placed = partition(client);
            int leader = placed.leader();
            int newcomer = IntStream.rangeClosed(1, 4).filter(n -> !placed.replicas().contains(n)).findFirst().orElseThrow();

            AtomicLong acked = new AtomicLong();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            var producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.ALL).linger(Duration.ofMillis(2)).deliveryTimeout(Duration.ofSeconds(60)).build());
            Flux<Integer> paced = Flux.range(0, Integer.MAX_VALUE)
                    .concatMap(i -> i % 50 == 0 ? Mono.delay(Duration.ofMillis(10)).thenReturn(i) : Mono.just(i), 1);
            Disposable writing = producer.send(paced
                            .map(i -> ProducerRecord.<String, String>of("orders", "k", Integer.toString(i))))
                    .subscribe(m -> acked.incrementAndGet(), failed::set);
            try {
                ClusterChecks.await("writes flow", Duration.ofSeconds(30), () -> acked.get() >= 500);

                // 1. Admin: move onto the newcomer and off the leader, which must hand over
                List<Integer> target = new ArrayList<>(placed.replicas());
                target.remove(Integer.valueOf(leader));
                target.add(newcomer);
                // counts include the cluster's own __consumer_offsets replicas: compare with before
                int leaderHeld = node(client, leader).replicaCount();
                int newcomerHeld = node(client, newcomer).replicaCount();
                client.admin().reassignPartition(TP, target).block(Duration.ofSeconds(30));
                ClusterChecks.await("the replicas to become " + target, Duration.ofSeconds(30),
                        () -> partition(client).replicas().equals(target));
                PartitionDescription moved = partition(client);
                assertTrue(target.contains(moved.leader()), "a target replica leads: " + moved);
                assertEquals(leaderHeld - 1, node(client, leader).replicaCount(), "the old leader gave its copy up");
                assertEquals(newcomerHeld + 1, node(client, newcomer).replicaCount(), "the newcomer holds the partition");
                assertTrue(moved.isr().contains(newcomer), "the newcomer caught up: " + moved);
                awaitFilesOnlyOnReplicas(cluster, client, "orders"); // the old leader's files are gone
                long afterMove = acked.get();
                ClusterChecks.await("writes flow after the move", Duration.ofSeconds(30), () -> acked.get() >= afterMove + 500);

                // 2. CLI: drain a node of the new replica set; its copy goes to the only node without one
                int drained = target.get(0);
                int moving = node(client, drained).replicaCount();
                CliRunner.Result drain = CliRunner.run("", "cluster", "drain", Integer.toString(drained), "--wait",
                        "--timeout-ms", "30000", "--bootstrap", cluster.bootstrap());
                assertEquals(0, drain.exitCode(), drain.err());
                assertEquals(List.of("draining node " + drained + ": moving its " + moving + " replica" + (moving == 1 ? "" : "s"),
                        "node " + drained + " holds no replica; it can be stopped"), drain.outLines());
                PartitionDescription drainedTo = partition(client);
                assertFalse(drainedTo.replicas().contains(drained), drainedTo.toString());
                assertEquals(3, drainedTo.replicas().size(), drainedTo.toString());
                assertTrue(node(client, drained).draining(), "described as draining");
                awaitFilesOnlyOnReplicas(cluster, client, "orders");

                // 3. a topic created after the drain goes to the three other nodes only
                client.admin().createTopic(NewTopic.of("after-drain").withPartitions(4).withReplicationFactor(3))
                        .block(Duration.ofSeconds(30));
                TopicDescription created = client.admin().describeTopic("after-drain").block(Duration.ofSeconds(10));
                created.partitions().forEach(p -> assertFalse(p.replicas().contains(drained),
                        "a new topic avoids draining node " + drained + ": " + p));
                awaitFilesOnlyOnReplicas(cluster, client, "after-drain");

                CliRunner.Result describe = CliRunner.run("", "cluster", "describe", "--bootstrap", cluster.bootstrap());
                assertEquals(0, describe.exitCode(), describe.err());
                System.out.println(describe.out());
                ClusterDescription cluster1 = client.admin().describeCluster().block(Duration.ofSeconds(10));
                assertEquals(4, cluster1.liveNodes().size(), "a drained node stays registered: " + cluster1);
                assertTrue(cluster1.reassigningPartitions().isEmpty(), cluster1.toString());
                long afterDrain = acked.get();
                ClusterChecks.await("writes flow after the drain", Duration.ofSeconds(30), () -> acked.get() >= afterDrain + 500);
                assertNull(failed.get(), () -> "the producer failed: " + failed.get());
            } catch (AssertionError | RuntimeException e) {
                cluster.saveLogs(Path.of("target", "cluster-logs", "ClusterScaleIT"));
                throw e;
            } finally {
                writing.dispose();
            }
            long count = acked.get();
            // without an idempotent producer a retried batch may land after later ones: check presence, not order
            Set<Integer> missing = ConcurrentHashMap.newKeySet();
            IntStream.range(0, (int) count).forEach(missing::add);
            client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                    .read(TP, StartAt.earliest())
                    .doOnNext(r -> missing.remove(Integer.parseInt(r.value())))
                    .takeUntil(r -> missing.isEmpty())
                    .take(Duration.ofSeconds(30))
                    .blockLast(Duration.ofSeconds(60));
            try {
                produceThroughEveryNodeAndReadAll(cluster);
            } finally {
                cluster.saveLogs(Path.of("target", "cluster-logs", "ClusterScaleIT"));
            }
            assertTrue(missing.isEmpty(), () -> missing.size() + " acknowledged records are missing, e.g. "
                    + missing.stream().sorted().limit(5).toList());
            System.out.printf("scale: %d records acknowledged, %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Records sent to "spread" through each node in turn (a client bootstrapped from that node alone, so it
     * must be routed to the leaders, which are not all on it) all come back, from every partition.
     */
    private static void produceThroughEveryNodeAndReadAll(TestCluster cluster) {
        int perNode = 20;
        for (int n = 1; n <= cluster.size(); n++) {
            try (Rivulet via = Rivulet.connect(cluster.bootstrap(n), Map.of("request.timeout.ms", "5000"))) {
                var producer = via.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                        .acks(Acks.ALL).deliveryTimeout(Duration.ofSeconds(30)).build());
                int node = n;
                producer.send(Flux.range(0, perNode).map(i -> ProducerRecord.<String, String>of("spread",
                        "key-" + node + "-" + i, node + "/" + i))).blockLast(Duration.ofSeconds(30));
            }
        }
        Set<String> read = ConcurrentHashMap.newKeySet();
        try (Rivulet reader = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000"))) {
            var consumer = reader.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build());
            Set<Integer> used = ConcurrentHashMap.newKeySet();
            Flux.range(0, 4).flatMap(p -> consumer.read(new TopicPartition("spread", p), StartAt.earliest())
                            .doOnNext(r -> used.add(p)))
                    .doOnNext(r -> read.add(r.value()))
                    .takeUntil(r -> read.size() == perNode * cluster.size())
                    .take(Duration.ofSeconds(30))
                    .blockLast(Duration.ofSeconds(60));
            assertEquals(perNode * cluster.size(), read.size(), "every record sent through every node: " + read);
            assertTrue(used.size() > 1, "the keys spread over partitions: " + used);
        }
        httpThroughEveryNode(cluster, perNode);
    }

    /**
     * The HTTP door of every node takes records for any partition and reads any partition back: a cluster node's
     * HTTP requests are routed to the partitions' leaders, wherever they are.
     */
    private static void httpThroughEveryNode(TestCluster cluster, int perNode) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try {
            for (int n = 1; n <= cluster.size(); n++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < perNode; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"key\":\"http-").append(n).append('-').append(i)
                            .append("\",\"value\":\"http:").append(n).append('/').append(i).append("\"}");
                }
                var posted = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                + cluster.httpPort(n) + "/topics/spread/records"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, posted.statusCode(), "POST through node " + n + ": " + posted.body());
            }
            Set<String> values = new TreeSet<>();
            for (int p = 0; p < 4; p++) {
                int node = 1 + p % cluster.size(); // each partition read through some node, most not its leader
                var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                + cluster.httpPort(node) + "/topics/spread/partitions/" + p + "/records?limit=1000"))
                        .timeout(Duration.ofSeconds(30)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), "GET partition " + p + " through node " + node + ": " + page.body());
                for (var record : Json.mapper().readTree(page.body()).get("records")) {
                    if (record.get("value").asText().startsWith("http:")) {
                        values.add(record.get("value").asText());
                    }
                }
            }
            assertEquals(perNode * cluster.size(), values.size(), "every record posted through every node: " + values);
            for (int n = 1; n <= cluster.size(); n++) {
                try (Rivulet via = Rivulet.connect(cluster.bootstrap(n), Map.of("request.timeout.ms", "5000"))) {
                    TopicDescription d = via.admin().describeTopic("spread").block(Duration.ofSeconds(10));
                    assertEquals(2L * perNode * cluster.size(),
                            d.partitions().stream().mapToLong(PartitionDescription::endOffset).sum(),
                            "every partition's end offset, from its leader, whichever node is asked: " + d);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until each node's data directory holds exactly the partitions of {@code topic} it replicates. */
    private static void awaitFilesOnlyOnReplicas(TestCluster cluster, Rivulet client, String topic)
            throws InterruptedException {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            ClusterChecks.await(topic + "'s files on exactly its replicas", Duration.ofSeconds(30), () -> {
                TopicDescription d = client.admin().describeTopic(topic).block(Duration.ofSeconds(10));
                StringBuilder mismatch = new StringBuilder();
                for (int n = 1; n <= cluster.size(); n++) {
                    int node = n;
                    Set<Integer> replicated = new TreeSet<>();
                    d.partitions().stream().filter(p -> p.replicas().contains(node))
                            .forEach(p -> replicated.add(p.partition()));
                    Set<Integer> onDisk = partitionDirs(cluster.dataDir(n).resolve("topics").resolve(topic));
                    if (!replicated.equals(onDisk)) {
                        mismatch.append(" node ").append(n).append(" replicates ").append(replicated)
                                .append(" but holds ").append(onDisk);
                    }
                }
                last.set(mismatch.toString());
                return mismatch.length() == 0;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ":" + last.get(), e);
        }
    }

    private static Set<Integer> partitionDirs(Path topicDir) {
        if (!Files.isDirectory(topicDir)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(topicDir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit)).map(Integer::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PartitionDescription partition(Rivulet client) {
        return ClusterChecks.partition(client, "orders");
    }

    private static NodeDescription node(Rivulet client, int id) {
        return client.admin().describeCluster().block(Duration.ofSeconds(10)).nodes().stream()
                .filter(n -> n.id() == id).findFirst().orElseThrow();
    }

}
