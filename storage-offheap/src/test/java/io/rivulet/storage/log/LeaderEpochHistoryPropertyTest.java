package io.rivulet.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The history against a model of the log it describes: the epoch that wrote each offset. A log
 * writes nondecreasing epochs, so the answer for epoch E is the largest epoch at most E that wrote
 * a record, ending at the first offset written by a higher one (or the log end).
 */
class LeaderEpochHistoryPropertyTest {
    sealed interface Op {
    }

    /** {@code count} records by the latest epoch plus {@code bump}: a bump of 0 keeps the current leader. */
    record Append(int bump, int count) implements Op {
    }

    /** Truncation to a fraction of the log end, as a diverged follower does. */
    record TruncateEnd(double where) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 5)).as(Append::new);
        Arbitrary<Op> truncate = Arbitraries.doubles().between(0, 1).map(TruncateEnd::new);
        return Arbitraries.frequencyOf(Tuple.of(4, append), Tuple.of(1, truncate))
                .list().ofMaxSize(40);
    }

    /** Applies {@code ops} to a history and to the model; returns the history, {@code epochOf} is the model. */
    private static LeaderEpochHistory run(List<Op> ops, List<Integer> epochOf) {
        LeaderEpochHistory h = LeaderEpochHistory.empty();
        for (Op op : ops) {
            if (op instanceof Append a) {
                int epoch = Math.max(0, h.latestEpoch() + a.bump());
                h = h.assign(epoch, epochOf.size());
                for (int i = 0; i < a.count(); i++) {
                    epochOf.add(epoch);
                }
            } else if (op instanceof TruncateEnd t) {
                int to = (int) Math.round(t.where() * epochOf.size());
                epochOf.subList(to, epochOf.size()).clear();
                h = h.truncateFromEnd(to);
            }
            checkOrdered(h);
        }
        return h;
    }

    @Property
    void everyEndOffsetAnswerMatchesTheRecordsTheLogHolds(@ForAll("ops") List<Op> ops) {
        List<Integer> epochOf = new ArrayList<>();
        LeaderEpochHistory h = run(ops, epochOf);
        long end = epochOf.size();
        for (int requested = -1; requested <= h.latestEpoch() + 2; requested++) {
            assertEquals(modelAnswer(epochOf, requested), h.endOffsetFor(requested, end), "epoch " + requested
                    + " of " + h + " over " + epochOf);
        }
    }

    @Property
    void truncateFromStartKeepsWhoWroteEveryOffsetAtOrAboveTheNewStart(@ForAll("ops") List<Op> ops,
                                                                       @ForAll @DoubleRange(min = 0, max = 1) double where) {
        List<Integer> epochOf = new ArrayList<>();
        LeaderEpochHistory before = run(ops, epochOf);
        long start = Math.round(where * epochOf.size());
        LeaderEpochHistory after = before.truncateFromStart(start);
        checkOrdered(after);
        for (long o = start; o < epochOf.size(); o++) {
            assertEquals(epochOf.get((int) o), epochAt(after, o), "offset " + o + " after starting at " + start);
        }
        assertEquals(before.latestEpoch(), after.latestEpoch());
        if (!after.isEmpty()) {
            assertEquals(start, after.entries().get(0).startOffset());
        }
        assertSame(after, after.truncateFromStart(start));
    }

    @Property
    void assigningAnEpochThatIsNotNewerChangesNothing(@ForAll("ops") List<Op> ops) {
        LeaderEpochHistory h = run(ops, new ArrayList<>());
        for (int e = 0; e <= h.latestEpoch(); e++) {
            assertSame(h, h.assign(e, 1_000));
        }
    }

    private static EpochEnd modelAnswer(List<Integer> epochOf, int requested) {
        int best = -1;
        for (int e : epochOf) {
            if (e <= requested) {
                best = Math.max(best, e);
            }
        }
        if (best < 0) {
            return EpochEnd.UNDEFINED;
        }
        for (int o = 0; o < epochOf.size(); o++) {
            if (epochOf.get(o) > best) {
                return new EpochEnd(best, o);
            }
        }
        return new EpochEnd(best, epochOf.size());
    }

    /** The epoch whose range holds {@code offset}, by the history. */
    private static int epochAt(LeaderEpochHistory h, long offset) {
        int epoch = -1;
        for (EpochEntry e : h.entries()) {
            if (e.startOffset() <= offset) {
                epoch = e.epoch();
            }
        }
        return epoch;
    }

    private static void checkOrdered(LeaderEpochHistory h) {
        assertEquals(h, LeaderEpochHistory.of(h.entries())); // of() throws unless both strictly increase
    }
}
