package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.rivulet.engine.cluster.QuorumFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three controllers (and one plain node) in one JVM on loopback, with real Ratis servers. */
class MetadataQuorumIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * How long one proposal may take: a hang guard, not a figure. Once in a CI run one of fourteen proposals in a row,
     * while the controllers were taking snapshots, waited out 10 s on the shared 2-core machine.
     */
    private static final Duration PROPOSAL = Duration.ofSeconds(30);
    /**
     * How long the nodes may take to elect a controller and register: a hang guard too. In one full CI run three
     * fresh controllers had not registered after 10 s (the suite's other JVMs on the same two cores).
     */
    private static final Duration REGISTRATION = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<MetadataQuorum> open = new ArrayList<>();

    /**
     * Closes every node and checks the quorum's own threads are gone. (Ratis's per-server and
     * per-client Netty threads end about a second after close; its shared timer threads stay.)
     */
    @AfterEach
    void closeAll() {
        closeTogether(open);
        await(WAIT, () -> "metadata threads left: " + metadataThreads(), () -> metadataThreads().isEmpty());
    }

    private static List<String> metadataThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("rivulet-metadata")).toList();
    }

    /** Closes nodes in parallel: a Ratis server takes about a second to close. */
    private static void closeTogether(List<MetadataQuorum> nodes) {
        nodes.parallelStream().forEach(MetadataQuorum::close);
    }

    private MetadataQuorum start(ClusterSettings settings, long snapshotThreshold) {
        MetadataQuorum quorum = MetadataQuorum.start(settings, snapshotThreshold);
        open.add(quorum);
        return quorum;
    }

    private List<MetadataQuorum> startControllers(QuorumFixture fixture, long snapshotThreshold) {
        return startControllers(fixture, snapshotThreshold, QuorumFixture.SESSION);
    }

    private List<MetadataQuorum> startControllers(QuorumFixture fixture, long snapshotThreshold, Duration session) {
        List<MetadataQuorum> nodes = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            nodes.add(start(fixture.settings(id, session), snapshotThreshold));
        }
        return nodes;
    }

    private static AtomicReference<ClusterImage> listen(MetadataQuorum node) {
        AtomicReference<ClusterImage> seen = new AtomicReference<>();
        node.onImage(seen::set);
        return seen;
    }

    @Test
    void electsRegistersEveryNodeAndEveryNodeSeesANewTopic() {
        QuorumFixture fixture = new QuorumFixture(dir, 3);
        List<MetadataQuorum> nodes = new ArrayList<>(startControllers(fixture, QuorumPeers.SNAPSHOT_THRESHOLD));
        nodes.add(start(fixture.settings(4), QuorumPeers.SNAPSHOT_THRESHOLD));   // not a controller
        List<AtomicReference<ClusterImage>> seen = nodes.stream().map(MetadataQuorumIT::listen).toList();

        nodes.forEach(n -> n.registered().block(REGISTRATION));
        await(WAIT, "all four nodes registered and live everywhere",
                () -> seen.stream().allMatch(s -> s.get() != null && s.get().liveNodes().equals(List.of(1, 2, 3, 4))));
        int controller = nodes.get(0).controllerId();
        assertTrue(controller >= 1 && controller <= 3, "controller " + controller);
        await(WAIT, "every node knows the controller", () -> nodes.stream().allMatch(n -> n.controllerId() == controller));

        MetadataResult created = nodes.get(3).submit(
                new MetadataCommand.CreateTopic("orders", 4, 3, Map.of("retention.ms", "60000"))).block(PROPOSAL);
        assertEquals(MetadataResult.OK, created);
        assertTrue(nodes.get(3).image().topics().containsKey("orders"), "the submitter reads its own write");
        await(WAIT, "every node's listener saw the topic",
                () -> seen.stream().allMatch(s -> s.get().topics().containsKey("orders")));
        TopicState orders = seen.get(0).get().topics().get("orders");
        seen.forEach(s -> assertEquals(orders, s.get().topics().get("orders")));
        assertEquals("60000", orders.configs().get("retention.ms"));

        MetadataResult again = nodes.get(1).submit(new MetadataCommand.CreateTopic("orders", 1, 1, Map.of())).block(PROPOSAL);
        assertEquals(io.rivulet.api.errors.ErrorCode.TOPIC_EXISTS, again.error());
    }

    @Test
    void fencesAClosedNodeAndMovesItsLeadershipToAnInSyncReplica() {
        closingMovesLeadership(false);
    }

    @Test
    void fencesAClosedControllerOnceANewControllerIsElected() {
        closingMovesLeadership(true);
    }

    private void closingMovesLeadership(boolean closeTheController) {
        QuorumFixture fixture = new QuorumFixture(dir, 3);
        List<MetadataQuorum> nodes = startControllers(fixture, QuorumPeers.SNAPSHOT_THRESHOLD);
        nodes.forEach(n -> n.registered().block(REGISTRATION));
        assertEquals(MetadataResult.OK,
                nodes.get(0).submit(new MetadataCommand.CreateTopic("events", 3, 3, Map.of())).block(PROPOSAL));
        // the submitter reads its own write; the others learn it a little later
        await(WAIT, "every node knows the topic", () -> nodes.stream().allMatch(n -> n.image().topics().containsKey("events")));

        int controller = nodes.get(0).controllerId();
        int victimId = closeTheController ? controller : (controller % 3) + 1;
        MetadataQuorum victim = nodes.get(victimId - 1);
        MetadataQuorum observer = nodes.get(victimId % 3);
        TopicPartition led = ledBy(observer.image(), victimId);

        long closedAt = System.nanoTime();
        victim.close();
        await(Duration.ofSeconds(8), () -> "node " + victimId + " fenced and " + led + " led elsewhere: " + observer.image(),
                () -> {
                    ClusterImage image = observer.image();
                    PartitionState p = image.partition(led).orElseThrow();
                    return image.nodes().get(victimId).fenced() && p.hasLeader() && p.leader() != victimId;
                });
        long movedMs = Duration.ofNanos(System.nanoTime() - closedAt).toMillis();
        System.out.printf("closing node %d (%s) moved the leadership of %s in %d ms (session %d ms, heartbeat %d ms)%n",
                victimId, closeTheController ? "the controller" : "not the controller", led, movedMs,
                QuorumFixture.SESSION.toMillis(), QuorumFixture.HEARTBEAT.toMillis());

        PartitionState moved = observer.image().partition(led).orElseThrow();
        assertFalse(moved.isr().contains(victimId), "the fenced node left the ISR");
        assertEquals(1, moved.leaderEpoch());
        if (closeTheController) {
            assertTrue(observer.controllerId() != victimId, "a new controller");
        }
        assertTrue(movedMs < QuorumFixture.SESSION.toMillis() + 3_000, "moved in " + movedMs + " ms");

        // back from its directory: it registers again, which unfences it
        start(fixture.settings(victimId), QuorumPeers.SNAPSHOT_THRESHOLD);
        await(WAIT, () -> "node " + victimId + " unfenced: " + observer.image(),
                () -> observer.image().liveNodes().equals(List.of(1, 2, 3)));
    }

    @Test
    void restartedQuorumRecoversItsImageFromSnapshotAndLog() {
        QuorumFixture fixture = new QuorumFixture(dir, 3);
        // A session longer than the shutdown, so the last two nodes do not fence the first one closed
        // and the image on disk is the one read before closing.
        Duration session = Duration.ofSeconds(20);
        List<MetadataQuorum> nodes = startControllers(fixture, 8, session);
        nodes.forEach(n -> n.registered().block(REGISTRATION));
        for (int i = 0; i < 14; i++) {
            MetadataResult result = nodes.get(i % 3).submit(
                    new MetadataCommand.CreateTopic("t" + i, 1 + i % 3, 1 + i % 3, Map.of())).block(PROPOSAL);
            assertEquals(MetadataResult.OK, result, "topic t" + i);
        }
        await(WAIT, "every controller took a snapshot", () -> Stream.of(1, 2, 3).allMatch(id -> hasSnapshot(fixture.settings(id))));
        // one more entry, most likely after the last snapshot: recovery needs the snapshot and the log after it
        assertEquals(MetadataResult.OK, nodes.get(0).submit(new MetadataCommand.DeleteTopic("t3")).block(PROPOSAL));
        await(WAIT, "every controller applied everything",
                () -> nodes.stream().allMatch(n -> n.image().equals(nodes.get(0).image())));
        ClusterImage before = nodes.get(0).image();
        closeTogether(nodes);
        open.clear();
        List<MetadataQuorum> restarted = startControllers(fixture, 8, session);
        await(WAIT, () -> "restarted nodes recovered " + before + " but have " + restarted.get(0).image(),
                () -> restarted.stream().allMatch(n -> n.image().equals(before)));
        restarted.forEach(n -> assertEquals(before, n.image()));
        assertFalse(restarted.get(0).image().topics().containsKey("t3"));
    }

    private static boolean hasSnapshot(ClusterSettings settings) {
        try (Stream<Path> files = Files.walk(settings.metadataDir())) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("snapshot.")
                    && !f.getFileName().toString().endsWith(".md5"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static TopicPartition ledBy(ClusterImage image, int node) {
        for (TopicState topic : image.topics().values()) {
            for (PartitionState p : topic.partitions()) {
                if (p.leader() == node) {
                    return new TopicPartition(topic.name(), p.partition());
                }
            }
        }
        throw new AssertionError("node " + node + " leads nothing in " + image);
    }
}
