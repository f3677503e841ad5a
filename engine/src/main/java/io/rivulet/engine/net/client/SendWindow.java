package io.rivulet.engine.net.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets an idempotent producer's batches to one partition go out at most {@code size} past the oldest one not
 * yet answered; later ones wait here, in order.
 *
 * <p>Why: the leader remembers each producer's last {@link io.rivulet.engine.replication.ProducerStateTable#CACHED_BATCHES}
 * batches. A batch whose answer was lost is sent again, and the leader must still find it among those to answer
 * it as a duplicate. Counting from the oldest unanswered batch (not just how many are out) keeps it so: every
 * batch the leader appended after it is one of the {@code size - 1} sent after it.
 *
 * <p>Thread-safe; sends are started outside the lock, on the thread that made room. A send may answer its own
 * slot before it returns (a batch that fails at once), which makes room for the next: such sends are started by
 * a loop, one after the other, never by a call inside the previous one, so thousands of batches failing together
 * (their delivery timeout passed during a failover) cannot overflow the stack.
 */
final class SendWindow {
    private final int size;
    private final ArrayDeque<Slot> unanswered = new ArrayDeque<>();
    private final ArrayDeque<Slot> toStart = new ArrayDeque<>(); // guarded by this
    private boolean starting; // guarded by this: a thread is in startQueued

    SendWindow(int size) {
        this.size = size;
    }

    /** One batch's place in line; hand it back to {@link #answered} once the batch succeeded or failed for good. */
    static final class Slot {
        private final Consumer<Slot> send;
        private boolean started;
        private boolean answered;

        private Slot(Consumer<Slot> send) {
            this.send = send;
        }
    }

    /** Queues a batch behind the earlier ones; {@code send} runs (now or later) once the window reaches it. */
    void submit(Consumer<Slot> send) {
        synchronized (this) {
            unanswered.addLast(new Slot(send));
            toStart.addAll(startable());
        }
        startQueued();
    }

    /** The batch of {@code slot} has its answer; the window moves past every answered batch at its head. */
    void answered(Slot slot) {
        synchronized (this) {
            slot.answered = true;
            while (!unanswered.isEmpty() && unanswered.peekFirst().answered) {
                unanswered.pollFirst();
            }
            toStart.addAll(startable());
        }
        startQueued();
    }

    /** Starts the queued sends in order, unless this or another thread is already doing so. */
    private void startQueued() {
        synchronized (this) {
            if (starting) {
                return; // that loop takes what was just queued
            }
            starting = true;
        }
        for (;;) {
            Slot next;
            synchronized (this) {
                next = toStart.poll();
                if (next == null) {
                    starting = false;
                    return;
                }
            }
            try {
                next.send.accept(next);
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    starting = false; // let the next caller go on with the rest
                }
                throw e;
            }
        }
    }

    /** Batches not answered yet (sent or waiting), for tests. */
    synchronized int pending() {
        return unanswered.size();
    }

    private List<Slot> startable() {
        List<Slot> start = new ArrayList<>(0);
        int i = 0;
        for (Slot s : unanswered) {
            if (i++ == size) {
                break;
            }
            if (!s.started) {
                s.started = true;
                start.add(s);
            }
        }
        return start;
    }
}
