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

}
