package io.rivulet.engine.replication;

import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a leader moved off its partition checks before it hands over: the target holds its high watermark. */
class LeaderStateTest {

    @Test
    void aNewReplicaHoldsTheHighWatermarkOnlyOnceItAcknowledgedReachingIt() {
        LeaderState leader = new LeaderState(new TopicPartition("t", 0), 1, 3, List.of(1, 2, 3, 4), List.of(1, 2, 3),
                1, 0, 0, 0);
        leader.appended(10);
        leader.followerAcked(2, 10, 1);
        leader.followerAcked(3, 10, 1);
        assertEquals(10, leader.highWatermark());
        assertTrue(leader.heldBy(List.of(2, 3)));
        assertFalse(leader.heldBy(List.of(2, 4)), "node 4 has not acknowledged anything to this leader");

        leader.followerAcked(4, 7, 2);
        assertFalse(leader.heldBy(List.of(4)), "7 is below the high watermark 10");
        leader.followerAcked(4, 10, 3);
        assertTrue(leader.heldBy(List.of(2, 3, 4)));
    }
}
