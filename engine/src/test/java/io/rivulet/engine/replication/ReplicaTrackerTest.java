package io.rivulet.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The leader's bookkeeping: high watermark, Kafka's caught-up rule, ISR proposals. */
class ReplicaTrackerTest {
    private static final long LAG_MS = 10_000;

    /** Leader 1 with followers 2 and 3, all in sync, nothing written yet, at time 0. */
    private static ReplicaTracker threeInSync() {
        return new ReplicaTracker(1, List.of(1, 2, 3), List.of(1, 2, 3), 0, 0, 0);
    }

    @Test
    void theHighWatermarkIsTheSmallestLogEndInTheIsr() {
        ReplicaTracker t = threeInSync();
        assertFalse(t.leaderAppended(10));
        assertFalse(t.followerAcked(2, 10, 1));
        assertTrue(t.followerAcked(3, 6, 1));
        assertEquals(6, t.highWatermark());
        assertTrue(t.followerAcked(3, 10, 2));
        assertEquals(10, t.highWatermark());
    }

    @Test
    void aSingleReplicaLeaderCommitsWhatItAppends() {
        ReplicaTracker t = new ReplicaTracker(1, List.of(1), List.of(1), 0, 0, 0);
        assertTrue(t.leaderAppended(5));
        assertEquals(5, t.highWatermark());
        assertEquals(0, t.maxLagRecords());
    }

    @Test
    void theHighWatermarkWaitsUntilEveryIsrMemberHasAcknowledgedToThisLeader() {
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2, 3), List.of(1, 2, 3), 100, 40, 0);
        assertFalse(t.followerAcked(2, 100, 1));
        assertEquals(40, t.highWatermark(), "follower 3 is unknown");
        assertEquals(-1, t.followerLogEnd(3));
        assertTrue(t.followerAcked(3, 90, 1));
        assertEquals(90, t.highWatermark());
    }

    @Test
    void theHighWatermarkNeverMovesBackwards() {
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2), List.of(1, 2), 100, 80, 0);
        assertFalse(t.followerAcked(2, 50, 1)); // a follower that truncated after a leader change
        assertEquals(80, t.highWatermark());
        assertTrue(t.followerAcked(2, 95, 2));
        assertEquals(95, t.highWatermark());
    }

    @Test
    void acksFromOutsideTheIsrDoNotMoveTheHighWatermark() {
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2, 3), List.of(1, 2), 0, 0, 0);
        t.leaderAppended(10);
        assertFalse(t.followerAcked(3, 2, 1));
        assertTrue(t.followerAcked(2, 10, 1));
        assertEquals(10, t.highWatermark(), "follower 3 at 2 is outside the ISR");
    }

    @Test
    void shrinkingTheIsrCanMoveTheHighWatermark() {
        ReplicaTracker t = threeInSync();
        t.leaderAppended(10);
        t.followerAcked(2, 10, 1);
        t.followerAcked(3, 3, 1);
        assertEquals(3, t.highWatermark());
        assertTrue(t.isrChanged(List.of(1, 2)));
        assertEquals(10, t.highWatermark());
        assertEquals(List.of(1, 2), t.isr());
    }

    @Test
    void aFollowerThatKeepsUpUnderSteadyAppendsStaysCaughtUp() {
        // Each ack reaches what the leader had at the previous ack, never what it has now.
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2), List.of(1, 2), 0, 0, 0);
        long leaderEnd = 0;
        for (long now = 1_000; now <= 60_000; now += 1_000) {
            long previousLeaderEnd = leaderEnd;
            leaderEnd += 100;
            t.leaderAppended(leaderEnd);
            t.followerAcked(2, previousLeaderEnd, now);
            assertEquals(Optional.empty(), t.proposedIsr(now, LAG_MS, 0), "at " + now);
        }
    }

    @Test
    void aFollowerNotCaughtUpForLongerThanTheLagTimeIsProposedForRemoval() {
        ReplicaTracker t = threeInSync();
        t.leaderAppended(10);
        t.followerAcked(2, 10, 1_000);
        t.followerAcked(3, 10, 1_000); // both caught up at 1 s
        t.leaderAppended(20);
        t.followerAcked(2, 20, 5_000);
        t.followerAcked(3, 12, 5_000); // reached what the leader had at its previous ack: caught up at 1 s
        t.followerAcked(3, 15, 9_000); // behind what the leader had at 5 s: still 1 s
        assertEquals(Optional.empty(), t.proposedIsr(11_000, LAG_MS, 0), "exactly the lag time is not longer");
        assertEquals(Optional.of(List.of(1, 2)), t.proposedIsr(11_001, LAG_MS, 0));
    }

    @Test
    void aFollowerAtTheLeadersLogEndIsNeverLagging() {
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2), List.of(1, 2), 0, 0, 0);
        t.leaderAppended(10);
        t.followerAcked(2, 10, 1_000);
        assertEquals(Optional.empty(), t.proposedIsr(1_000_000, LAG_MS, 0), "no appends, nothing to fetch");
        t.leaderAppended(11);
        assertEquals(Optional.of(List.of(1)), t.proposedIsr(1_000_000, LAG_MS, 0));
    }

    @Test
    void anIsrFollowerThatNeverAcksIsRemovedAfterTheLagTime() {
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2), List.of(1, 2), 10, 10, 5_000);
        t.leaderAppended(12);
        assertEquals(Optional.empty(), t.proposedIsr(15_000, LAG_MS, 0));
        assertEquals(Optional.of(List.of(1)), t.proposedIsr(15_001, LAG_MS, 0));
    }

    @Test
    void aReplicaIsProposedForTheIsrOnceItReachesTheHighWatermarkAndTheEpochStart() {
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2, 3), List.of(1, 2), 0, 0, 0);
        t.leaderAppended(100);
        t.followerAcked(2, 80, 1);
        assertEquals(80, t.highWatermark());
        t.followerAcked(3, 79, 2);
        assertEquals(Optional.empty(), t.proposedIsr(3, LAG_MS, 0), "below the high watermark");
        t.followerAcked(3, 85, 3);
        assertEquals(Optional.empty(), t.proposedIsr(4, LAG_MS, 90), "below the start of the leader's epoch");
        assertEquals(Optional.of(List.of(1, 2, 3)), t.proposedIsr(4, LAG_MS, 85));
    }

    @Test
    void aFollowerJustAdmittedIsNotProposedForRemovalAtOnce() {
        // Follower 3 holds the high watermark at 150 while the leader is at 200; follower 2 reaches 150
        // without ever having been at the leader's log end, so it was never "caught up" before admission.
        ReplicaTracker t = new ReplicaTracker(1, List.of(1, 2, 3), List.of(1, 3), 200, 150, 50_000);
        t.followerAcked(3, 150, 50_000);
        t.followerAcked(2, 150, 50_050);
        assertEquals(Optional.of(List.of(1, 3, 2)), t.proposedIsr(50_100, LAG_MS, 0));
        t.isrChanged(List.of(1, 3, 2));
        assertEquals(Optional.empty(), t.proposedIsr(50_300, LAG_MS, 0));
        assertEquals(Optional.of(List.of(1, 2)), t.proposedIsr(60_001, LAG_MS, 0), "its lag time runs from its last ack, 3's from 50 s");
    }

    @Test
    void maxLagCountsTheFurthestBehindFollowerThatAcknowledged() {
        ReplicaTracker t = threeInSync();
        t.leaderAppended(100);
        assertEquals(0, t.maxLagRecords(), "nobody acknowledged yet");
        t.followerAcked(2, 70, 1);
        assertEquals(30, t.maxLagRecords());
        t.followerAcked(3, 40, 1);
        assertEquals(60, t.maxLagRecords());
    }

    @Test
    void rejectsWhatCannotHappen() {
        assertThrows(IllegalArgumentException.class, () -> new ReplicaTracker(1, List.of(2, 3), List.of(2), 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReplicaTracker(1, List.of(1, 2), List.of(2), 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReplicaTracker(1, List.of(1, 2), List.of(1, 4), 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReplicaTracker(1, List.of(1, 2), List.of(1), 5, 6, 0));
        ReplicaTracker t = threeInSync();
        t.leaderAppended(10);
        assertThrows(IllegalArgumentException.class, () -> t.leaderAppended(9));
        assertThrows(IllegalArgumentException.class, () -> t.followerAcked(2, 11, 0));
        assertThrows(IllegalArgumentException.class, () -> t.followerAcked(1, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> t.followerAcked(7, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> t.isrChanged(List.of(2, 3)));
    }
}
