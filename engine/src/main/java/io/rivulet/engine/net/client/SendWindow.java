package io.rivulet.engine.net.client;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The order in which an idempotent producer's batches to one partition go out: at most {@code size} past the
 * oldest one not yet answered, and after a failure, sent again in sequence order.
 *
 * <p>Why the bound: the leader remembers each producer's last
 * {@link io.rivulet.engine.replication.ProducerStateTable#CACHED_BATCHES} batches. A batch whose answer was lost
 * is sent again, and the leader must still find it among those to answer it as a duplicate. Counting from the
 * oldest unanswered batch (not just how many are out) keeps it so: every batch the leader appended after it is
 * one of the {@code size - 1} sent after it.
 *
 * <p>Why the order: the leader takes a producer's batches only in sequence order and refuses the others as out of
 * order. After a failover every batch in flight fails together; sent again each on its own timer they reached the
 * new leader shuffled, most were refused and went round again, and with one small batch every few milliseconds
 * the leader took about one per round while the producer made dozens — the backlog grew until the delivery
 * timeout (docs/benchmarks.md, the failover probe). So a batch that failed ({@link #failed}) holds back every
 * later batch, and goes again ({@link #whenTurn}) only once every earlier unanswered batch has been sent again
 * since it failed; the oldest goes after its owner's pause. Then the batches go out one after the other, in order,
 * on the partition's one connection, and a healthy leader takes them all.
 *
 * <p>Thread-safe; sends are started outside the lock, by one loop at a time, one after the other. A send may
 * answer its own slot before it returns (a batch that fails at once), which makes room for the next: never by a
 * call inside the previous one, so thousands of batches failing together (their delivery timeout passed during a
 * failover) cannot overflow the stack.
 */
final class SendWindow {
    private final int size;
    private final ArrayDeque<Slot> unanswered = new ArrayDeque<>(); // guarded by this
    private long attempts; // guarded by this: counts attempts started, to order them
    private boolean draining; // guarded by this: a thread is in drain

    SendWindow(int size) {
        this.size = size;
    }

    /** One batch's place in line; hand it back to {@link #answered} once the batch succeeded or failed for good. */
    static final class Slot {
        private final Consumer<Slot> send;
        private boolean started;
        private boolean answered;
        private boolean waiting; // its last attempt failed and it has not gone again
        private long failedAt; // attempts started when it failed
        private long sentAt; // when its current attempt started
        private Runnable onTurn; // goes again once its turn comes

        private Slot(Consumer<Slot> send) {
            this.send = send;
        }
    }

    /** Queues a batch behind the earlier ones; {@code send} runs (now or later) once the window reaches it. */
    void submit(Consumer<Slot> send) {
        synchronized (this) {
            unanswered.addLast(new Slot(send));
        }
        drain();
    }

    /** The batch of {@code slot} has its answer; the window moves past every answered batch at its head. */
    void answered(Slot slot) {
        synchronized (this) {
            slot.answered = true;
            slot.waiting = false;
            slot.onTurn = null;
            while (!unanswered.isEmpty() && unanswered.peekFirst().answered) {
                unanswered.pollFirst();
            }
        }
        drain();
    }

    /** An attempt to send {@code slot}'s batch starts: the first, or one after a failure. */
    void sending(Slot slot) {
        synchronized (this) {
            slot.waiting = false;
            slot.sentAt = ++attempts;
        }
        drain();
    }

    /**
     * The last attempt of {@code slot} failed and it will be sent again: until then, later batches wait. Returns
     * true if it is the oldest unanswered batch, which goes again after a pause (the others go when their turn
     * comes, as soon as the batches before them have gone).
     */
    synchronized boolean failed(Slot slot) {
        slot.waiting = true;
        slot.failedAt = attempts;
        return unanswered.peekFirst() == slot;
    }

    /**
     * Runs {@code go} once it is {@code slot}'s turn to go again (after {@link #failed}): every earlier unanswered
     * batch has been sent again since it failed. Returns what cancels the wait.
     */
    Runnable whenTurn(Slot slot, Runnable go) {
        synchronized (this) {
            slot.onTurn = go;
        }
        drain();
        return () -> {
            synchronized (this) {
                if (slot.onTurn == go) {
                    slot.onTurn = null;
                }
            }
        };
    }

    /** Runs what may go now, in order, unless this or another thread is already doing so. */
    private void drain() {
        synchronized (this) {
            if (draining) {
                return; // that loop looks again after its current run
            }
            draining = true;
        }
        for (;;) {
            Runnable next;
            synchronized (this) {
                next = next();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    draining = false; // let the next caller go on with the rest
                }
                throw e;
            }
        }
    }

    /**
     * The first send or resend that may go now, taken; null if none. Scans in sequence order: a batch waiting to
     * go again blocks every later one; it goes itself once every earlier unanswered batch started an attempt after
     * its failure. Caller holds this.
     */
    private Runnable next() {
        long earliestEarlierAttempt = Long.MAX_VALUE;
        int i = 0;
        for (Slot s : unanswered) {
            if (i++ == size) {
                return null;
            }
            if (s.answered) {
                continue;
            }
            if (!s.started) {
                s.started = true;
                s.sentAt = ++attempts;
                Slot slot = s;
                return () -> slot.send.accept(slot);
            }
            if (s.waiting) {
                if (s.onTurn == null || earliestEarlierAttempt <= s.failedAt) {
                    return null;
                }
                Runnable go = s.onTurn;
                s.onTurn = null;
                return go;
            }
            earliestEarlierAttempt = Math.min(earliestEarlierAttempt, s.sentAt);
        }
        return null;
    }

    /** Batches not answered yet (sent or waiting), for tests. */
    synchronized int pending() {
        return unanswered.size();
    }
}
