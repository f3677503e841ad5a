package io.rivulet.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** acks=all waiters: completion by high watermark in offset order, the bound, failing them all. */
class AckWaitersTest {
    private final List<String> events = new ArrayList<>();

    private boolean add(AckWaiters w, long required, String name) {
        return w.add(required, () -> events.add(name + " done"), e -> events.add(name + " failed: " + e.getMessage()));
    }

    @Test
    void completesEveryWaiterTheHighWatermarkCoversInOffsetOrder() {
        AckWaiters w = new AckWaiters(8);
        add(w, 5, "a");
        add(w, 10, "b");
        add(w, 15, "c");
        w.highWatermarkMoved(4);
        assertEquals(List.of(), events);
        w.highWatermarkMoved(12);
        assertEquals(List.of("a done", "b done"), events);
        assertEquals(1, w.size());
    }

    @Test
    void aWaiterAddedOutOfOrderIsStillCompletedInOffsetOrder() {
        AckWaiters w = new AckWaiters(8);
        add(w, 10, "b");
        add(w, 20, "d");
        add(w, 5, "a");
        add(w, 10, "b2"); // same requirement: after the earlier one
        add(w, 15, "c");
        w.highWatermarkMoved(100);
        assertEquals(List.of("a done", "b done", "b2 done", "c done", "d done"), events);
    }

    @Test
    void refusesBeyondItsCapacity() {
        AckWaiters w = new AckWaiters(2);
        assertTrue(add(w, 1, "a"));
        assertTrue(add(w, 2, "b"));
        assertFalse(add(w, 3, "c"));
        assertEquals(2, w.size());
        w.highWatermarkMoved(1);
        assertTrue(add(w, 3, "c"), "room again once one completed");
    }

    @Test
    void theRingWrapsAround() {
        AckWaiters w = new AckWaiters(3);
        for (int i = 1; i <= 20; i++) {
            add(w, i, "w" + i);
            add(w, i + 1000, "late" + i);
            w.highWatermarkMoved(i);
            w.failAll(new IllegalStateException("x"));
        }
        assertEquals(0, w.size());
        assertEquals("w20 done", events.get(events.size() - 2));
    }

    @Test
    void aWaiterTheHighWatermarkAlreadyCoversCompletesAtOnce() {
        AckWaiters w = new AckWaiters(1);
        w.highWatermarkMoved(10);
        assertTrue(add(w, 10, "a"));
        assertEquals(List.of("a done"), events);
        assertEquals(0, w.size());
    }

    @Test
    void aLowerHighWatermarkIsIgnored() {
        AckWaiters w = new AckWaiters(4);
        w.highWatermarkMoved(10);
        w.highWatermarkMoved(3);
        add(w, 8, "a");
        assertEquals(List.of("a done"), events);
    }

    @Test
    void failAllFailsEveryWaiterInOrderAndEmptiesIt() {
        AckWaiters w = new AckWaiters(4);
        add(w, 5, "a");
        add(w, 6, "b");
        w.failAll(new IllegalStateException("NOT_LEADER"));
        assertEquals(List.of("a failed: NOT_LEADER", "b failed: NOT_LEADER"), events);
        assertEquals(0, w.size());
        w.highWatermarkMoved(100);
        assertEquals(2, events.size(), "nothing completes twice");
    }

    @Test
    void aCallbackThatThrowsDoesNotStopTheOthers() {
        AckWaiters w = new AckWaiters(4);
        RuntimeException boom = new RuntimeException("boom");
        w.add(1, () -> {
            throw boom;
        }, e -> { });
        add(w, 2, "b");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> w.highWatermarkMoved(5));
        assertSame(boom, thrown);
        assertEquals(List.of("b done"), events);
    }

    @Test
    void aCallbackMayAddWaiters() {
        AckWaiters w = new AckWaiters(4);
        w.add(1, () -> add(w, 3, "next"), e -> { });
        w.highWatermarkMoved(2);
        assertEquals(1, w.size());
        w.highWatermarkMoved(3);
        assertEquals(List.of("next done"), events);
    }
}
