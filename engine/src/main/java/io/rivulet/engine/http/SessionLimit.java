package io.rivulet.engine.http;

import java.util.concurrent.atomic.AtomicInteger;

/** How many WebSocket sessions are open on this listener, bounded by {@code ws.sessions.max}. Thread-safe. */
final class SessionLimit {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    SessionLimit(int max) {
        this.max = max;
    }

    /** Takes a slot; false when all {@code max} are in use. */
    boolean tryAcquire() {
        while (true) {
            int n = open.get();
            if (n >= max) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }

    int max() {
        return max;
    }
}
