package io.rivulet.engine.group;

import io.rivulet.api.Acks;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.OffsetReset;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.cluster.OffsetsTopic;
import io.rivulet.engine.testing.ClusterChecks;
import io.rivulet.engine.testing.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer group in a three-node cluster outlives the node of its coordinator (the leader of
 * {@code __consumer_offsets-0}), killed with SIGKILL: the running member rejoins the new coordinator and goes on
 * from its committed offsets, every node describes the same lag, and a new member of the group that can reach
 * only the survivors starts where the group left off.
 */
class ClusterGroupFailoverIT {
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final Map<String, String> CLIENT = Map.of("request.timeout.ms", "5000");

    @TempDir
    Path dir;

    private TestCluster cluster;

    @AfterEach
    void saveLogs(TestInfo test) throws IOException {
        if (cluster != null) {
            cluster.saveLogs(Path.of("target", "cluster-logs", "ClusterGroupFailoverIT-"
                    + test.getTestMethod().orElseThrow().getName()));
        }
    }

    @Test
    void aGroupContinuesFromItsCommittedOffsetsAfterTheCoordinatorsNodeIsKilled() throws Exception {
        try (TestCluster c = TestCluster.start(dir, 3, TestCluster.FAST);
             Rivulet client = Rivulet.connect(c.bootstrap(), CLIENT)) {
            cluster = c;
            client.admin().createTopic(NewTopic.of(TOPIC).withPartitions(1).withReplicationFactor(3)
                    .withConfig("min.insync.replicas", "2")).block(Duration.ofSeconds(30));
            ClusterChecks.await("every replica of orders and of the offsets topic in sync",
                    () -> ClusterChecks.partition(client, TOPIC).isr().size() == 3 && ClusterChecks.partition(client, OffsetsTopic.NAME).isr().size() == 3);
            send(client, 0, 100);

            // one member reads and commits the first half, and keeps running across the kill
            ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
            Consumer<String, String> member = client.consumer(options());
            Disposable running = member.receive()
                    .doOnNext(r -> {
                        seen.add(Integer.parseInt(r.value()));
                        r.acknowledge();
                    })
                    .subscribe();
            try {
                ClusterChecks.await("the first half consumed", () -> seen.size() >= 100);
                member.commit().block(Duration.ofSeconds(10));
                for (int n = 1; n <= 3; n++) {
                    assertEquals(100, committed(c.bootstrap(n)), "node " + n + " describes the committed offset");
                }
                int coordinator = ClusterChecks.partition(client, OffsetsTopic.NAME).leader();
                long killedAt = System.nanoTime();
                c.kill(coordinator);
                int[] survivors = IntStream.rangeClosed(1, 3).filter(n -> n != coordinator).toArray();

                send(client, 100, 100);
                // The member may read on before it notices the move; its commits then fail, it rejoins the new
                // coordinator and reads again from the committed 100: at-least-once, nothing skipped.
                ClusterChecks.await("the member rejoined and committed everything",
                        () -> seen.contains(199) && committed(c.bootstrap(survivors[0])) == 200);
                System.out.printf("coordinator on node %d killed; the group committed everything %d ms later, "
                        + "%d records delivered twice%n", coordinator,
                        Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), seen.size() - 200);

                List<Integer> values = List.copyOf(seen);
                assertTrue(values.containsAll(IntStream.range(0, 200).boxed().toList()), "nothing skipped: " + values);
                assertEquals(100, values.stream().filter(v -> v < 100).count(),
                        "nothing committed before the kill was delivered again");
                for (int n : survivors) {
                    GroupDescription g = describe(c.bootstrap(n));
                    PartitionLag lag = g.partitions().get(0);
                    assertEquals(200, lag.committedOffset(), "node " + n + ": " + g);
                    assertEquals(0, lag.lag(), "node " + n + ": " + g);
                }
            } finally {
                running.dispose();
                member.close();
            }

            // a new member that reaches only the survivors resumes where the group left off
            send(client, 200, 50);
            int coordinatorNow = ClusterChecks.partition(client, OffsetsTopic.NAME).leader();
            int other = IntStream.rangeClosed(1, 3).filter(n -> n != coordinatorNow && c.isAlive(n)).findFirst()
                    .orElseThrow();
            try (Rivulet late = Rivulet.connect(c.bootstrap(other), CLIENT);
                 Consumer<String, String> next = late.consumer(options())) {
                Set<Integer> got = ConcurrentHashMap.newKeySet();
                List<Integer> read = next.receive()
                        .doOnNext(r -> {
                            got.add(Integer.parseInt(r.value()));
                            r.acknowledge();
                        })
                        .map(r -> Integer.parseInt(r.value()))
                        .takeUntil(v -> got.containsAll(IntStream.range(200, 250).boxed().toList()))
                        .collectList()
                        .block(Duration.ofSeconds(30));
                assertEquals(200, read.get(0), "the new member starts at the group's committed offset: " + read);
            }
        }
    }

    private static ConsumerOptions<String, String> options() {
        return ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId(GROUP).topics(TOPIC)
                .autoOffsetReset(OffsetReset.EARLIEST)
                .sessionTimeout(Duration.ofSeconds(6))
                .heartbeatInterval(Duration.ofMillis(500))
                .autoCommitInterval(Duration.ofMillis(200))
                .build();
    }

    /** The group as a client that reaches only {@code bootstrap} describes it. */
    private static GroupDescription describe(String bootstrap) {
        try (Rivulet one = Rivulet.connect(bootstrap, CLIENT)) {
            return one.admin().describeGroup(GROUP).block(Duration.ofSeconds(15));
        }
    }

    private static long committed(String bootstrap) {
        return describe(bootstrap).partitions().get(0).committedOffset();
    }

    private static void send(Rivulet client, int from, int count) {
        Duration timeout = Duration.ofSeconds(30);
        try (Producer<String, String> producer = client.producer(ProducerOptions.builder(Serdes.string(), Serdes.string())
                .acks(Acks.ALL).deliveryTimeout(timeout).build())) {
            producer.send(Flux.range(from, count).map(i -> ProducerRecord.<String, String>of(TOPIC, "k",
                    Integer.toString(i)))).blockLast(timeout.plusSeconds(30));
        }
    }


}
