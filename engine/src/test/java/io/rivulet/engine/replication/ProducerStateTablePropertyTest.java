package io.rivulet.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.engine.replication.ProducerStateTable.Append;
import io.rivulet.engine.replication.ProducerStateTable.Duplicate;
import io.rivulet.engine.replication.ProducerStateTable.OutOfOrder;
import io.rivulet.engine.replication.ProducerStateTable.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A producer's batches reach a leader in any order, any number of times, answers lost at random: the leader's
 * producer state must never let a batch into the log twice or ahead of an earlier one; and a producer that
 * keeps at most {@link ProducerStateTable#CACHED_BATCHES} batches unanswered (counted from the oldest) and
 * retries until answered gets every batch in, once, in order.
 */
class ProducerStateTablePropertyTest {
    private static final long PRODUCER = 7;
    private static final short EPOCH = 0;

    @Property(tries = 300)
    void anyInterleavingOfSendsNeverAppendsABatchTwiceOrOutOfOrder(
            @ForAll("recordCounts") List<Integer> counts, @ForAll("deliveries") List<Integer> picks,
            @ForAll boolean nearWrap) {
        Leader leader = new Leader(counts, nearWrap);
        for (int pick : picks) {
            leader.deliver(pick % counts.size());
        }
        leader.assertLogIsAPrefixInOrder();
    }

    @Property(tries = 300)
    void aProducerRetryingWithinTheWindowGetsEveryBatchInOnceInOrder(
            @ForAll("recordCounts") List<Integer> counts, @ForAll Random random, @ForAll boolean nearWrap) {
        Leader leader = new Leader(counts, nearWrap);
        boolean[] answered = new boolean[counts.size()];
        int oldest = 0;
        for (int step = 0; oldest < counts.size(); step++) {
            assertTrue(step < 200_000, "the producer made no progress");
            int window = Math.min(ProducerStateTable.CACHED_BATCHES, counts.size() - oldest);
            int i = oldest + random.nextInt(window);
            if (answered[i]) {
                continue;
            }
            Verdict v = leader.deliver(i);
            boolean answerLost = random.nextInt(10) < 3;
            if (!answerLost && (v instanceof Append || v instanceof Duplicate)) {
                answered[i] = true;
                while (oldest < counts.size() && answered[oldest]) {
                    oldest++;
                }
            }
        }
        leader.assertLogIsAPrefixInOrder();
        assertEquals(counts.size(), leader.appended.size(), "every batch is in the log");
    }

    @Provide
    Arbitrary<List<Integer>> recordCounts() {
        return Arbitraries.integers().between(1, 20).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Integer>> deliveries() {
        return Arbitraries.integers().between(0, 1000).list().ofMaxSize(200);
    }

    /** A leader's log of batch indexes and its producer state; checks every verdict against the log. */
    private static final class Leader {
        final ProducerStateTable table = new ProducerStateTable();
        final List<Integer> counts;
        final int[] sequences;
        final long[] offsets;
        final List<Integer> appended = new ArrayList<>();
        long logEnd;

        Leader(List<Integer> counts, boolean nearWrap) {
            this.counts = counts;
            this.sequences = new int[counts.size()];
            this.offsets = new long[counts.size()];
            int first = 0;
            if (nearWrap) {
                // an earlier batch ended just before the wrap, so this run's numbers pass Integer.MAX_VALUE
                table.appended(PRODUCER, EPOCH, Integer.MAX_VALUE - 30, 20, 0);
                logEnd = 21;
                first = Integer.MAX_VALUE - 9;
            }
            for (int i = 0; i < counts.size(); i++) {
                sequences[i] = first;
                first = ProducerStateTable.next(ProducerStateTable.lastSequence(first, counts.get(i) - 1));
            }
        }

        Verdict deliver(int i) {
            int delta = counts.get(i) - 1;
            Verdict v = table.check(PRODUCER, EPOCH, sequences[i], delta);
            if (v instanceof Append) {
                assertEquals(appended.size(), i, "only the next batch is appended");
                offsets[i] = logEnd;
                appended.add(i);
                table.appended(PRODUCER, EPOCH, sequences[i], delta, logEnd);
                logEnd += counts.get(i);
            } else if (v instanceof Duplicate d) {
                assertTrue(i < appended.size(), "a duplicate of a batch that is in the log");
                assertEquals(offsets[i], d.baseOffset());
                assertEquals(offsets[i] + delta, d.lastOffset());
            } else {
                OutOfOrder o = assertInstanceOf(OutOfOrder.class, v);
                if (appended.size() < counts.size()) {
                    assertEquals(sequences[appended.size()], o.expected(), "expects the first batch not in the log");
                }
            }
            return v;
        }

        void assertLogIsAPrefixInOrder() {
            for (int k = 0; k < appended.size(); k++) {
                assertEquals(k, appended.get(k));
            }
        }
    }
}
