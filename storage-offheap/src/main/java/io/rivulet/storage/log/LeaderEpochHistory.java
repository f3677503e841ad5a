package io.rivulet.storage.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Which leader epoch wrote which offsets of a log: Kafka's leader-epoch cache (KIP-101, KIP-279).
 * An ordered list of {@link EpochEntry}s whose epochs and start offsets both strictly increase; an
 * epoch covers the offsets from its start up to the next entry's start, the latest one up to the
 * log end.
 *
 * <p>Immutable: every change returns a new history, or this same instance when nothing changed.
 * That is how the log knows it must rewrite its checkpoint (an identity compare), and why readers on
 * other threads may use a history without a lock. It changes once per leader change, so copying
 * the few entries is no cost.
 */
final class LeaderEpochHistory {
    private static final LeaderEpochHistory EMPTY = new LeaderEpochHistory(List.of());

    private final List<EpochEntry> entries;
    private final int latestEpoch;

    private LeaderEpochHistory(List<EpochEntry> entries) {
        this.entries = entries;
        this.latestEpoch = entries.isEmpty() ? -1 : entries.get(entries.size() - 1).epoch();
    }

    static LeaderEpochHistory empty() {
        return EMPTY;
    }

    /**
     * A history of {@code entries}, as read back from a checkpoint.
     *
     * @throws IllegalArgumentException if an epoch or offset is negative or they do not strictly increase
     */
    static LeaderEpochHistory of(List<EpochEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            EpochEntry e = entries.get(i);
            checkNonNegative(e.epoch(), e.startOffset());
            if (i > 0) {
                EpochEntry before = entries.get(i - 1);
                if (e.epoch() <= before.epoch() || e.startOffset() <= before.startOffset()) {
                    throw new IllegalArgumentException("leader epochs must strictly increase in epoch and start offset: "
                            + before + " then " + e);
                }
            }
        }
        return entries.isEmpty() ? EMPTY : new LeaderEpochHistory(List.copyOf(entries));
    }

    List<EpochEntry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The latest epoch, or -1 when the history is empty. */
    int latestEpoch() {
        return latestEpoch;
    }

    /**
     * Records that {@code epoch} starts writing at {@code startOffset}. Ignored (returns this) when
     * {@code epoch} is not newer than the latest. Entries starting at or after {@code startOffset}
     * are replaced, as Kafka does: they describe offsets that a truncation took away and the new
     * epoch now writes, so keeping them would break the order of start offsets.
     *
     * @throws IllegalArgumentException if {@code epoch} or {@code startOffset} is negative
     */
    LeaderEpochHistory assign(int epoch, long startOffset) {
        checkNonNegative(epoch, startOffset);
        if (epoch <= latestEpoch) {
            return this;
        }
        List<EpochEntry> next = new ArrayList<>(entries.size() + 1);
        for (EpochEntry e : entries) {
            if (e.startOffset() < startOffset) {
                next.add(e);
            }
        }
        next.add(new EpochEntry(epoch, startOffset));
        return new LeaderEpochHistory(List.copyOf(next));
    }

    /**
     * Where {@code requestedEpoch} ends, as a leader answers a follower: the largest known epoch at
     * most {@code requestedEpoch}, with the start offset of the next higher epoch as its end, or
     * {@code logEndOffset} if it is the latest (also when {@code requestedEpoch} is above every
     * epoch). {@link EpochEnd#UNDEFINED} when {@code requestedEpoch} is below every epoch or the
     * history is empty: then this log cannot say where the asker diverged.
     */
    EpochEnd endOffsetFor(int requestedEpoch, long logEndOffset) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            EpochEntry e = entries.get(i);
            if (e.epoch() <= requestedEpoch) {
                long end = i == entries.size() - 1 ? logEndOffset : entries.get(i + 1).startOffset();
                return new EpochEnd(e.epoch(), end);
            }
        }
        return EpochEnd.UNDEFINED;
    }

    /** Drops the entries that start at or after {@code offset}: the log was truncated there. */
    LeaderEpochHistory truncateFromEnd(long offset) {
        int keep = entries.size();
        while (keep > 0 && entries.get(keep - 1).startOffset() >= offset) {
            keep--;
        }
        return keep == entries.size() ? this : keep == 0 ? EMPTY : new LeaderEpochHistory(List.copyOf(entries.subList(0, keep)));
    }

    /**
     * Drops the entries wholly below {@code offset}, the new log start, and moves the start of the
     * one that straddles it to {@code offset}: no record below the log start is left to describe.
     */
    LeaderEpochHistory truncateFromStart(long offset) {
        int straddling = -1;
        for (int i = 0; i < entries.size() && entries.get(i).startOffset() <= offset; i++) {
            straddling = i;
        }
        if (straddling < 0 || straddling == 0 && entries.get(0).startOffset() == offset) {
            return this;
        }
        List<EpochEntry> next = new ArrayList<>(entries.size() - straddling);
        next.add(new EpochEntry(entries.get(straddling).epoch(), offset));
        next.addAll(entries.subList(straddling + 1, entries.size()));
        return new LeaderEpochHistory(List.copyOf(next));
    }

    private static void checkNonNegative(int epoch, long startOffset) {
        if (epoch < 0 || startOffset < 0) {
            throw new IllegalArgumentException("a leader epoch and its start offset cannot be negative: epoch "
                    + epoch + " at offset " + startOffset);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeaderEpochHistory h && h.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "LeaderEpochHistory" + entries;
    }
}
