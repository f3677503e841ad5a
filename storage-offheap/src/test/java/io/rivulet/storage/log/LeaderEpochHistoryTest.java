package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure leader-epoch history: assignment, Kafka's end-offset answers, truncation at both ends. */
class LeaderEpochHistoryTest {
    /** Epoch 0 wrote offsets 0..9, epoch 2 wrote 10..24, epoch 5 from 25 on. */
    private static final LeaderEpochHistory THREE = LeaderEpochHistory.empty().assign(0, 0).assign(2, 10).assign(5, 25);

    private static List<EpochEntry> entries(long... epochAndStart) {
        List<EpochEntry> out = new java.util.ArrayList<>();
        for (int i = 0; i < epochAndStart.length; i += 2) {
            out.add(new EpochEntry((int) epochAndStart[i], epochAndStart[i + 1]));
        }
        return out;
    }

    @Test
    void anEmptyHistoryHasNoLatestEpochAndAnswersUndefined() {
        LeaderEpochHistory empty = LeaderEpochHistory.empty();
        assertEquals(-1, empty.latestEpoch());
        assertEquals(EpochEnd.UNDEFINED, empty.endOffsetFor(0, 100));
        assertEquals(EpochEnd.UNDEFINED, empty.endOffsetFor(Integer.MAX_VALUE, 100));
    }

    @Test
    void assignAppendsNewerEpochsInOrder() {
        assertEquals(entries(0, 0, 2, 10, 5, 25), THREE.entries());
        assertEquals(5, THREE.latestEpoch());
    }

    @Test
    void assignIgnoresAnEpochThatIsNotNewerThanTheLatest() {
        assertSame(THREE, THREE.assign(5, 30));
        assertSame(THREE, THREE.assign(3, 40));
        assertSame(THREE, THREE.assign(0, 0));
    }

    @Test
    void aNewerEpochStartingAtOrBeforeLaterEntriesReplacesThem() {
        assertEquals(entries(0, 0, 2, 10, 7, 25), THREE.assign(7, 25).entries());
        assertEquals(entries(0, 0, 2, 10, 7, 12), THREE.assign(7, 12).entries());
        assertEquals(entries(0, 0, 7, 10), THREE.assign(7, 10).entries());
        assertEquals(entries(7, 0), THREE.assign(7, 0).entries());
    }

    @Test
    void assignRejectsNegativeEpochsAndOffsets() {
        assertThrows(IllegalArgumentException.class, () -> THREE.assign(-1, 30));
        assertThrows(IllegalArgumentException.class, () -> THREE.assign(6, -1));
    }

    @Test
    void theEndOfAnEpochIsTheStartOfTheNextHigherOne() {
        assertEquals(new EpochEnd(0, 10), THREE.endOffsetFor(0, 40));
        assertEquals(new EpochEnd(2, 25), THREE.endOffsetFor(2, 40));
    }

    @Test
    void theLatestEpochEndsAtTheLogEnd() {
        assertEquals(new EpochEnd(5, 40), THREE.endOffsetFor(5, 40));
    }

    @Test
    void anUnknownEpochIsAnsweredWithTheLargestEpochBelowIt() {
        assertEquals(new EpochEnd(0, 10), THREE.endOffsetFor(1, 40));
        assertEquals(new EpochEnd(2, 25), THREE.endOffsetFor(4, 40));
        assertEquals(new EpochEnd(5, 40), THREE.endOffsetFor(9, 40));
    }

    @Test
    void anEpochBelowEveryEpochIsUndefined() {
        LeaderEpochHistory fromThree = LeaderEpochHistory.empty().assign(3, 100);
        assertEquals(EpochEnd.UNDEFINED, fromThree.endOffsetFor(2, 200));
        assertEquals(EpochEnd.UNDEFINED, fromThree.endOffsetFor(-1, 200));
    }

    @Test
    void truncateFromEndDropsEntriesStartingAtOrAfterTheOffset() {
        assertEquals(entries(0, 0, 2, 10), THREE.truncateFromEnd(25).entries());
        assertEquals(entries(0, 0, 2, 10), THREE.truncateFromEnd(11).entries());
        assertEquals(entries(0, 0), THREE.truncateFromEnd(10).entries());
        assertEquals(List.of(), THREE.truncateFromEnd(0).entries());
        assertSame(THREE, THREE.truncateFromEnd(26));
    }

    @Test
    void truncateFromStartDropsWhollyOlderEntriesAndMovesTheStraddlingOne() {
        assertEquals(entries(2, 12, 5, 25), THREE.truncateFromStart(12).entries());
        assertEquals(entries(2, 10, 5, 25), THREE.truncateFromStart(10).entries());
        assertEquals(entries(0, 9, 2, 10, 5, 25), THREE.truncateFromStart(9).entries());
        assertEquals(entries(5, 40), THREE.truncateFromStart(40).entries(), "the latest epoch is kept on an emptied log");
        assertSame(THREE, THREE.truncateFromStart(0));
    }

    @Test
    void truncateFromStartBelowEveryEntryChangesNothing() {
        LeaderEpochHistory late = LeaderEpochHistory.empty().assign(1, 50);
        assertSame(late, late.truncateFromStart(20));
    }

    @Test
    void ofRejectsEntriesThatDoNotStrictlyIncrease() {
        assertThrows(IllegalArgumentException.class, () -> LeaderEpochHistory.of(entries(0, 0, 0, 10)));
        assertThrows(IllegalArgumentException.class, () -> LeaderEpochHistory.of(entries(0, 10, 1, 10)));
        assertThrows(IllegalArgumentException.class, () -> LeaderEpochHistory.of(entries(2, 0, 1, 10)));
        assertThrows(IllegalArgumentException.class, () -> LeaderEpochHistory.of(entries(-1, 0)));
        assertEquals(THREE, LeaderEpochHistory.of(entries(0, 0, 2, 10, 5, 25)));
    }
}
