package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitTrackerTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @Test
    void commitsOnlyTheContiguousAcknowledgedPrefix() {
        PartitionAcks acks = new CommitTracker(100).assign(TP, 5, null);
        LongStream.rangeClosed(5, 9).forEach(acks::delivered);

        acks.acknowledge(5);
        acks.acknowledge(6);
        acks.acknowledge(8);
        assertEquals(7, acks.position());

        acks.acknowledge(7);
        assertEquals(9, acks.position());
        acks.acknowledge(9);
        assertEquals(10, acks.position());
    }

    @Test
    void pausesDeliveryAtMaxAckAheadUntilTheOldestIsAcknowledged() {
        AtomicInteger progress = new AtomicInteger();
        CommitTracker tracker = new CommitTracker(3);
        PartitionAcks acks = tracker.assign(TP, 0, progress::incrementAndGet);
        acks.delivered(0);
        acks.delivered(1);
        acks.delivered(2);
        assertFalse(tracker.canDeliver(TP));

        acks.acknowledge(2);
        acks.acknowledge(1);
        assertFalse(acks.canDeliver(), "acks past the oldest do not free room");
        assertEquals(0, progress.get());

        acks.acknowledge(0);
        assertTrue(acks.canDeliver());
        assertEquals(0, acks.inFlight());
        assertEquals(1, progress.get(), "one advance, however many records it covered");
    }

    @Test
    void whenDeliverableSignalsThatAPausedPartitionHasRoomAgain() {
        PartitionAcks acks = new CommitTracker(2).assign(TP, 0, null);
        AtomicInteger resumed = new AtomicInteger();
        acks.whenDeliverable().subscribe(null, e -> { }, resumed::incrementAndGet);
        assertEquals(1, resumed.get(), "room already");

        acks.delivered(0);
        acks.delivered(1);
        acks.whenDeliverable().subscribe(null, e -> { }, resumed::incrementAndGet);
        acks.acknowledge(1);
        assertEquals(1, resumed.get(), "still paused: 0 holds the window");
        acks.acknowledge(0);
        assertEquals(2, resumed.get());
        assertTrue(acks.canDeliver());
    }

    @Test
    void refusesToDeliverPastTheBound() {
        PartitionAcks acks = new CommitTracker(2).assign(TP, 0, null);
        acks.delivered(0);
        acks.delivered(1);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> acks.delivered(2));
        assertTrue(e.getMessage().contains("max.ack.ahead=2"), e.getMessage());
    }

    @Test
    void refusesOutOfOrderDelivery() {
        PartitionAcks acks = new CommitTracker(10).assign(TP, 0, null);
        acks.delivered(4);

        assertThrows(IllegalStateException.class, () -> acks.delivered(4));
        assertThrows(IllegalStateException.class, () -> acks.delivered(3));
    }

    @Test
    void gapsInOffsetsCountAsAcknowledged() {
        PartitionAcks acks = new CommitTracker(10).assign(TP, PartitionAcks.NO_POSITION, null);
        acks.delivered(10);
        acks.delivered(13);
        acks.delivered(20);
        assertEquals(10, acks.position());

        acks.acknowledge(13);
        acks.acknowledge(10);
        assertEquals(14, acks.position());
        acks.acknowledge(20);
        assertEquals(21, acks.position());
    }

    @Test
    void lateAcknowledgementsOfARevokedPartitionAreIgnored() {
        CommitTracker tracker = new CommitTracker(10);
        PartitionAcks old = tracker.assign(TP, 0, null);
        old.delivered(0);
        old.delivered(1);
        tracker.revoke(TP);

        PartitionAcks again = tracker.assign(TP, 0, null);
        again.delivered(0);
        old.acknowledge(0);

        assertEquals(0, again.position(), "the old handle must not acknowledge the redelivered record");
        assertTrue(old.isRevoked());
        assertFalse(old.delivered(2), "a revoked partition delivers nothing");
        assertEquals(again, tracker.acks(TP));
    }

    @Test
    void revokingAnOldIncarnationLeavesTheNewOneTracked() {
        CommitTracker tracker = new CommitTracker(10);
        PartitionAcks old = tracker.assign(TP, 0, null);
        PartitionAcks fresh = tracker.assign(TP, 0, null);

        tracker.revoke(old);

        assertTrue(old.isRevoked());
        assertEquals(fresh, tracker.acks(TP));
        assertFalse(fresh.isRevoked());
    }

    @Test
    void pendingCommitsHoldOnlyPositionsThatMoved() {
        CommitTracker tracker = new CommitTracker(10);
        PartitionAcks a = tracker.assign(new TopicPartition("t", 0), 3, null);
        tracker.assign(new TopicPartition("t", 1), 7, null);
        assertEquals(List.of(), tracker.pendingCommits());

        a.delivered(3);
        a.acknowledge(3);
        List<CommitTracker.PendingCommit> pending = tracker.pendingCommits();
        assertEquals(1, pending.size());
        assertEquals(4, pending.get(0).position());

        tracker.markCommitted(pending.get(0));
        assertEquals(List.of(), tracker.pendingCommits());
        assertEquals(4, a.committedPosition());
    }

    @Test
    void aResetStartIsCommittableBeforeAnyRecord() {
        CommitTracker tracker = new CommitTracker(10);
        PartitionAcks acks = tracker.assign(TP, PartitionAcks.NO_POSITION, null);
        assertEquals(List.of(), tracker.pendingCommits());

        acks.startAt(42);

        assertEquals(42, tracker.pendingCommits().get(0).position());
        acks.delivered(42);
        assertThrows(IllegalStateException.class, () -> acks.startAt(0), "no seek with records in flight");
    }

    @Test
    void memoryNeverExceedsMaxAckAhead() {
        PartitionAcks acks = new CommitTracker(40).assign(TP, 0, null);
        assertEquals(0, acks.capacity(), "nothing allocated before the first record");
        for (long o = 0; o < 10_000; o++) {
            if (!acks.canDeliver()) {
                acks.acknowledge(acks.position());
            }
            acks.delivered(o);
            assertTrue(acks.capacity() <= 40);
        }
        assertEquals(40, acks.capacity());
    }

    @Test
    void whenPastCompletesOnceThePrefixReachesTheOffset() {
        PartitionAcks acks = new CommitTracker(10).assign(TP, 0, null);
        acks.delivered(0);
        acks.delivered(1);
        AtomicInteger done = new AtomicInteger();
        acks.whenPast(1).subscribe(null, e -> { }, done::incrementAndGet);

        acks.acknowledge(1);
        assertEquals(0, done.get(), "0 is still open");
        acks.acknowledge(0);
        assertEquals(1, done.get());
        acks.whenPast(0).subscribe(null, e -> { }, done::incrementAndGet);
        assertEquals(2, done.get(), "already past: at once");
    }

    @Test
    void whenPastCompletesOnRevocationWithTheRevocationVisible() {
        CommitTracker tracker = new CommitTracker(10);
        PartitionAcks acks = tracker.assign(TP, 0, null);
        acks.delivered(0);
        AtomicInteger done = new AtomicInteger();
        acks.whenPast(0).subscribe(null, e -> { }, done::incrementAndGet);

        tracker.revoke(TP);

        assertEquals(1, done.get());
        assertTrue(acks.isRevoked());
    }

    @Test
    void acknowledgementsFromManyThreadsAllCount() throws InterruptedException {
        int n = 5000;
        PartitionAcks acks = new CommitTracker(n).assign(TP, 0, null);
        List<Long> offsets = new ArrayList<>();
        for (long o = 0; o < n; o++) {
            acks.delivered(o);
            offsets.add(o);
        }
        Collections.shuffle(offsets, new Random(7));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<Long> share = offsets.subList(t * n / 4, (t + 1) * n / 4);
            Thread thread = new Thread(() -> share.forEach(acks::acknowledge));
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(n, acks.position());
        assertEquals(0, acks.inFlight());
    }
}
