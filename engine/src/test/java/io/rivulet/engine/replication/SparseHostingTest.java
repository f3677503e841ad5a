package io.rivulet.engine.replication;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.cluster.ClusterImage;
import io.rivulet.engine.cluster.NodeEndpoint;
import io.rivulet.engine.cluster.NodeState;
import io.rivulet.engine.cluster.PartitionState;
import io.rivulet.engine.cluster.TopicState;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.topic.PartitionNotHostedException;
import io.rivulet.engine.topic.Topic;
import io.rivulet.storage.batch.RecordBatchBuilder;
import io.rivulet.storage.log.EpochEnd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster node keeps files only for the partitions it replicates: {@link ReplicaManager} opens a partition
 * when the metadata places it here, closes it and deletes its files when it moves away, and after a restart
 * deletes what moved away meanwhile. Node 1's view, with images built by hand and a leader link that never
 * answers (a follower here just waits).
 */
class SparseHostingTest {
    private static final int SELF = 1;
    private static final UUID ID = UUID.nameUUIDFromBytes(new byte[] {1});

    @TempDir
    Path dir;

    private Engine engine;
    private ReplicaManager manager;
    private Scheduler scheduler;

    @BeforeEach
    void open() {
        scheduler = Schedulers.newSingle("sparse-hosting-test");
        start();
    }

    @AfterEach
    void close() {
        stop();
        scheduler.dispose();
    }

    @Test
    void opensOnlyThePartitionsPlacedOnThisNode() throws IOException {
        manager.apply(image(1, List.of(1, 2), List.of(2, 3), List.of(3, 1)));

        Topic t = engine.topics().get("t");
        assertEquals(3, t.partitionCount(), "the topic knows all its partitions");
        assertEquals(Set.of("0", "2"), partitionDirs("t"));
        assertTrue(t.hosts(0) && !t.hosts(1) && t.hosts(2));
        assertEquals(List.of(0, 2), t.partitions().stream().map(p -> p.id().partition()).toList());
        PartitionNotHostedException e = assertThrows(PartitionNotHostedException.class, () -> t.partition(1));
        assertEquals(ErrorCode.NOT_LEADER, e.code(), "retriable, as a follower's refusal");
        assertEquals(new TopicPartition("t", 1), e.partition());
        assertThrows(PartitionNotHostedException.class,
                () -> engine.topics().partition(new TopicPartition("t", 1)));
        assertTrue(t.partition(0).isLeader(), "leads what it is the first replica of");
    }

    @Test
    void aReplicaMovedAwayIsClosedAndItsFilesDeletedAndOneMovedBackStartsEmpty() throws IOException {
        List<String> seen = new ArrayList<>();
        manager.watchLeadership(new TopicPartition("t", 0), (p, leading, epoch) -> seen.add(leading + "@" + epoch));
        manager.apply(image(1, List.of(1, 2), List.of(2, 3)));
        Partition before = engine.topics().get("t").partition(0);
        append(before, 5);
        assertEquals(5, before.logEndOffset());

        manager.apply(image(2, List.of(2, 3), List.of(2, 3)));

        assertTrue(before.isClosed(), "the old replica is closed");
        assertEquals(Set.of(), partitionDirs("t"), "and its files are gone");
        assertThrows(PartitionNotHostedException.class, () -> engine.topics().get("t").partition(0));
        assertEquals(List.of("true@1", "false@2"), seen, "the leadership listener heard it lost the lead first");

        manager.apply(image(3, List.of(3, 1), List.of(2, 3)));
        Partition back = engine.topics().get("t").partition(0);
        assertEquals(0, back.logEndOffset(), "a replica again copies everything anew");
        assertEquals(Set.of("0"), partitionDirs("t"));
    }

    @Test
    void aRestartOpensOnlyHostedPartitionsAndDeletesOneThatMovedAwayWhileDown() throws IOException {
        manager.apply(image(1, List.of(1, 2), List.of(2, 3), List.of(3, 1)));
        append(engine.topics().get("t").partition(0), 3);
        stop();

        start();
        Topic reopened = engine.topics().get("t");
        assertTrue(reopened.hosts(0) && !reopened.hosts(1) && reopened.hosts(2), "only what was hosted is opened");
        assertEquals(Set.of("0", "2"), partitionDirs("t"), "nothing is made for the others");
        assertEquals(3, reopened.partition(0).logEndOffset(), "a hosted partition keeps its records");
        assertFalse(reopened.partition(0).isLeader(), "and refuses writes until the metadata gives it a role");

        manager.apply(image(5, List.of(1, 2), List.of(2, 3), List.of(3, 2))); // partition 2 moved away meanwhile

        assertTrue(engine.topics().get("t").partition(0).isLeader());
        assertEquals(Set.of("0"), partitionDirs("t"));
        assertFalse(engine.topics().get("t").hosts(2));
        assertEquals(3, engine.topics().get("t").partition(0).logEndOffset());
    }

    @Test
    void aTopicWithoutAClusterKeepsEveryPartitionAsBefore() throws IOException {
        engine.topics().create("plain", 3, Map.of());
        assertEquals(Set.of("0", "1", "2"), partitionDirs("plain"));
        stop();
        start();
        Topic plain = engine.topics().get("plain");
        assertFalse(plain.sparse());
        assertEquals(3, plain.partitions().size());
        assertTrue(plain.partition(1).isLeader(), "a single node leads every partition");
    }

    private void start() {
        engine = Engine.open(dir, Map.of("node.id", Integer.toString(SELF)));
        manager = new ReplicaManager(SELF, engine.topics(), new SilentLink(), scheduler,
                (tp, leader, epoch, partitionEpoch, isr) -> Mono.empty(), Duration.ofSeconds(10),
                Duration.ofMillis(100), new ReplicationMeters(new SimpleMeterRegistry()));
    }

    private void stop() {
        manager.close();
        engine.close();
    }

    /** A topic "t" whose partition i has replicas {@code placement[i]}, led by the first, all in sync. */
    @SafeVarargs
    private static ClusterImage image(int epoch, List<Integer>... placement) {
        List<PartitionState> partitions = new ArrayList<>();
        for (int p = 0; p < placement.length; p++) {
            List<Integer> replicas = placement[p];
            partitions.add(new PartitionState(p, replicas, replicas.get(0), epoch, replicas, epoch));
        }
        Map<Integer, NodeState> nodes = Map.of(
                1, new NodeState(new NodeEndpoint(1, "127.0.0.1", 1, 1), false),
                2, new NodeState(new NodeEndpoint(2, "127.0.0.1", 2, 2), false),
                3, new NodeState(new NodeEndpoint(3, "127.0.0.1", 3, 3), false));
        return new ClusterImage(epoch, nodes, Map.of("t", new TopicState("t", ID, 2, Map.of(), partitions)));
    }

    private Set<String> partitionDirs(String topic) throws IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(engine.dataDir().resolve("topics").resolve(topic))) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void append(Partition leader, int records) {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(1024)) {
            for (int i = 0; i < records; i++) {
                leader.append(builder.reset().append(System.currentTimeMillis(), null,
                        ("v" + i).getBytes(StandardCharsets.UTF_8)).build());
            }
        }
    }

    /** A leader that never answers: a follower on this node waits, which is all these tests need. */
    private static final class SilentLink implements LeaderLink {
        @Override
        public Mono<EpochEnd> endOffsetForEpoch(int leader, TopicPartition tp, int epoch) {
            return Mono.never();
        }

        @Override
        public Stream replicate(int leader, TopicPartition tp, int replicaId, int leaderEpoch, long fetchOffset,
                                long window, Sink sink) {
            return new Stream() {
                @Override
                public void grant(long records) {
                }

                @Override
                public void dispose() {
                }
            };
        }

        @Override
        public void ack(int leader, TopicPartition tp, int replicaId, int leaderEpoch, long logEnd) {
        }

        @Override
        public void close() {
        }
    }
}
