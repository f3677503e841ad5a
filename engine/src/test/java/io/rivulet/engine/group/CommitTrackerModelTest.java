package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PartitionAcks} against the plainest model: the list of delivered offsets and the set of
 * acknowledged ones, from which the position is recomputed from scratch after every step.
 */
class CommitTrackerModelTest {

    @Property
    void agreesWithTheModel(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 1000) Integer> ops,
                            @ForAll @IntRange(min = 1, max = 8) int maxAckAhead,
                            @ForAll @IntRange(min = -1, max = 5) int committed) {
        AtomicInteger advances = new AtomicInteger();
        PartitionAcks acks = new CommitTracker(maxAckAhead)
                .assign(new TopicPartition("t", 0), committed, advances::incrementAndGet);
        Model model = new Model(committed);
        int expectedAdvances = 0;

        for (int op : ops) {
            long before = model.position();
            switch (op % 4) {
                case 0, 1 -> {
                    if (model.inFlight() < maxAckAhead) {
                        long offset = model.nextOffset() + (op / 4) % 3; // gaps of 0..2
                        acks.delivered(offset);
                        model.delivered.add(offset);
                    }
                }
                case 2 -> {
                    List<Long> open = model.inFlightOffsets();
                    if (!open.isEmpty()) {
                        long offset = open.get((op / 4) % open.size());
                        acks.acknowledge(offset);
                        model.acked.add(offset);
                    }
                }
                default -> {
                    // acknowledgements of offsets that are not in flight change nothing
                    long offset = (op / 4) % 2 == 0 ? model.position() - 1 : model.nextOffset() + 3;
                    acks.acknowledge(offset);
                }
            }
            assertEquals(model.position(), acks.position(), "position after op " + op);
            assertEquals(model.inFlight(), acks.inFlight(), "in flight after op " + op);
            assertEquals(model.inFlight() < maxAckAhead, acks.canDeliver());
            if (op % 4 == 2 && model.position() != before) {
                expectedAdvances++;
            }
            assertEquals(expectedAdvances, advances.get(), "onProgress runs exactly when an acknowledgement moves the position");
        }
    }

    /** Delivered and acknowledged offsets; everything else derived. */
    private static final class Model {
        final long start;
        final List<Long> delivered = new ArrayList<>();
        final Set<Long> acked = new HashSet<>();

        Model(long start) {
            this.start = start;
        }

        long position() {
            long p = start;
            for (long d : delivered) {
                if (p == PartitionAcks.NO_POSITION) {
                    p = d;
                }
                if (!acked.contains(d)) {
                    return p;
                }
                p = d + 1;
            }
            return p;
        }

        List<Long> inFlightOffsets() {
            long p = position();
            return delivered.stream().filter(d -> d >= p && !acked.contains(d)).toList();
        }

        long inFlight() {
            long p = position();
            return delivered.stream().filter(d -> d >= p).count();
        }

        long nextOffset() {
            return delivered.isEmpty() ? Math.max(0, start) : delivered.get(delivered.size() - 1) + 1;
        }
    }
}
