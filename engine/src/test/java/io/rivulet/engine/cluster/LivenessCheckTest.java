package io.rivulet.engine.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The controller's fence and unfence decisions, with time passed in. */
class LivenessCheckTest {

    private static final long SESSION = 3_000;

    private static ClusterImage nodes(boolean... fenced) {
        ClusterImage image = ClusterImage.EMPTY;
        for (int id = 0; id < fenced.length; id++) {
            image = MetadataMachine.apply(image, new MetadataCommand.RegisterNode(new NodeEndpoint(id, "h", 1, 2)), id + 1).image();
            if (fenced[id]) {
                image = MetadataMachine.apply(image, new MetadataCommand.FenceNode(id), 100 + id).image();
            }
        }
        return image;
    }

    @Test
    void fencesANodeSilentForLongerThanTheSession() {
        HeartbeatTable table = new HeartbeatTable();
        table.record(0, 1_000);
        table.record(1, 4_500);
        assertEquals(List.of(new MetadataCommand.FenceNode(0)), LivenessCheck.due(nodes(false, false), table, 5_000, SESSION));
        assertEquals(List.of(), LivenessCheck.due(nodes(false, false), table, 4_000, SESSION));
    }

    @Test
    void aNodeThatRegistersLateIsNotFencedTheMomentItJoins() {
        // The controller took over at 10,000; node 1 starts slowly and registers at 12,900, before any heartbeat.
        HeartbeatTable table = new HeartbeatTable();
        table.leaderSince(10_000);
        table.record(0, 13_000);
        MetadataCommand registration = new MetadataCommand.RegisterNode(new NodeEndpoint(1, "h", 1, 2));
        table.record(MetadataStateMachine.provesAlive(registration), 12_900);
        assertEquals(List.of(), LivenessCheck.due(nodes(false, false), table, 13_100, SESSION));
        assertEquals(-1, MetadataStateMachine.provesAlive(new MetadataCommand.FenceNode(1)), "others prove nothing");
    }

    @Test
    void aNewLeaderGivesEveryNodeOneSessionOfGrace() {
        HeartbeatTable table = new HeartbeatTable();
        table.leaderSince(10_000);
        assertEquals(List.of(), LivenessCheck.due(nodes(false, false), table, 12_000, SESSION));
        table.record(1, 12_500);
        assertEquals(List.of(new MetadataCommand.FenceNode(0)), LivenessCheck.due(nodes(false, false), table, 13_001, SESSION));
    }

    @Test
    void unfencesAFencedNodeThatHeartbeatsAgain() {
        HeartbeatTable table = new HeartbeatTable();
        table.record(0, 1_000);
        ClusterImage image = nodes(true);
        assertEquals(List.of(), LivenessCheck.due(image, table, 9_000, SESSION));
        table.record(0, 8_900);
        assertEquals(List.of(new MetadataCommand.UnfenceNode(0)), LivenessCheck.due(image, table, 9_000, SESSION));
    }

    @Test
    void theLeadersGraceNeverUnfencesADeadNode() {
        HeartbeatTable table = new HeartbeatTable();
        table.leaderSince(10_000);
        assertEquals(List.of(), LivenessCheck.due(nodes(true), table, 10_001, SESSION));
    }

    @Test
    void aNodeNeverHeardFromAndNoGraceIsFenced() {
        assertEquals(List.of(new MetadataCommand.FenceNode(0)),
                LivenessCheck.due(nodes(false), new HeartbeatTable(), 0, SESSION));
    }
}
