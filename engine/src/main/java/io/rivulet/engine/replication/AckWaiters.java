package io.rivulet.engine.replication;

import java.util.function.Consumer;

/**
 * The {@code acks=all} produces of one partition waiting for the high watermark to pass their last
 * offset, completed in offset order. Bounded: when {@code capacity} produces wait already,
 * {@link #add} refuses, and the caller fails that produce with a typed error rather than queue
 * without limit.
 *
 * <p>A waiter's requirement is the high watermark that covers it: its last offset plus one. Waiters
 * are kept sorted by requirement in a ring of preallocated slots, so the usual case — produces added
 * in offset order — costs no allocation and no search; one added out of order is inserted in place,
 * after waiters with the same requirement.
 *
 * <p>Callbacks run on the caller's thread, each waiter's once. They should not throw; if one does,
 * the others still run and the first error is rethrown at the end. A callback may add waiters.
 *
 * <p>Not thread-safe: the caller serializes (the partition's writer).
 */
public final class AckWaiters {
    private final long[] required;
    private final Runnable[] onDone;
    private final Consumer<Throwable>[] onFail;
    private int head;
    private int size;
    private long highWatermark = -1;

    @SuppressWarnings("unchecked")
    public AckWaiters(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        required = new long[capacity];
        onDone = new Runnable[capacity];
        onFail = (Consumer<Throwable>[]) new Consumer<?>[capacity];
    }

    /**
     * Waits for the high watermark to reach {@code requiredHighWatermark}, or runs {@code onDone} at
     * once if the last one reported already does. Returns false, running nothing, when
     * {@code capacity} waiters wait already.
     */
    public boolean add(long requiredHighWatermark, Runnable onDone, Consumer<Throwable> onFail) {
        if (requiredHighWatermark <= highWatermark) {
            onDone.run();
            return true;
        }
        if (size == required.length) {
            return false;
        }
        int at = size;
        // Shift later requirements up by one; in offset order this loop does not run.
        while (at > 0 && required[slot(at - 1)] > requiredHighWatermark) {
            move(slot(at - 1), slot(at));
            at--;
        }
        int s = slot(at);
        required[s] = requiredHighWatermark;
        this.onDone[s] = onDone;
        this.onFail[s] = onFail;
        size++;
        return true;
    }

    /** Runs {@code onDone} of every waiter whose requirement is at most {@code hw}, in order. */
    public void highWatermarkMoved(long hw) {
        highWatermark = Math.max(highWatermark, hw);
        RuntimeException first = null;
        while (size > 0 && required[head] <= highWatermark) {
            Runnable done = onDone[head];
            removeHead();
            try {
                done.run();
            } catch (RuntimeException e) {
                first = keep(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Fails every waiter with {@code cause}, in order: leadership was lost, or the partition closed. */
    public void failAll(Throwable cause) {
        RuntimeException first = null;
        for (int n = size; n > 0 && size > 0; n--) { // only those waiting now, not ones a callback adds
            Consumer<Throwable> fail = onFail[head];
            removeHead();
            try {
                fail.accept(cause);
            } catch (RuntimeException e) {
                first = keep(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    public int size() {
        return size;
    }

    private void removeHead() {
        onDone[head] = null; // let the produce's state go
        onFail[head] = null;
        head = slot(1);
        size--;
    }

    private void move(int from, int to) {
        required[to] = required[from];
        onDone[to] = onDone[from];
        onFail[to] = onFail[from];
    }

    private int slot(int index) {
        return (head + index) % required.length;
    }

    private static RuntimeException keep(RuntimeException first, RuntimeException e) {
        if (first == null) {
            return e;
        }
        first.addSuppressed(e);
        return first;
    }
}
