package io.rivulet.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.storage.log.EpochEnd;
import org.junit.jupiter.api.Test;

/** Each case of {@link TruncationPoint}, with the two logs behind the answers spelt out. */
class TruncationPointTest {
    @Test
    void kip101DivergenceCutsAtTheFollowersOwnEndOfTheSharedEpoch() {
        // Leader: epoch 0 wrote 0..9, epoch 2 from 10. Follower: epoch 0 wrote 0..7, epoch 1 (led
        // briefly) wrote 8..9, which the leader never had. It asks for epoch 1; the leader answers (0, 10).
        EpochEnd leader = new EpochEnd(0, 10);
        EpochEnd own = new EpochEnd(0, 8);
        assertEquals(8, TruncationPoint.of(leader, own, 10, 5));
        assertTrue(TruncationPoint.isFinal(leader, own));
    }

    @Test
    void aFollowerWithMoreOfTheSameEpochCutsAtTheLeadersEnd() {
        // Both wrote epoch 3 from offset 20; the leader's epoch 3 ends at 30 (epoch 4 from 30), the follower got to 34.
        EpochEnd leader = new EpochEnd(3, 30);
        EpochEnd own = new EpochEnd(3, 34);
        assertEquals(30, TruncationPoint.of(leader, own, 34, 25));
        assertTrue(TruncationPoint.isFinal(leader, own));
    }

    @Test
    void aFollowerThatIsAPrefixKeepsItsWholeLog() {
        EpochEnd leader = new EpochEnd(3, 50);
        EpochEnd own = new EpochEnd(3, 42);
        assertEquals(42, TruncationPoint.of(leader, own, 42, 40));
    }

    @Test
    void kip279AnEpochTheFollowerLacksTakesASecondRound() {
        // Leader: epoch 0 wrote 0..39, epoch 1 wrote 40..59, epoch 3 from 60.
        // Follower: epoch 0 wrote 0..49, epoch 2 wrote 50..54. Its records 40..49 are epoch 0, the leader's are epoch 1.
        // Round 1: it asks for epoch 2; the leader answers (1, 60); the follower's own end for epoch 1 is (0, 50).
        EpochEnd leader1 = new EpochEnd(1, 60);
        EpochEnd own1 = new EpochEnd(0, 50);
        assertEquals(50, TruncationPoint.of(leader1, own1, 55, 30));
        assertFalse(TruncationPoint.isFinal(leader1, own1), "40..49 still differ");
        // Round 2: its latest epoch is now 0; the leader answers (0, 40).
        EpochEnd leader2 = new EpochEnd(0, 40);
        EpochEnd own2 = new EpochEnd(0, 50);
        assertEquals(40, TruncationPoint.of(leader2, own2, 50, 30));
        assertTrue(TruncationPoint.isFinal(leader2, own2));
    }

    @Test
    void whenTheLeaderCannotAnswerTheFollowerFallsBackToItsHighWatermark() {
        assertEquals(30, TruncationPoint.of(EpochEnd.UNDEFINED, EpochEnd.UNDEFINED, 55, 30));
        assertEquals(20, TruncationPoint.of(EpochEnd.UNDEFINED, EpochEnd.UNDEFINED, 20, 30), "never past the log end");
        assertTrue(TruncationPoint.isFinal(EpochEnd.UNDEFINED, EpochEnd.UNDEFINED));
    }

    @Test
    void aFollowerWithoutThatEpochKeepsOnlyWhatIsCommittedAndBelowTheLeadersEnd() {
        EpochEnd leader = new EpochEnd(2, 70);
        assertEquals(30, TruncationPoint.of(leader, EpochEnd.UNDEFINED, 80, 30));
        assertEquals(70, TruncationPoint.of(leader, EpochEnd.UNDEFINED, 80, 75));
        assertTrue(TruncationPoint.isFinal(leader, EpochEnd.UNDEFINED));
    }

    @Test
    void neverMovesPastTheFollowersLogEnd() {
        assertEquals(12, TruncationPoint.of(new EpochEnd(5, 90), new EpochEnd(5, 12), 12, 0));
    }

    @Test
    void rejectsAFollowerAnswerForAHigherEpochThanTheLeaders() {
        assertThrows(IllegalArgumentException.class,
                () -> TruncationPoint.of(new EpochEnd(1, 10), new EpochEnd(2, 10), 10, 0));
    }
}
