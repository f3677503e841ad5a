package io.rivulet.engine.cluster;

import io.rivulet.api.Acks;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.cli.Main;
import io.rivulet.engine.testing.ChildJvm;
import io.rivulet.engine.testing.ClusterChecks;
import io.rivulet.engine.testing.SelfSigned;
import io.rivulet.engine.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes in their own JVMs, every one started with the same self-signed certificate and a token: the
 * metadata quorum runs over mutual TLS, replication over TLS. An {@code acks=all} producer over TLS loses nothing
 * when the partition's leader is killed; a node with another certificate, or without TLS, is kept out and says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTlsIT {
    private static final String TOKEN = "cluster-tls-secret";
    private static final TopicPartition TP = new TopicPartition("payments", 0);

    @TempDir
    static Path dir;
    private SelfSigned certificate;
    private TestCluster cluster;
    private Rivulet client;

    @BeforeAll
    void start() throws Exception {
        certificate = SelfSigned.create(Files.createDirectories(dir.resolve("tls")));
        cluster = TestCluster.start(Files.createDirectories(dir.resolve("cluster")), 3, TestCluster.FAST, false, List.of(
                "--tls-cert", certificate.certificate().toString(), "--tls-key", certificate.privateKey().toString(),
                "--token", TOKEN));
        client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000",
                "ssl.truststore.certificates", certificate.certificate().toString(), "rivulet.token", TOKEN));
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.saveLogs(Path.of("target", "cluster-logs", "ClusterTlsIT"));
            cluster.close();
        }
    }

    @Test
    void killingTheLeaderOfATlsClusterLosesNoAcknowledgedRecord() throws Exception {
        for (int node = 1; node <= 3; node++) {
            assertTrue(cluster.log(node).contains("(TLS between nodes)"), cluster.log(node));
        }
        client.admin().createTopic(NewTopic.of("payments").withPartitions(1).withReplicationFactor(3)
                .withConfig("min.insync.replicas", "2")).block(Duration.ofSeconds(30));
        // the followers copy from the leader over TLS: without it they could not join the ISR
        ClusterChecks.await("every replica in sync", Duration.ofSeconds(30), () -> partition().isr().size() == 3);

        AtomicLong acked = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        var producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                .acks(Acks.ALL).linger(Duration.ofMillis(2)).deliveryTimeout(Duration.ofSeconds(60)).build());
        Flux<Integer> paced = Flux.range(0, Integer.MAX_VALUE)
                .concatMap(i -> i % 50 == 0 ? Mono.delay(Duration.ofMillis(10)).thenReturn(i) : Mono.just(i), 1);
        Disposable writing = producer.send(paced.map(i -> ProducerRecord.<String, String>of("payments", "k",
                Integer.toString(i)))).subscribe(m -> acked.incrementAndGet(), failed::set);
        try {
            for (int round = 1; round <= 2; round++) {
                long before = acked.get();
                ClusterChecks.await("writes flow before round " + round, Duration.ofSeconds(30),
                        () -> acked.get() >= before + 200);
                int leader = partition().leader();
                assertNotEquals(-1, leader);
                cluster.kill(leader);
                long atKill = acked.get();
                ClusterChecks.await("a new leader in round " + round, Duration.ofSeconds(30), () -> {
                    int now = leaderOrMinus();
                    return now > 0 && now != leader;
                });
                ClusterChecks.await("writes resume in round " + round, Duration.ofSeconds(30),
                        () -> acked.get() >= atKill + 200);
                cluster.restart(leader);
                ClusterChecks.await("node " + leader + " back in the ISR in round " + round, Duration.ofSeconds(60),
                        () -> partition().isr().size() == 3);
                assertNull(failed.get(), () -> "the producer failed: " + failed.get());
            }
        } catch (AssertionError e) {
            cluster.printLogs();
            throw e;
        } finally {
            writing.dispose();
        }
        assertNull(failed.get(), () -> "the producer failed: " + failed.get());
        long count = acked.get();
        List<Integer> values = new ArrayList<>();
        client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                .read(TP, StartAt.earliest())
                .map(r -> Integer.parseInt(r.value()))
                .takeUntil(v -> v >= count - 1)
                .doOnNext(values::add)
                .blockLast(Duration.ofSeconds(60));
        // every acknowledged record, once, in order (the producer is idempotent; unacknowledged tails may follow)
        for (int i = 0; i < count; i++) {
            assertEquals(i, values.get(i), "record at offset " + i);
        }
        System.out.printf("tls failover: 2 rounds, %d records acknowledged%n", count);
    }

    @Test
    void aNodeWhoseCertificateTheClusterDoesNotTrustIsKeptOutAndSaysWhy() throws Exception {
        SelfSigned stranger = SelfSigned.create(Files.createDirectories(dir.resolve("stranger-tls")));
        // it trusts the cluster, but the cluster does not trust it: mutual TLS keeps it out of the quorum
        ChildJvm.Result result = extraNode(4, "--tls-cert", stranger.certificate().toString(),
                "--tls-key", stranger.privateKey().toString(), "--tls-trust", certificate.certificate().toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("refused this node's certificate"), result.output());
        assertTrue(client.admin().describeCluster().block(Duration.ofSeconds(10)).nodes().stream()
                .noneMatch(n -> n.id() == 4), "the stranger registered");
    }

    @Test
    void aNodeThatDoesNotTrustTheClusterSaysWhy() throws Exception {
        SelfSigned other = SelfSigned.create(Files.createDirectories(dir.resolve("other-tls")));
        ChildJvm.Result result = extraNode(5, "--tls-cert", other.certificate().toString(),
                "--tls-key", other.privateKey().toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("does not trust the certificate of controller"), result.output());
    }

    @Test
    void aNodeWithoutTlsCannotJoinATlsClusterAndSaysWhy() throws Exception {
        ChildJvm.Result result = extraNode(6);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("speaks TLS, but this node was started without it"), result.output());
    }

    /** Runs a node that is not a controller against the cluster until it exits. */
    private ChildJvm.Result extraNode(int id, String... tlsArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("server", "--node-id", String.valueOf(id),
                "--cluster", cluster.voters(), "--data-dir", dir.resolve("node-" + id).toString(),
                "--native-port", "0", "--http-port", "-1", "--kafka-port", "0", "--token", TOKEN));
        args.addAll(List.of(tlsArgs));
        return ChildJvm.run(Main.class, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), 90,
                args.toArray(String[]::new));
    }

    private PartitionDescription partition() {
        return ClusterChecks.partition(client, "payments");
    }

    private int leaderOrMinus() {
        try {
            return partition().leader();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
