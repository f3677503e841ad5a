package io.rivulet.engine.partition;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Wakes readers parked at the end of a partition when the readable end moves. A waiter is a one-shot
 * callback: a reader that has caught up registers one and goes away, holding no thread; the next
 * append (or close) runs it. This is what lets an idle tail cost nothing.
 */
final class AppendSignal {
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final LongSupplier readableEnd;

    AppendSignal(LongSupplier readableEnd) {
        this.readableEnd = readableEnd;
    }

    /**
     * Runs {@code wakeup} once the readable end is past {@code seenEnd}: at once if it already is, else
     * on the next {@link #fire()}. Returns a handle that cancels the wait.
     */
    Runnable await(long seenEnd, Runnable wakeup) {
        Waiter w = new Waiter(wakeup);
        waiters.add(w);
        // Re-check after registering: an append that published between the reader's last look and the
        // add would otherwise fire before we were in the queue and leave us parked forever.
        if (readableEnd.getAsLong() > seenEnd) {
            waiters.remove(w);
            w.run();
        }
        return () -> {
            w.fired.set(true);
            waiters.remove(w);
        };
    }

    /** Wakes every waiter registered so far. Cheap when nobody waits. */
    void fire() {
        Waiter w;
        while ((w = waiters.poll()) != null) {
            w.run();
        }
    }

    int waiting() {
        return waiters.size();
    }

    private static final class Waiter {
        final Runnable wakeup;
        final AtomicBoolean fired = new AtomicBoolean();

        Waiter(Runnable wakeup) {
            this.wakeup = wakeup;
        }

        void run() {
            if (fired.compareAndSet(false, true)) {
                wakeup.run();
            }
        }
    }
}
