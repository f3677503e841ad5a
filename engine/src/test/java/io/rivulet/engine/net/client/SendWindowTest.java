package io.rivulet.engine.net.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    private final SendWindow window = new SendWindow(3);
    private final List<Integer> started = new ArrayList<>();
    private final List<SendWindow.Slot> slots = new ArrayList<>();

    private void submit(int batch) {
        window.submit(slot -> {
            started.add(batch);
            while (slots.size() <= batch) {
                slots.add(null);
            }
            slots.set(batch, slot);
        });
    }

    @Test
    void sendsAtMostTheWindowPastTheOldestUnanswered() {
        for (int i = 0; i < 5; i++) {
            submit(i);
        }
        assertEquals(List.of(0, 1, 2), started);
        window.answered(slots.get(1));
        assertEquals(List.of(0, 1, 2), started, "batch 0 is still out: the window does not move");
        window.answered(slots.get(0));
        assertEquals(List.of(0, 1, 2, 3, 4), started, "0 and 1 answered: two more go");
        assertEquals(3, window.pending());
    }

    @Test
    void aBatchSubmittedWithRoomGoesAtOnce() {
        submit(0);
        window.answered(slots.get(0));
        submit(1);
        assertEquals(List.of(0, 1), started);
        assertEquals(1, window.pending());
    }

    @Test
    void sendsThatAnswerAtOnceAreStartedOneAfterTheOtherNotInsideEachOther() {
        // a failover's worth of batches failing together: each send fails (answers its slot) before returning
        SendWindow narrow = new SendWindow(1);
        List<Integer> order = new ArrayList<>();
        SendWindow.Slot[] head = new SendWindow.Slot[1];
        narrow.submit(slot -> head[0] = slot); // out, unanswered: everything after waits
        int waiting = 100_000;
        for (int i = 0; i < waiting; i++) {
            int batch = i;
            narrow.submit(slot -> {
                order.add(batch);
                narrow.answered(slot);
            });
        }
        narrow.answered(head[0]); // deep recursion here overflowed the stack before
        assertEquals(waiting, order.size());
        for (int i = 0; i < waiting; i++) {
            assertEquals(i, order.get(i));
        }
        assertEquals(0, narrow.pending());
    }


    @Test
    void batchesThatFailedTogetherGoAgainInSequenceOrder() {
        List<String> events = new ArrayList<>();
        SendWindow.Slot[] out = submitLogged(3, events);
        // the leader died: all three fail; their owners are ready to send again, the latest first
        assertEquals(false, window.failed(out[2]));
        window.whenTurn(out[2], again(out, 2, events));
        assertEquals(false, window.failed(out[1]));
        window.whenTurn(out[1], again(out, 1, events));
        assertEquals(true, window.failed(out[0]), "the oldest unanswered batch pauses before it goes again");
        assertEquals(List.of("send 0", "send 1", "send 2"), events, "nothing goes before batch 0");
        window.whenTurn(out[0], again(out, 0, events));
        assertEquals(List.of("send 0", "send 1", "send 2", "again 0", "again 1", "again 2"), events,
                "each goes once the one before it went");
    }

    @Test
    void aFailedBatchHoldsBackLaterFirstSends() {
        List<String> events = new ArrayList<>();
        SendWindow.Slot[] out = submitLogged(4, events); // window 3: batch 3 waits for room
        window.failed(out[0]);
        window.answered(out[1]); // answered out of order: no room yet, batch 0 is the oldest
        window.failed(out[2]);
        window.whenTurn(out[2], again(out, 2, events));
        assertEquals(List.of("send 0", "send 1", "send 2"), events);
        window.whenTurn(out[0], again(out, 0, events));
        assertEquals(List.of("send 0", "send 1", "send 2", "again 0", "again 2"), events);
        window.answered(out[0]); // room for batch 3; batch 2's attempt has started, so 3 may follow it
        assertEquals(List.of("send 0", "send 1", "send 2", "again 0", "again 2", "send 3"), events);
    }

    @Test
    void aBatchThatFailsBehindAnAttemptStillOutWaitsForThatAttempt() {
        List<String> events = new ArrayList<>();
        SendWindow.Slot[] out = submitLogged(2, events);
        // batch 1 was refused (out of order) while batch 0's attempt is still out: going again at once would race it
        window.failed(out[1]);
        window.whenTurn(out[1], again(out, 1, events));
        assertEquals(List.of("send 0", "send 1"), events);
        window.failed(out[0]);
        window.whenTurn(out[0], again(out, 0, events));
        assertEquals(List.of("send 0", "send 1", "again 0", "again 1"), events);
    }

    @Test
    void aCancelledWaitDoesNotRun() {
        List<String> events = new ArrayList<>();
        SendWindow.Slot[] out = submitLogged(2, events);
        window.failed(out[1]);
        Runnable cancel = window.whenTurn(out[1], again(out, 1, events));
        cancel.run();
        window.answered(out[0]);
        assertEquals(List.of("send 0", "send 1"), events);
    }

    /** What a producer's retry does when its turn comes: log it and start the attempt. */
    private Runnable again(SendWindow.Slot[] out, int batch, List<String> events) {
        return () -> {
            events.add("again " + batch);
            window.sending(out[batch]);
        };
    }

    private SendWindow.Slot[] submitLogged(int count, List<String> events) {
        SendWindow.Slot[] out = new SendWindow.Slot[count];
        for (int i = 0; i < count; i++) {
            int batch = i;
            window.submit(slot -> {
                events.add("send " + batch);
                out[batch] = slot;
            });
        }
        return out;
    }
}
