package io.rivulet.engine.replication;

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
import io.rivulet.engine.testing.ClusterChecks;
import io.rivulet.engine.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes in their own JVMs, a topic with three replicas and {@code min.insync.replicas=2}, an
 * {@code acks=all} producer running: the partition's leader is killed with SIGKILL, round after round, and
 * every acknowledged record must still be there, in order, once: the producer is idempotent, so a batch sent
 * again after a failover is answered as a duplicate, not appended twice.
 */
class ClusterFailoverIT {
    private static final int ROUNDS = Integer.getInteger("rivulet.failover.rounds", 10);
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderLosesNoAcknowledgedRecord() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, TestCluster.FAST);
             Rivulet client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "5000"))) {
            createOrders(client);

            AtomicLong acked = new AtomicLong();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            var producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.ALL).linger(Duration.ofMillis(2)).deliveryTimeout(Duration.ofSeconds(60)).build());
            // about 5000 records a second: enough to be mid-write at every kill, little enough to read back
            Flux<Integer> paced = Flux.range(0, Integer.MAX_VALUE)
                    .concatMap(i -> i % 50 == 0 ? Mono.delay(Duration.ofMillis(10)).thenReturn(i) : Mono.just(i), 1);
            Disposable writing = producer.send(paced
                            .map(i -> ProducerRecord.<String, String>of("orders", "k", Integer.toString(i))))
                    .subscribe(m -> acked.incrementAndGet(), failed::set);
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    System.out.printf("round %d: %d acknowledged%n", round, acked.get());
                    long before = acked.get();
                    ClusterChecks.await("writes flow before round " + round, Duration.ofSeconds(30), () -> acked.get() >= before + 200);
                    int leader = leader(client);
                    cluster.kill(leader);
                    long atKill = acked.get();
                    ClusterChecks.await("a new leader in round " + round, Duration.ofSeconds(30), () -> {
                        int now = leaderOrMinus(client);
                        return now > 0 && now != leader;
                    });
                    ClusterChecks.await("writes resume in round " + round, Duration.ofSeconds(30), () -> acked.get() >= atKill + 200);
                    cluster.restart(leader);
                    ClusterChecks.await("the restarted node back in the ISR in round " + round, Duration.ofSeconds(60),
                            () -> isr(client).size() == 3);
                    assertNull(failed.get(), () -> "the producer failed: " + failed.get());
                }
            } catch (AssertionError e) {
                cluster.printLogs();
                System.out.println("acknowledged " + acked.get() + ", producer error " + failed.get());
                throw e;
            } finally {
                writing.dispose();
            }
            assertNull(failed.get(), () -> "the producer failed: " + failed.get());
            long count = acked.get();

            List<Integer> values = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            var consumer = client.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build());
            consumer.read(TP, StartAt.earliest())
                    .doOnNext(r -> offsets.add(r.offset()))
                    .map(r -> Integer.parseInt(r.value()))
                    .takeUntil(v -> v >= count - 1)
                    .doOnNext(values::add)
                    .blockLast(Duration.ofSeconds(60));
            int next = 0;
            int duplicates = 0;
            cluster.saveLogs(Path.of("target", "cluster-logs", "ClusterFailoverIT"));
            for (int i = 0; i < values.size(); i++) {
                int v = values.get(i);
                if (v == next) {
                    next++;
                } else {
                    int at = i;
                    int expected = next;
                    assertTrue(v < next, () -> "record " + expected + " is missing: at offset " + offsets.get(at)
                            + " came " + v + "; log described as " + partition(client));
                    duplicates++; // a batch appended twice: what idempotence must prevent
                }
            }
            assertTrue(next >= count, "acknowledged " + count + " records but the log holds the first " + next);
            System.out.printf("failover: %d rounds, %d records acknowledged, %d duplicates%n", ROUNDS, count, duplicates);
            assertEquals(0, duplicates, "records appended more than once; log described as " + partition(client));
        }
    }

    /**
     * The failover probe's load (benchmarks/cluster-perf.sh): one record per batch, one batch every 2 ms. After a
     * kill the producer's batches in flight fail together and are sent again; they must reach the new leader in
     * sequence order, or most are refused as out of order and retried again, and the leader took about one batch
     * per retry round while the producer made dozens — the backlog then grew until the delivery timeout.
     */
    @Test
    void aSteadyStreamOfSmallBatchesCatchesUpAfterEachFailover() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, TestCluster.FAST);
             Rivulet client = Rivulet.connect(cluster.bootstrap(), Map.of("request.timeout.ms", "3000"))) {
            createOrders(client);

            AtomicLong made = new AtomicLong();
            AtomicLong acked = new AtomicLong();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            var producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                    .acks(Acks.ALL).linger(Duration.ZERO).deliveryTimeout(Duration.ofSeconds(60)).build());
            Disposable writing = producer.send(Flux.interval(Duration.ofMillis(2)).onBackpressureBuffer(100_000)
                            .map(i -> ProducerRecord.<String, String>of("orders", "k", Long.toString(made.getAndIncrement()))))
                    .subscribe(m -> acked.incrementAndGet(), failed::set);
            try {
                for (int round = 1; round <= 3; round++) {
                    long before = acked.get();
                    ClusterChecks.await("writes flow before round " + round, Duration.ofSeconds(30), () -> acked.get() >= before + 500);
                    int leader = leader(client);
                    cluster.kill(leader);
                    // 500 records a second arrive all along: caught up means within a second's worth of them
                    ClusterChecks.await("the producer catches up after the kill in round " + round, Duration.ofSeconds(20),
                            () -> failed.get() != null || acked.get() >= made.get() - 500 && leaderOrMinus(client) != leader);
                    assertNull(failed.get(), () -> "the producer failed: " + failed.get());
                    cluster.restart(leader);
                    ClusterChecks.await("the restarted node back in the ISR in round " + round, Duration.ofSeconds(60),
                            () -> isr(client).size() == 3);
                }
            } catch (AssertionError e) {
                cluster.printLogs();
                System.out.println("made " + made.get() + ", acknowledged " + acked.get() + ", producer error " + failed.get());
                throw e;
            } finally {
                writing.dispose();
            }
        }
    }

    /** The topic both tests write: one partition on all three nodes, two of them in sync for acks=all. */
    private static void createOrders(Rivulet client) throws InterruptedException {
        client.admin().createTopic(NewTopic.of("orders").withPartitions(1).withReplicationFactor(3)
                .withConfig("min.insync.replicas", "2")).block(Duration.ofSeconds(30));
        ClusterChecks.await("every replica in sync", Duration.ofSeconds(30), () -> isr(client).size() == 3);
    }

    private static List<Integer> isr(Rivulet client) {
        return partition(client).isr();
    }

    private static int leader(Rivulet client) {
        int l = partition(client).leader();
        assertNotEquals(-1, l, "the partition has a leader");
        return l;
    }

    private static int leaderOrMinus(Rivulet client) {
        try {
            return partition(client).leader();
        } catch (RuntimeException e) {
            return -1; // the node asked may be the one just killed
        }
    }

    private static PartitionDescription partition(Rivulet client) {
        return ClusterChecks.partition(client, "orders");
    }

}
