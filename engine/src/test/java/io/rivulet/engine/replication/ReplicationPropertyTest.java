package io.rivulet.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random interleavings of leader appends, follower acknowledgements (some after a truncation), time passing and ISR changes
 * (the leader's own proposals committed, and shrinks), with an {@code acks=all} waiter per append.
 * After every step: the high watermark never decreases, is at most the leader's log end and every
 * ISR member's log end (it is the largest smallest-log-end-in-the-ISR so far), the return values say
 * whether it moved, and a waiter has completed iff the high watermark reached its requirement, in order.
 */
class ReplicationPropertyTest {
    private static final int LEADER = 1;
    private static final List<Integer> REPLICAS = List.of(1, 2, 3, 4);
    private static final long LAG_MS = 3_000;

    sealed interface Step {
    }

    record Append(int records) implements Step {
    }

    /** Follower {@code 2 + follower} fetches a fraction of what it lacks and acknowledges. */
    record Ack(int follower, double fraction) implements Step {
    }

    /** Follower {@code 2 + follower} truncated (a leader change) and acknowledges a smaller log end. */
    record Regress(int follower, double fraction) implements Step {
    }

    record Tick(long ms) implements Step {
    }

    record CommitProposal() implements Step {
    }

    record Shrink(int follower) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> append = Arbitraries.integers().between(1, 5).map(Append::new);
        Arbitrary<Step> ack = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1)).as(Ack::new);
        Arbitrary<Step> regress = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1)).as(Regress::new);
        Arbitrary<Step> tick = Arbitraries.longs().between(0, 2_000).map(Tick::new);
        Arbitrary<Step> commit = Arbitraries.just(new CommitProposal());
        Arbitrary<Step> shrink = Arbitraries.integers().between(0, 2).map(Shrink::new);
        return Arbitraries.frequencyOf(Tuple.of(4, append), Tuple.of(6, ack), Tuple.of(2, tick), Tuple.of(2, commit),
                Tuple.of(1, shrink), Tuple.of(1, regress)).list().ofMaxSize(120);
    }

    @Property(tries = 500)
    void theHighWatermarkAndTheWaitersFollowTheIsr(@ForAll("steps") List<Step> steps,
                                                   @ForAll("capacities") int capacity) {
        ReplicaTracker t = new ReplicaTracker(LEADER, REPLICAS, REPLICAS, 0, 0, 0);
        AckWaiters waiters = new AckWaiters(capacity);
        List<Long> accepted = new ArrayList<>();
        List<Long> completed = new ArrayList<>();
        long leaderEnd = 0;
        long now = 0;
        long modelHw = 0;
        boolean[] regressed = new boolean[REPLICAS.size() + 1];
        for (Step step : steps) {
            long before = t.highWatermark();
            boolean moved;
            if (step instanceof Append a) {
                leaderEnd += a.records();
                moved = t.leaderAppended(leaderEnd);
                long required = leaderEnd;
                if (waiters.add(required, () -> completed.add(required), e -> { throw new AssertionError(e); })) {
                    accepted.add(required);
                } else {
                    assertEquals(capacity, waiters.size(), "refused only when full");
                }
            } else if (step instanceof Ack a) {
                int id = 2 + a.follower();
                long current = Math.max(0, t.followerLogEnd(id));
                long logEnd = current + Math.round(a.fraction() * (leaderEnd - current));
                moved = t.followerAcked(id, logEnd, now);
                assertEquals(logEnd, t.followerLogEnd(id));
            } else if (step instanceof Regress r) {
                int id = 2 + r.follower();
                long logEnd = Math.round(r.fraction() * Math.max(0, t.followerLogEnd(id)));
                moved = t.followerAcked(id, logEnd, now);
                regressed[id] = true;
            } else if (step instanceof Tick k) {
                now += k.ms();
                moved = false;
            } else if (step instanceof CommitProposal) {
                Optional<List<Integer>> proposed = t.proposedIsr(now, LAG_MS, 0);
                moved = proposed.isPresent() && t.isrChanged(proposed.get());
            } else {
                int id = 2 + ((Shrink) step).follower();
                List<Integer> smaller = new ArrayList<>(t.isr());
                smaller.remove(Integer.valueOf(id));
                moved = t.isrChanged(smaller);
            }
            long hw = t.highWatermark();
            assertTrue(hw >= before, "the high watermark went back from " + before + " to " + hw);
            assertEquals(hw > before, moved, "the return value says whether it moved, after " + step);
            assertTrue(hw <= leaderEnd);
            modelHw = Math.max(modelHw, smallestInIsr(t, leaderEnd));
            assertEquals(modelHw, hw, "the largest smallest-log-end-in-the-ISR so far, after " + step);
            for (int id : t.isr()) {
                if (id != LEADER && !regressed[id] && t.followerLogEnd(id) >= 0) {
                    assertTrue(hw <= t.followerLogEnd(id), "above ISR member " + id);
                }
            }
            if (moved) {
                waiters.highWatermarkMoved(hw);
            }
            List<Long> due = accepted.stream().filter(r -> r <= hw).toList();
            assertEquals(due, completed, "completed iff covered, in order");
            assertEquals(accepted.size() - completed.size(), waiters.size());
        }
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.of(1, 3, 1_000);
    }

    /** The smallest log end in the ISR, or -1 while an ISR member has not acknowledged. */
    private static long smallestInIsr(ReplicaTracker t, long leaderEnd) {
        long min = leaderEnd;
        for (int id : t.isr()) {
            if (id != LEADER) {
                long end = t.followerLogEnd(id);
                if (end < 0) {
                    return -1;
                }
                min = Math.min(min, end);
            }
        }
        return min;
    }

    /** Waiters added in any order, high watermark reports in any order. */
    @Property(tries = 500)
    void waitersCompleteIffCoveredInRequirementOrder(@ForAll("waiterSteps") List<Long> steps) {
        AckWaiters w = new AckWaiters(1_000);
        List<long[]> added = new ArrayList<>(); // {requirement, sequence}
        List<long[]> done = new ArrayList<>();
        long hw = -1;
        long seq = 0;
        for (long s : steps) {
            int doneBefore = done.size();
            if (s >= 0) {
                long[] waiter = {s, seq++};
                added.add(waiter);
                w.add(s, () -> done.add(waiter), e -> { throw new AssertionError(e); });
            } else {
                hw = Math.max(hw, -s - 1);
                w.highWatermarkMoved(-s - 1);
            }
            long covered = hw;
            assertEquals(added.stream().filter(a -> a[0] <= covered).toList(), done.stream()
                    .sorted(Comparator.<long[]>comparingLong(a -> a[1])).toList(), "completed iff covered");
            List<long[]> drain = done.subList(doneBefore, done.size());
            List<long[]> ordered = new ArrayList<>(drain);
            ordered.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
            assertEquals(ordered, drain, "one report completes in requirement order, ties as added");
            assertEquals(added.size() - done.size(), w.size());
        }
    }

    /** Non-negative: add a waiter with that requirement; negative {@code -h - 1}: the high watermark moved to h. */
    @Provide
    Arbitrary<List<Long>> waiterSteps() {
        return Arbitraries.longs().between(-60, 50).list().ofMaxSize(80);
    }
}
