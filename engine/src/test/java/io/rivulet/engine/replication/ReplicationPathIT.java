package io.rivulet.engine.replication;

import io.rivulet.api.ServerAddress;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.net.client.NativeLeaderLink;
import io.rivulet.engine.net.server.NativeServer;
import io.rivulet.engine.net.server.NativeSettings;
import io.rivulet.engine.partition.Partition;
import io.rivulet.engine.produce.BatchTarget;
import io.rivulet.storage.batch.RecordBatchBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replication data path without the cluster metadata: two engines in this JVM, each behind its native
 * listener; one leads a partition, the other follows it over the network with a {@link ReplicaFetcher}.
 */
class ReplicationPathIT {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    private Engine leaderEngine;
    private Engine followerEngine;
    private NativeServer leaderServer;
    private NativeLeaderLink link;
    private Partition leader;
    private Partition follower;

    @BeforeEach
    void open() {
        leaderEngine = Engine.open(dir.resolve("a"), Map.of("node.id", "1"));
        followerEngine = Engine.open(dir.resolve("b"), Map.of("node.id", "2"));
        leaderServer = NativeServer.start(leaderEngine, null, new NativeSettings("127.0.0.1", 0, 16 << 20, null, null));
        TopicPartition orders = new TopicPartition("orders", 0);
        leaderEngine.topics().openReplicated("orders", 1, Map.of());
        followerEngine.topics().openReplicated("orders", 1, Map.of());
        leader = leaderEngine.topics().host(orders); // both nodes replicate it
        follower = followerEngine.topics().host(orders);
        link = new NativeLeaderLink(node -> node == 1 ? new ServerAddress("127.0.0.1", leaderServer.port()) : null,
                Map.of("request.timeout.ms", "5000"), followerEngine.appendScheduler());
    }

    @AfterEach
    void close() {
        link.close();
        leaderServer.close();
        leaderEngine.close();
        followerEngine.close();
    }

    @Test
    void acksAllCompletesOnceTheFollowerHasTheBatchAndItsLogIsTheLeaders() throws Exception {
        try (ReplicaFetcher fetcher = replicatingInEpochZero()) {
            for (int i = 0; i < 200; i++) {
                assertEquals(i * 10L, append(leader, -1, 10).get(10, TimeUnit.SECONDS), "batch " + i);
            }
            await(() -> follower.logEndOffset() == 2000 && follower.highWatermark() == 2000);
            assertEquals(2000, leader.highWatermark());
            assertEquals(0, follower.log().latestEpoch());
        }
    }

    @Test
    void acksAllWaitsWhileTheFollowerIsAwayAndTooFewInSyncFailsUpFront() throws Exception {
        leader.becomeLeader(1, 0, List.of(1, 2), List.of(1, 2), 2);
        CompletableFuture<Long> waiting = append(leader, -1, 5);
        Thread.sleep(200);
        assertFalse(waiting.isDone(), "no follower copied it: not committed");
        assertEquals(0, leader.highWatermark());

        leader.becomeLeader(1, 0, List.of(1, 2), List.of(1), 2); // the ISR shrank below min.insync.replicas
        RivuletException late = (RivuletException) waiting.handle((v, t) -> t).get(5, TimeUnit.SECONDS);
        assertEquals(ErrorCode.NOT_ENOUGH_REPLICAS, late.code(), "committed by one replica, not the two asked for");
        assertEquals(5, leader.highWatermark(), "a one-member ISR commits what it holds");
        CompletableFuture<Long> refused = append(leader, -1, 1);
        RivuletException e = (RivuletException) refused.handle((v, t) -> t).get(5, TimeUnit.SECONDS);
        assertEquals(ErrorCode.NOT_ENOUGH_REPLICAS, e.code());
        assertEquals(5, leader.logEndOffset(), "refused before it was appended");
    }

    @Test
    void aFollowerWithRecordsTheNewLeaderNeverHadTruncatesThem() throws Exception {
        // epoch 0: both hold 10 records; the old leader (now the follower) also wrote 5 more nobody copied
        follower.becomeLeader(2, 0, List.of(2), List.of(2), 1);
        append(follower, 1, 10).get(5, TimeUnit.SECONDS);
        leader.becomeFollower(0, 2);
        try (var slice = follower.log().read(0, 1 << 20, 10)) { // copied by hand: the same 10 records, epoch 0
            slice.batches().forEachRemaining(leader::appendAsFollower);
        }
        append(follower, 1, 5).get(5, TimeUnit.SECONDS);
        assertEquals(15, follower.logEndOffset());
        assertEquals(10, leader.logEndOffset());

        // epoch 1: node 1 leads; node 2 must cut its 5 divergent records before copying
        leader.becomeLeader(1, 1, List.of(1, 2), List.of(1, 2), 1);
        append(leader, 1, 3).get(5, TimeUnit.SECONDS);
        follower.becomeFollower(1, 1);
        try (ReplicaFetcher fetcher = following(1)) {
            fetcher.start();
            await(() -> follower.logEndOffset() == 13);
        }
        assertEquals(1, follower.log().latestEpoch());
        assertEquals(10, follower.endOffsetForEpoch(0).endOffset(), "epoch 0 ends where the new leader's did");
    }

    @Test
    void aFollowerDeletesWhatItsLeaderDeleted() throws Exception {
        try (ReplicaFetcher fetcher = replicatingInEpochZero()) {
            for (int i = 0; i < 20; i++) {
                append(leader, -1, 10).get(10, TimeUnit.SECONDS);
            }
            leader.deleteRecordsBefore(150); // as a snapshot's trim does, or retention
            await(() -> follower.logStartOffset() == 150);
            assertEquals(200, follower.logEndOffset());

            leader.deleteRecordsBefore(1_000); // past the high watermark: only up to it
            assertEquals(200, leader.logStartOffset());
            await(() -> follower.logStartOffset() == 200);
            append(leader, -1, 10).get(10, TimeUnit.SECONDS);
            await(() -> follower.logEndOffset() == 210);
        }
    }

    /** Node 1 leads with min.insync.replicas 2 and node 2 copies from it, in epoch 0. */
    private ReplicaFetcher replicatingInEpochZero() {
        leader.becomeLeader(1, 0, List.of(1, 2), List.of(1, 2), 2);
        follower.becomeFollower(0, 1);
        ReplicaFetcher fetcher = following(0);
        fetcher.start();
        return fetcher;
    }

    /** Node 2 copying from node 1 in {@code epoch}. */
    private ReplicaFetcher following(int epoch) {
        return new ReplicaFetcher(follower, 2, 1, epoch, link, followerEngine.fetchScheduler(), Duration.ofMillis(50));
    }

    private static CompletableFuture<Long> append(Partition p, int acks, int records) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        try (RecordBatchBuilder b = new RecordBatchBuilder(1024)) {
            for (int i = 0; i < records; i++) {
                b.append(System.currentTimeMillis(), null, ("r" + i).getBytes(StandardCharsets.UTF_8));
            }
            p.append(b.build(), acks, BatchTarget.Outcome.of(done::complete, done::completeExceptionally));
        }
        return done;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
