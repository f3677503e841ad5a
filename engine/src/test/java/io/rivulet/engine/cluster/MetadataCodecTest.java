package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command, results and images survive the trip through bytes; malformed bytes are refused. */
class MetadataCodecTest {

    static List<MetadataCommand> everyCommand() {
        return List.of(
                new MetadataCommand.RegisterNode(new NodeEndpoint(3, "héllo.example", 7070, 8080)),
                new MetadataCommand.FenceNode(7),
                new MetadataCommand.UnfenceNode(0),
                new MetadataCommand.CreateTopic("orders", 12, 3, Map.of("retention.ms", "1000", "cleanup.policy", "delete")),
                new MetadataCommand.CreateTopic("empty-configs", 1, 1, Map.of()),
                new MetadataCommand.DeleteTopic("orders"),
                new MetadataCommand.AlterIsr(new TopicPartition("orders", 4), 2, 5, 9, List.of(2, 1, 3)),
                new MetadataCommand.ReassignPartition(new TopicPartition("orders", 3), List.of(4, 1, 2)),
                new MetadataCommand.DrainNode(3));
    }

    @Test
    void everyCommandRoundTrips() {
        for (MetadataCommand command : everyCommand()) {
            assertEquals(command, MetadataCodec.decodeCommand(MetadataCodec.encode(command)), command.toString());
        }
    }

    @Test
    void resultsRoundTrip() {
        assertEquals(MetadataResult.OK, MetadataCodec.decodeResult(MetadataCodec.encode(MetadataResult.OK)));
        MetadataResult refused = MetadataResult.refused(ErrorCode.TOPIC_EXISTS, "topic 'a' already exists");
        assertEquals(refused, MetadataCodec.decodeResult(MetadataCodec.encode(refused)));
    }

    @Test
    void aBigImageRoundTrips() {
        ClusterImage image = bigImage(50, 200, 8);
        byte[] bytes = MetadataCodec.encode(image);
        assertEquals(image, MetadataCodec.decodeImage(bytes));
        assertArrayEquals(bytes, MetadataCodec.encode(MetadataCodec.decodeImage(bytes)), "encoding is canonical");
    }

    @Test
    void theEmptyImageRoundTrips() {
        assertEquals(ClusterImage.EMPTY, MetadataCodec.decodeImage(MetadataCodec.encode(ClusterImage.EMPTY)));
    }

    @Test
    void everyTruncationOfACommandIsRefused() {
        for (MetadataCommand command : everyCommand()) {
            byte[] bytes = MetadataCodec.encode(command);
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThrows(IllegalArgumentException.class, () -> MetadataCodec.decodeCommand(cut),
                        command + " cut to " + cut.length);
            }
        }
    }

    @Test
    void everyTruncationOfAnImageIsRefused() {
        byte[] bytes = MetadataCodec.encode(bigImage(3, 4, 3));
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(IllegalArgumentException.class, () -> MetadataCodec.decodeImage(cut), "cut to " + length);
        }
    }

    @Test
    void anUnknownFormatIsRefusedWithAMessageThatSaysSo() {
        byte[] bytes = MetadataCodec.encode(new MetadataCommand.FenceNode(1));
        bytes[0] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetadataCodec.decodeCommand(bytes));
        assertTrue(e.getMessage().contains("format 9"), e.getMessage());
    }

    @Test
    void aHugeCountIsRefusedBeforeAllocating() {
        byte[] bytes = MetadataCodec.encode(new MetadataCommand.DeleteTopic("t"));
        bytes[2] = 0x7f;   // the name's length, now about 2 GiB
        assertThrows(IllegalArgumentException.class, () -> MetadataCodec.decodeCommand(bytes));
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = Arrays.copyOf(MetadataCodec.encode(new MetadataCommand.FenceNode(1)), 7);
        assertThrows(IllegalArgumentException.class, () -> MetadataCodec.decodeCommand(bytes));
    }

    @Test
    void aFormatOneImageFromBeforeReassignmentsStillReads() {
        PartitionState p = new PartitionState(0, List.of(1, 2), 1, 3, List.of(1), 4);
        ClusterImage image = new ClusterImage(7, Map.of(), Map.of("t", new TopicState("t",
                MetadataMachine.topicId("t", 1), 2, Map.of(), List.of(p))));
        byte[] current = MetadataCodec.encode(image);
        assertEquals(MetadataCodec.IMAGE_FORMAT, current[0]);
        // format 1 is format 2 without the trailing empty target list (4 bytes of count 0)
        byte[] formatOne = Arrays.copyOf(current, current.length - 4);
        formatOne[0] = 1;
        assertEquals(image, MetadataCodec.decodeImage(formatOne));
    }

    @Test
    void aFormatThreeImageFromBeforeDrainingMarksStillReads() {
        Map<Integer, NodeState> nodes = Map.of(
                1, new NodeState(new NodeEndpoint(1, "a.example", 7071, 8081, 9091), false),
                2, new NodeState(new NodeEndpoint(2, "bb.example", 7072, 8082, 9092), true));
        PartitionState p = new PartitionState(0, List.of(1, 2), 1, 3, List.of(1), 4);
        ClusterImage image = new ClusterImage(7, nodes, Map.of("t", new TopicState("t",
                MetadataMachine.topicId("t", 1), 2, Map.of(), List.of(p))));
        byte[] current = MetadataCodec.encode(image);
        assertEquals(4, current[0]);
        // format 3 is format 4 without each node's draining byte, the one after its fenced byte
        java.io.ByteArrayOutputStream formatThree = new java.io.ByteArrayOutputStream();
        formatThree.write(3);
        int at = 1 + 8 + 4; // format, version, node count
        formatThree.write(current, 1, at - 1);
        for (NodeState n : image.nodes().values()) {
            int nodeBytes = 4 + 4 + n.endpoint().host().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + 3 * 4 + 1;
            formatThree.write(current, at, nodeBytes);
            at += nodeBytes + 1;
        }
        formatThree.write(current, at, current.length - at);
        assertEquals(image, MetadataCodec.decodeImage(formatThree.toByteArray()));
    }

    @Test
    void aDrainingNodeRoundTrips() {
        NodeState draining = new NodeState(new NodeEndpoint(4, "d.example", 1, 2, 3), false, true);
        ClusterImage image = new ClusterImage(3, Map.of(4, draining), Map.of());
        assertTrue(MetadataCodec.decodeImage(MetadataCodec.encode(image)).nodes().get(4).draining());
    }

    @Test
    void quorumMessagesRoundTrip() {
        QuorumCodec.Heartbeat heartbeat = new QuorumCodec.Heartbeat(4, 1234);
        assertEquals(heartbeat, QuorumCodec.decodeHeartbeat(QuorumCodec.encode(heartbeat)));
        ClusterImage image = bigImage(2, 2, 2);
        assertEquals(image, QuorumCodec.decodeHeartbeatReply(QuorumCodec.encodeHeartbeatReply(image, image.version() - 1)));
        assertEquals(null, QuorumCodec.decodeHeartbeatReply(QuorumCodec.encodeHeartbeatReply(image, image.version())));
        QuorumCodec.CommandReply reply = new QuorumCodec.CommandReply(MetadataResult.refused(ErrorCode.NOT_LEADER, "stale"), 88);
        assertEquals(reply, QuorumCodec.decodeCommandReply(QuorumCodec.encode(reply)));
    }

    /** An image with {@code nodes} nodes (every third fenced, every fourth draining) and {@code topics} topics of up to {@code partitions} partitions. */
    static ClusterImage bigImage(int nodes, int topics, int partitions) {
        Map<Integer, NodeState> nodeMap = new LinkedHashMap<>();
        for (int id = 0; id < nodes; id++) {
            nodeMap.put(id, new NodeState(new NodeEndpoint(id, "node-" + id + ".rivulet.local", 7000 + id, 8000 + id),
                    id % 3 == 2, id % 4 == 1));
        }
        Map<String, TopicState> topicMap = new LinkedHashMap<>();
        for (int t = 0; t < topics; t++) {
            List<PartitionState> ps = new ArrayList<>();
            int count = 1 + t % partitions;
            for (int p = 0; p < count; p++) {
                List<Integer> replicas = List.of(p % nodes, (p + 1) % nodes);
                int leader = p % 5 == 4 ? PartitionState.NO_LEADER : replicas.get(0);
                List<Integer> target = p % 3 == 1 ? List.of((p + 1) % nodes) : List.of();
                ps.add(new PartitionState(p, replicas, leader, p, List.of(replicas.get(0)), 2 * p + t, target));
            }
            String name = "topic-" + t;
            topicMap.put(name, new TopicState(name, MetadataMachine.topicId(name, t), 2,
                    t % 2 == 0 ? Map.of() : Map.of("retention.ms", Integer.toString(t)), ps));
        }
        return new ClusterImage(10_000 + topics, nodeMap, topicMap);
    }
}
