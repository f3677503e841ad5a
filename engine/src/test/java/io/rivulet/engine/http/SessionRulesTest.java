package io.rivulet.engine.http;

import io.rivulet.api.RecordOffset;
import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure rules of WebSocket sessions: stall detection, resume positions, client acks, the session limit. */
class SessionRulesTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aSocketIsStalledOnlyWhenFramesWaitAndNoneIsWrittenForTheWholeTimeout() {
        StallWatch watch = new StallWatch(2 * SECOND);
        assertFalse(watch.stalled(5, 100, 0));
        assertFalse(watch.stalled(5, 100, 2 * SECOND));
        assertTrue(watch.stalled(5, 100, 2 * SECOND + 1));
    }

    @Test
    void aWriteRestartsTheClock() {
        StallWatch watch = new StallWatch(2 * SECOND);
        assertFalse(watch.stalled(5, 100, 0));
        assertFalse(watch.stalled(5, 101, SECOND + SECOND / 2));
        assertFalse(watch.stalled(5, 101, 3 * SECOND));
        assertTrue(watch.stalled(5, 101, 4 * SECOND));
    }

    @Test
    void anIdleSocketWithNothingWaitingIsNeverStalled() {
        StallWatch watch = new StallWatch(2 * SECOND);
        for (long t = 0; t < 10 * SECOND; t += SECOND) {
            assertFalse(watch.stalled(0, 100, t));
        }
        assertFalse(watch.stalled(1, 100, 10 * SECOND), "the clock starts when a frame starts waiting");
        assertTrue(watch.stalled(1, 100, 13 * SECOND));
    }

    @Test
    void positionsStartWhereTheReadStartsAndAdvancePastEachWrittenRecord() {
        ConsumePositions positions = new ConsumePositions();
        positions.start(0, 10);
        positions.start(1, 40);
        positions.written(0, 10);
        positions.written(0, 11);
        positions.start(0, 3); // a late seed never moves a partition back
        assertEquals("positions:0=12,1=40", positions.resumeForm());
        assertEquals("too far behind: reconnect with from=positions:0=12,1=40", positions.tooFarBehindReason());
    }

    @Test
    void aReasonTooLongForACloseFrameSaysWhereToLookInstead() {
        ConsumePositions positions = new ConsumePositions();
        for (int p = 0; p < 40; p++) {
            positions.start(p, 1_000_000 + p);
        }
        String reason = positions.tooFarBehindReason();
        assertTrue(reason.getBytes(StandardCharsets.UTF_8).length <= ConsumePositions.MAX_REASON_BYTES, reason);
        assertTrue(reason.contains("positions:"), reason);
    }

    @Test
    void anAckAcknowledgesThatRecordAndEveryEarlierOneOfItsPartition() {
        ClientAcks acks = new ClientAcks();
        List<Long> acknowledged = new ArrayList<>();
        for (long o = 5; o < 10; o++) {
            acks.delivered(0, offset(0, o, acknowledged));
        }
        acks.delivered(1, offset(1, 100, acknowledged));
        assertEquals(3, acks.ack(0, 7));
        assertEquals(List.of(5L, 6L, 7L), acknowledged);
        assertEquals(3, acks.pending());
        HttpProblem twice = assertThrows(HttpProblem.class, () -> acks.ack(0, 7));
        assertEquals("INVALID_OFFSET", twice.code());
        HttpProblem ahead = assertThrows(HttpProblem.class, () -> acks.ack(0, 10));
        assertTrue(ahead.getMessage().contains("not delivered"), ahead.getMessage());
        assertThrows(HttpProblem.class, () -> acks.ack(2, 0));
    }

    @Test
    void theSessionLimitRefusesPastItsMaximumAndFreesOnRelease() {
        SessionLimit limit = new SessionLimit(2);
        assertTrue(limit.tryAcquire());
        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        limit.release();
        assertTrue(limit.tryAcquire());
        assertEquals(2, limit.open());
    }

    @Test
    void onceRunsItsActionsOnlyTheFirstTime() {
        int[] runs = new int[1];
        Runnable end = Upgrades.once(() -> runs[0]++, () -> runs[0] += 10);
        end.run();
        end.run();
        assertEquals(11, runs[0]);
    }

    private static RecordOffset offset(int partition, long offset, List<Long> acknowledged) {
        TopicPartition tp = new TopicPartition("t", partition);
        return new RecordOffset() {
            @Override
            public TopicPartition topicPartition() {
                return tp;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public void acknowledge() {
                acknowledged.add(offset);
            }

            @Override
            public Mono<Void> commit() {
                return Mono.empty();
            }
        };
    }
}
