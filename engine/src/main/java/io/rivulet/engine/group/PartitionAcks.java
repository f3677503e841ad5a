package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The acknowledgements of one assigned partition, from its assignment until it is revoked: records
 * are delivered in offset order and acknowledged in any order, and the <em>committable position</em>
 * is the end of the contiguous acknowledged prefix — the offset of the oldest delivered record not yet
 * acknowledged, or the offset after the last delivered one when all are (the next offset to read,
 * Kafka's convention). If 5, 6 and 8 are acknowledged but 7 is not, the position is 7.
 *
 * <p><b>Backpressure.</b> At most {@code max.ack.ahead} records may be in flight: delivered, and at or
 * past the oldest unacknowledged one. The consumer delivers a record only while {@link #canDeliver()}
 * and resumes when {@code onProgress} reports that the position moved. That bound is also this
 * object's memory: a ring of at most {@code max.ack.ahead} offsets and flags, grown on demand.
 *
 * <p><b>Revocation.</b> Once the partition is revoked ({@link CommitTracker#revoke}), this object is
 * dead: it forgets its in-flight records, {@link #acknowledge} does nothing and {@link #delivered}
 * returns false. A partition assigned again gets a new {@code PartitionAcks}, so a late acknowledgement
 * from a record handed out before the revocation can never mark the redelivered copy as done.
 *
 * <p>Offsets may have gaps (records never delivered, e.g. skipped below a start position); a gap
 * counts as acknowledged.
 *
 * <p>Thread-safe: acknowledgements come from any thread. {@code onProgress} runs on the acknowledging
 * thread, outside the lock; it must not block.
 */
public final class PartitionAcks {
    /** {@link #position()} before anything is committed or delivered. */
    public static final long NO_POSITION = -1L;
    private static final long[] NO_OFFSETS = new long[0];
    private static final boolean[] NO_FLAGS = new boolean[0];

    private final TopicPartition topicPartition;
    private final int generation;
    private final int maxAckAhead;
    private final Runnable onProgress;
    private long[] offsets = NO_OFFSETS;
    private boolean[] acked = NO_FLAGS;
    private int head;
    private int size;
    private long position;
    private long nextExpected;
    private long committed;
    private boolean revoked;
    private TreeMap<Long, Sinks.Empty<Void>> waiters;

    PartitionAcks(TopicPartition topicPartition, int generation, long committedOffset, int maxAckAhead,
                  Runnable onProgress) {
        this.topicPartition = Objects.requireNonNull(topicPartition, "topicPartition");
        this.generation = generation;
        if (maxAckAhead < 1) {
            throw new IllegalArgumentException("max.ack.ahead must be >= 1 but was " + maxAckAhead);
        }
        if (committedOffset < NO_POSITION) {
            throw new IllegalArgumentException("committed offset of " + topicPartition + " must be >= 0 or "
                    + NO_POSITION + " but was " + committedOffset);
        }
        this.maxAckAhead = maxAckAhead;
        this.onProgress = onProgress;
        this.position = committedOffset;
        this.committed = committedOffset;
        this.nextExpected = Math.max(0, committedOffset);
    }

    /** The partition. */
    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** The group generation in which the partition was assigned (0 outside a group). */
    public int generation() {
        return generation;
    }

    /** Whether one more record may be delivered now: not revoked and fewer than {@code max.ack.ahead} in flight. */
    public synchronized boolean canDeliver() {
        return !revoked && size < maxAckAhead;
    }

    /**
     * Completes as soon as {@link #canDeliver()} is true again, or the partition is revoked: how a
     * consumer paused at {@code max.ack.ahead} knows when to resume.
     */
    public Mono<Void> whenDeliverable() {
        long oldest;
        synchronized (this) {
            if (revoked || size < maxAckAhead) {
                return Mono.empty();
            }
            oldest = offsets[head];
        }
        return whenPast(oldest);
    }

    /** Records delivered at or past the oldest unacknowledged one. */
    public synchronized int inFlight() {
        return size;
    }

    /**
     * Sets where delivery starts when it is not the committed offset — the position {@code auto.offset.reset}
     * or a seek chose — so that this position is committed even before a record arrives.
     *
     * @throws IllegalStateException while records are in flight
     */
    public synchronized void startAt(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("start offset of " + topicPartition + " must be >= 0 but was " + offset);
        }
        if (size > 0) {
            throw new IllegalStateException("cannot move the start of " + topicPartition + " to " + offset + " with "
                    + size + " records in flight; acknowledge them first");
        }
        if (!revoked) {
            position = offset;
            nextExpected = offset;
        }
    }

    /**
     * Records that the record at {@code offset} is being delivered. Returns false, tracking nothing,
     * when the partition was revoked: drop the record then.
     *
     * @throws IllegalStateException when {@code max.ack.ahead} records are already in flight (check
     *         {@link #canDeliver()} first) or the offset is not above the last one delivered
     */
    public synchronized boolean delivered(long offset) {
        if (revoked) {
            return false;
        }
        if (size >= maxAckAhead) {
            throw new IllegalStateException("max.ack.ahead=" + maxAckAhead + " records of " + topicPartition
                    + " are in flight; deliver only while canDeliver() is true");
        }
        if (offset < nextExpected) {
            throw new IllegalStateException("offset " + offset + " of " + topicPartition
                    + " delivered out of order: the next may not be below " + nextExpected);
        }
        if (position == NO_POSITION) {
            position = offset;
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = (head + size) % offsets.length;
        offsets[slot] = offset;
        acked[slot] = false;
        size++;
        nextExpected = offset + 1;
        return true;
    }

    /**
     * Marks the record at {@code offset} processed. Idempotent; ignored for offsets not in flight
     * (already behind the position, never delivered) and after revocation.
     */
    public void acknowledge(long offset) {
        boolean advanced = false;
        List<Sinks.Empty<Void>> woken = List.of();
        synchronized (this) {
            int index = revoked ? -1 : indexOf(offset);
            if (index < 0) {
                return;
            }
            acked[(head + index) % offsets.length] = true;
            while (size > 0 && acked[head]) {
                position = offsets[head] + 1;
                head = (head + 1) % offsets.length;
                size--;
                advanced = true;
            }
            if (advanced && waiters != null) {
                woken = take(waiters.headMap(position, false));
            }
        }
        woken.forEach(Sinks.Empty::tryEmitEmpty);
        if (advanced && onProgress != null) {
            onProgress.run();
        }
    }

    /**
     * Completes once the committable position is past {@code offset} — every delivered record up to it
     * acknowledged — or once the partition is revoked, whichever comes first (check
     * {@link #isRevoked()} after). Waiters are kept per offset, so their number is bounded by the
     * records in flight.
     */
    public Mono<Void> whenPast(long offset) {
        synchronized (this) {
            if (revoked || (position != NO_POSITION && position > offset)) {
                return Mono.empty();
            }
            if (waiters == null) {
                waiters = new TreeMap<>();
            }
            return waiters.computeIfAbsent(offset, o -> Sinks.empty()).asMono();
        }
    }

    /** The committable position, or {@link #NO_POSITION} while nothing is committed or delivered. */
    public synchronized long position() {
        return position;
    }

    /** The position last committed, or {@link #NO_POSITION}. */
    public synchronized long committedPosition() {
        return committed;
    }

    /** Whether the partition was revoked. */
    public synchronized boolean isRevoked() {
        return revoked;
    }

    /** The committable position if it differs from the committed one, else {@link #NO_POSITION}. */
    synchronized long uncommittedPosition() {
        return revoked || position == committed ? NO_POSITION : position;
    }

    /** Notes that {@code committedPosition} is durable. */
    synchronized void markCommitted(long committedPosition) {
        committed = committedPosition;
    }

    /** Forgets everything in flight; later acknowledgements and deliveries are ignored. */
    void revoke() {
        List<Sinks.Empty<Void>> woken = List.of();
        synchronized (this) {
            revoked = true;
            size = 0;
            offsets = NO_OFFSETS;
            acked = NO_FLAGS;
            if (waiters != null) {
                woken = take(waiters);
            }
        }
        woken.forEach(Sinks.Empty::tryEmitEmpty);
    }

    private static List<Sinks.Empty<Void>> take(Map<Long, Sinks.Empty<Void>> some) {
        List<Sinks.Empty<Void>> out = new ArrayList<>(some.values());
        some.clear();
        return out;
    }

    /** Slots allocated now, at most {@code max.ack.ahead}. */
    synchronized int capacity() {
        return offsets.length;
    }

    /** The ring index (from head) of {@code offset}, or -1. Offsets in the ring increase. */
    private int indexOf(long offset) {
        if (size == 0 || offset < offsets[head]) {
            return -1;
        }
        long guess = offset - offsets[head];
        if (guess < size && offsets[(int) ((head + guess) % offsets.length)] == offset) {
            return (int) guess; // no gaps before it: the common case
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = offsets[(head + mid) % offsets.length];
            if (at < offset) {
                lo = mid + 1;
            } else if (at > offset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void grow() {
        int capacity = (int) Math.min(maxAckAhead, Math.max(16L, offsets.length * 2L));
        long[] o = new long[capacity];
        boolean[] a = new boolean[capacity];
        for (int i = 0; i < size; i++) {
            o[i] = offsets[(head + i) % offsets.length];
            a[i] = acked[(head + i) % offsets.length];
        }
        offsets = o;
        acked = a;
        head = 0;
    }

    @Override
    public synchronized String toString() {
        return "PartitionAcks[" + topicPartition + ", position=" + position + ", committed=" + committed
                + ", inFlight=" + size + (revoked ? ", revoked" : "") + "]";
    }
}
