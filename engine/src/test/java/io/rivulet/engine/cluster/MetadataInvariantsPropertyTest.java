package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.rivulet.engine.cluster.PartitionState.NO_LEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequences of register, fence, unfence, create, delete, ISR changes, reassignments and drains
 * keep the metadata's invariants at every step.
 */
class MetadataInvariantsPropertyTest {

    /**
     * One step, resolved against the image when applied so that ISR changes often name a real
     * partition with its current epochs (and sometimes stale ones).
     */
    record Step(int kind, int node, int pick, int size, int mask, boolean stale) {
    }

    @Property(tries = 300)
    void everyStepKeepsTheInvariants(@ForAll("steps") List<Step> steps) {
        ClusterImage image = ClusterImage.EMPTY;
        long index = 0;
        for (Step step : steps) {
            MetadataCommand command = resolve(step, image);
            ClusterImage next = MetadataMachine.apply(image, command, ++index).image();
            check(image, next, command);
            image = next;
        }
        assertEquals(image, MetadataCodec.decodeImage(MetadataCodec.encode(image)));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 31),
                Arbitraries.of(false, false, false, true)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    private static MetadataCommand resolve(Step s, ClusterImage image) {
        switch (s.kind()) {
            case 0:
                return new MetadataCommand.RegisterNode(new NodeEndpoint(s.node(), "h" + s.node(), 1, 2));
            case 1:
            case 2:
                return new MetadataCommand.FenceNode(s.node());
            case 3:
                return new MetadataCommand.UnfenceNode(s.node());
            case 4:
                return new MetadataCommand.CreateTopic("t" + s.pick() % 4, s.size(), 1 + s.mask() % 3, Map.of());
            case 5:
                return new MetadataCommand.DeleteTopic("t" + s.pick() % 4);
            case 7:
                return reassign(s, image);
            case 8:
                return new MetadataCommand.DrainNode(s.node());
            default:
                return alterIsr(s, image);
        }
    }

    /** A target of up to five nodes 0..4 chosen by the mask, rotated by the pick (sometimes empty or unknown). */
    private static MetadataCommand reassign(Step s, ClusterImage image) {
        List<String> names = new ArrayList<>(image.topics().keySet());
        String topic = names.isEmpty() ? "t0" : names.get(s.pick() % names.size());
        int partitions = image.topic(topic).map(t -> t.partitions().size()).orElse(1);
        List<Integer> target = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int node = (i + s.pick()) % 5;
            if ((s.mask() & (1 << node)) != 0) {
                target.add(node);
            }
        }
        return new MetadataCommand.ReassignPartition(new TopicPartition(topic, s.size() % partitions), target);
    }

    private static MetadataCommand alterIsr(Step s, ClusterImage image) {
        List<PartitionState> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        image.topics().values().forEach(t -> t.partitions().forEach(p -> {
            all.add(p);
            names.add(t.name());
        }));
        if (all.isEmpty()) {
            return new MetadataCommand.AlterIsr(new TopicPartition("t0", 0), s.node(), 0, 0, List.of(s.node()));
        }
        int i = s.pick() % all.size();
        PartitionState p = all.get(i);
        List<Integer> isr = new ArrayList<>();
        for (int r = 0; r < p.replicas().size(); r++) {
            if ((s.mask() & (1 << r)) != 0 || p.replicas().get(r) == p.leader()) {
                isr.add(p.replicas().get(r));
            }
        }
        if (s.mask() % 7 == 0) {
            isr.add(s.node());   // sometimes a node outside the replicas
        }
        int epochShift = s.stale() ? 1 : 0;
        return new MetadataCommand.AlterIsr(new TopicPartition(names.get(i), p.partition()),
                s.stale() && s.mask() % 2 == 0 ? s.node() : p.leader(), p.leaderEpoch() - epochShift,
                p.partitionEpoch(), isr);
    }

    private static void check(ClusterImage before, ClusterImage after, MetadataCommand command) {
        for (TopicState topic : after.topics().values()) {
            TopicState old = before.topics().get(topic.name());
            for (PartitionState p : topic.partitions()) {
                String where = topic.name() + "-" + p.partition() + " after " + command + ": " + p;
                assertFalse(p.isr().isEmpty(), "ISR never empty: " + where);
                assertTrue(p.replicas().containsAll(p.isr()), "ISR within replicas: " + where);
                assertEquals(p.isr().size(), p.isr().stream().distinct().count(), "ISR without repeats: " + where);
                assertEquals(p.replicas().size(), p.replicas().stream().distinct().count(), "replicas without repeats: " + where);
                assertEquals(p.targetReplicas().size(), p.targetReplicas().stream().distinct().count(),
                        "target without repeats: " + where);
                assertTrue(p.replicas().containsAll(p.targetReplicas()), "a target lies within the replicas while moving: " + where);
                if (p.reassigning() && p.isr().containsAll(p.targetReplicas())) {
                    assertTrue(p.hasLeader() && !p.targetReplicas().contains(p.leader()),
                            "a caught-up target has completed unless its removed leader must confirm: " + where);
                }
                if (p.leader() == NO_LEADER) {
                    assertEquals(1, p.isr().size(), "a leaderless partition waits for its one last in-sync replica: " + where);
                    assertTrue(after.nodes().get(p.isr().get(0)).fenced(), "a leaderless partition's ISR is fenced: " + where);
                } else {
                    assertTrue(p.isr().contains(p.leader()), "leader in ISR: " + where);
                    assertFalse(after.nodes().get(p.leader()).fenced(), "a fenced node leads nothing: " + where);
                }
                if (old != null && old.id().equals(topic.id())) {
                    PartitionState q = old.partitions().get(p.partition());
                    assertTrue(p.leaderEpoch() >= q.leaderEpoch(), "leader epoch never decreases: " + where);
                    assertTrue(p.partitionEpoch() >= q.partitionEpoch(), "partition epoch never decreases: " + where);
                    if (!java.util.Set.copyOf(p.replicas()).equals(java.util.Set.copyOf(q.replicas()))) {
                        assertTrue(p.leaderEpoch() > q.leaderEpoch(), "a new replica set bumps the leader epoch: " + where);
                    }
                    if (p.leader() != q.leader()) {
                        assertTrue(p.leaderEpoch() > q.leaderEpoch(), "a leader change bumps the epoch: " + where);
                    }
                    if (!p.equals(q)) {
                        assertTrue(p.partitionEpoch() > q.partitionEpoch(), "a change bumps the partition epoch: " + where);
                    }
                }
            }
        }
        if (after != before) {
            assertTrue(after.version() > before.version(), "a change advances the version");
        }
    }
}
