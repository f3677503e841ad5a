package io.rivulet.engine.cluster;

import io.rivulet.api.ClusterDescription;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code describeCluster} reports from an image: every node, its leader and replica counts, the moves. */
class ClusterSummaryTest {

    private ClusterImage image = ClusterImage.EMPTY;
    private long index;

    private void run(MetadataCommand command) {
        MetadataMachine.Applied applied = MetadataMachine.apply(image, command, ++index);
        assertEquals(MetadataResult.OK, applied.result(), command.toString());
        image = applied.image();
    }

    @Test
    void countsLeadersAndReplicasPerNodeFencedOnesIncludedAndListsTheMovingPartitions() {
        for (int id = 1; id <= 4; id++) {
            run(new MetadataCommand.RegisterNode(new NodeEndpoint(id, "h" + id, 7000 + id, 0)));
        }
        run(new MetadataCommand.CreateTopic("t", 2, 2, Map.of()));   // t-0 on [1, 2], t-1 on [2, 3]
        run(new MetadataCommand.ReassignPartition(new TopicPartition("t", 1), List.of(3, 4))); // [2, 3, 4] while moving
        run(new MetadataCommand.FenceNode(4));

        ClusterDescription d = ClusterSummary.describe(image, "c", 2);
        assertEquals(List.of(
                new NodeDescription(1, "h1", 7001, false, 1, 1),
                new NodeDescription(2, "h2", 7002, false, 1, 2),
                new NodeDescription(3, "h3", 7003, false, 0, 1),
                new NodeDescription(4, "h4", 7004, true, 0, 1)), d.nodes());
        assertEquals(List.of(new TopicPartition("t", 1)), d.reassigningPartitions());
        assertEquals(2, d.controllerId());
        assertEquals(3, d.liveNodes().size());
    }

    @Test
    void aNodeIsCountedUntilNoPartitionEndsOnIt() {
        for (int id = 1; id <= 3; id++) {
            run(new MetadataCommand.RegisterNode(new NodeEndpoint(id, "h" + id, 7000 + id, 0)));
        }
        run(new MetadataCommand.CreateTopic("t", 1, 2, Map.of()));   // [1, 2]
        assertEquals(1, ClusterSummary.partitionsEndingOn(image, 2));
        run(new MetadataCommand.DrainNode(2));
        assertEquals(0, ClusterSummary.partitionsEndingOn(image, 2));
        assertEquals(1, ClusterSummary.partitionsEndingOn(image, 3));
    }
}
