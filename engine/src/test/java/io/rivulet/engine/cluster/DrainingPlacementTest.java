package io.rivulet.engine.cluster;

import io.rivulet.api.errors.ErrorCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drained node is marked in the metadata and gets no replica of a new topic, nor a moved copy of another
 * drain, until it registers again; a topic that would need it is refused with a message that says why.
 */
class DrainingPlacementTest {

    private final MachineDriver machine = new MachineDriver();

    private MetadataResult run(MetadataCommand command) {
        return machine.run(command);
    }

    private void register(int... ids) {
        machine.register(ids);
    }

    private static NodeEndpoint endpoint(int id) {
        return MachineDriver.endpoint(id);
    }

    private Set<Integer> nodesHolding(String topic) {
        Set<Integer> holding = new TreeSet<>();
        machine.image().topics().get(topic).partitions().forEach(p -> holding.addAll(p.replicas()));
        return holding;
    }

    @Test
    void drainingMarksTheNodeEvenWhenItHoldsNothing() {
        register(1, 2, 3);
        assertEquals(MetadataResult.OK, run(new MetadataCommand.DrainNode(2)));
        assertTrue(machine.image().nodes().get(2).draining());
        assertEquals(List.of(1, 3), machine.image().placeableNodes());
        assertEquals(List.of(1, 2, 3), machine.image().liveNodes(), "a draining node stays live and registered");
    }

    @Test
    void aNewTopicAvoidsTheDrainingNode() {
        register(1, 2, 3, 4);
        run(new MetadataCommand.DrainNode(3));
        assertEquals(MetadataResult.OK, run(new MetadataCommand.CreateTopic("t", 8, 3, Map.of())));
        assertEquals(Set.of(1, 2, 4), nodesHolding("t"));
    }

    @Test
    void tooFewNodesBesidesTheDrainingOnesRefusesTheTopicSayingWhy() {
        register(1, 2, 3);
        run(new MetadataCommand.DrainNode(3));
        MetadataResult refused = run(new MetadataCommand.CreateTopic("t", 1, 3, Map.of()));
        assertEquals(ErrorCode.INVALID_CONFIG, refused.error());
        assertTrue(refused.message().contains("draining: [3]"), refused.message());
        assertFalse(machine.image().topics().containsKey("t"));
    }

    @Test
    void registeringAgainPutsTheNodeBackInService() {
        register(1, 2, 3);
        run(new MetadataCommand.DrainNode(3));
        register(3);
        assertFalse(machine.image().nodes().get(3).draining());
        assertEquals(MetadataResult.OK, run(new MetadataCommand.CreateTopic("t", 1, 3, Map.of())));
    }

    @Test
    void fencingAndUnfencingKeepTheMark() {
        register(1, 2, 3);
        run(new MetadataCommand.DrainNode(3));
        run(new MetadataCommand.FenceNode(3));
        assertTrue(machine.image().nodes().get(3).draining());
        run(new MetadataCommand.UnfenceNode(3));
        assertTrue(machine.image().nodes().get(3).draining());
        assertFalse(machine.image().nodes().get(3).fenced());
    }

    @Test
    void aSecondDrainDoesNotMoveCopiesOntoTheFirstDrainedNode() {
        register(1, 2, 3, 4);
        run(new MetadataCommand.CreateTopic("t", 4, 2, Map.of()));
        run(new MetadataCommand.DrainNode(4));
        // let the first drain's moves complete: the replicas become the targets
        machine.replace(completeMoves(machine.image()));
        assertEquals(MetadataResult.OK, run(new MetadataCommand.DrainNode(3)));
        for (PartitionState p : machine.image().topics().get("t").partitions()) {
            assertFalse(p.finalReplicas().contains(4), "no copy goes to the drained node 4: " + p);
            assertFalse(p.finalReplicas().contains(3), p.toString());
        }
    }

    @Property
    void newReplicasGoOnlyToNodesNotDrainingOrTheTopicIsRefused(
            @ForAll @IntRange(min = 1, max = 8) int nodes,
            @ForAll @IntRange(min = 0, max = 255) int drainingMask,
            @ForAll @IntRange(min = 1, max = 8) int rf,
            @ForAll @IntRange(min = 1, max = 12) int partitions) {
        machine.reset();
        for (int id = 1; id <= nodes; id++) {
            register(id);
        }
        Set<Integer> draining = new TreeSet<>();
        for (int id = 1; id <= nodes; id++) {
            if ((drainingMask & (1 << (id - 1))) != 0) {
                assertEquals(MetadataResult.OK, run(new MetadataCommand.DrainNode(id)), "nothing to move yet");
                draining.add(id);
            }
        }
        MetadataResult result = run(new MetadataCommand.CreateTopic("t", partitions, rf, Map.of()));
        int placeable = nodes - draining.size();
        if (rf > placeable) {
            assertEquals(ErrorCode.INVALID_CONFIG, result.error(), result.toString());
            return;
        }
        assertEquals(MetadataResult.OK, result);
        for (PartitionState p : machine.image().topics().get("t").partitions()) {
            assertEquals(rf, new TreeSet<>(p.replicas()).size(), p.toString());
            List<Integer> onDraining = new ArrayList<>(p.replicas());
            onDraining.retainAll(draining);
            assertEquals(List.of(), onDraining, "replicas " + p.replicas() + " with draining nodes " + draining);
        }
    }

    /** The image with every running reassignment finished (the replicas become the targets). */
    private static ClusterImage completeMoves(ClusterImage image) {
        ClusterImage next = image;
        for (TopicState t : image.topics().values()) {
            TopicState moved = t;
            for (PartitionState p : t.partitions()) {
                if (p.reassigning()) {
                    List<Integer> target = p.targetReplicas();
                    moved = moved.with(new PartitionState(p.partition(), target, target.get(0), p.leaderEpoch() + 1,
                            target, p.partitionEpoch() + 1));
                }
            }
            next = next.with(moved);
        }
        return next;
    }
}
