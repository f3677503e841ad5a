package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.GroupState;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.engine.group.CommitRequest;
import io.rivulet.engine.group.CommitResponse;
import io.rivulet.engine.group.GroupError;
import io.rivulet.engine.group.HeartbeatRequest;
import io.rivulet.engine.group.HeartbeatResponse;
import io.rivulet.engine.group.JoinRequest;
import io.rivulet.engine.group.JoinResponse;
import io.rivulet.engine.group.MemberAssignment;
import io.rivulet.engine.group.OffsetFetchRequest;
import io.rivulet.engine.group.OffsetFetchResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every request and response body survives a round trip, and every strict prefix of one is refused with a
 * {@link ProtocolException} — never read past its end, never another kind of exception.
 */
class CodecRoundTripTest {
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition B3 = new TopicPartition("b.x_y-z", 3);
    private static final TopicPartition TP = new TopicPartition("orders", 2);

    private static <T> void roundTrips(T value, BiConsumer<ByteBuf, T> write, Function<ByteBuf, T> read) {
        ByteBuf buf = Unpooled.buffer();
        try {
            write.accept(buf, value);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(0, bytes);
            assertEquals(value, read.apply(buf), "round trip");
            assertEquals(0, buf.readableBytes(), "read exactly what was written");
            for (int cut = 0; cut < bytes.length; cut++) {
                ByteBuf prefix = Unpooled.wrappedBuffer(bytes, 0, cut);
                assertThrows(ProtocolException.class, () -> read.apply(prefix), "a prefix of " + cut + " bytes");
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void adminBodies() {
        roundTrips(new NewTopic("orders", 6, (short) 1, Map.of("retention.ms", "1000")),
                AdminCodec::writeNewTopic, AdminCodec::readNewTopic);
        roundTrips(List.of("a", "b"), AdminCodec::writeNames, AdminCodec::readNames);
        roundTrips(new TopicDescription("orders", new TreeMap<>(Map.of("segment.bytes", "1024")),
                        List.of(new PartitionDescription(0, 5, 10, 1, List.of(1, 2), List.of(1)))),
                AdminCodec::writeTopic, AdminCodec::readTopic);
        roundTrips(new GroupDescription("g", GroupState.STABLE, 7, AssignmentStrategy.ROUND_ROBIN,
                        List.of(new MemberDescription("m-1", "c-1", "host", List.of(A0, B3))),
                        List.of(new PartitionLag(A0, 3, 10, 7))),
                AdminCodec::writeGroup, AdminCodec::readGroup);
        roundTrips(new ClusterDescription("c", 1, List.of(new NodeDescription(1, "localhost", 7070))),
                AdminCodec::writeCluster, AdminCodec::readCluster);
        roundTrips(new ClusterDescription("c", 2, List.of(new NodeDescription(1, "h1", 7071, false, 3, 6),
                        new NodeDescription(2, "h2", 7072, true, 0, 4), new NodeDescription(3, "h3", 7073, false, 0, 0,
                        true)), List.of(A0, B3)),
                AdminCodec::writeCluster, AdminCodec::readCluster);
        roundTrips(new AdminCodec.Reassignment(B3, List.of(4, 1, 2)),
                (b, r) -> AdminCodec.writeReassignment(b, r.partition(), r.replicas()), AdminCodec::readReassignment);
    }

    @Test
    void groupBodies() {
        MemberAssignment assignment = new MemberAssignment(4, Set.of(A0), Set.of(B3), GroupState.COMPLETING_REBALANCE);
        roundTrips(new JoinRequest("g", null, "client", "host", List.of("a", "b"), AssignmentStrategy.RANGE, 10_000),
                GroupCodec::writeJoin, GroupCodec::readJoin);
        roundTrips(new JoinResponse(GroupError.NONE, null, "m-1", assignment),
                GroupCodec::writeJoinResponse, GroupCodec::readJoinResponse);
        roundTrips(new HeartbeatRequest("g", "m-1", 4, Set.of(A0, B3)), GroupCodec::writeHeartbeat,
                GroupCodec::readHeartbeat);
        roundTrips(new HeartbeatResponse(GroupError.UNKNOWN_MEMBER_ID, null), GroupCodec::writeHeartbeatResponse,
                GroupCodec::readHeartbeatResponse);
        roundTrips(new CommitRequest("g", "m-1", 4, Map.of(A0, 17L)), GroupCodec::writeCommit, GroupCodec::readCommit);
        roundTrips(new CommitResponse(GroupError.NONE, 4, Map.of(B3, GroupError.ILLEGAL_GENERATION)),
                GroupCodec::writeCommitResponse, GroupCodec::readCommitResponse);
        roundTrips(new OffsetFetchRequest("g", Set.of(A0)), GroupCodec::writeOffsetFetch, GroupCodec::readOffsetFetch);
        roundTrips(new OffsetFetchResponse(Map.of(A0, 3L, B3, 9L)), GroupCodec::writeOffsetFetchResponse,
                GroupCodec::readOffsetFetchResponse);
    }

    @Test
    void fetchOpens() {
        for (StartAt start : List.of(StartAt.earliest(), StartAt.latest(), StartAt.offset(42), StartAt.timestamp(1_700_000_000_000L))) {
            roundTrips(new FetchCodec.Open(B3, start), (b, o) -> FetchCodec.writeOpen(b, o.partition(), o.start()),
                    FetchCodec::readOpen);
        }
    }

    @Test
    void aCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() {
        ByteBuf buf = Unpooled.buffer().writeInt(Integer.MAX_VALUE);
        assertThrows(ProtocolException.class, () -> AdminCodec.readNames(buf));
    }

    @Test
    void anUnknownRequestKindIsAProtocolError() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ApiKey.fromCode(999));
        assertEquals(ProtocolException.Reason.MALFORMED_PAYLOAD, e.reason());
    }

    @Test
    void clusterMetadata() {
        ClusterMetadata m = new ClusterMetadata(2,
                List.of(new ClusterMetadata.Node(1, "h1", 7071), new ClusterMetadata.Node(2, "h2", 7072)),
                List.of(new ClusterMetadata.Topic("orders", null, null, List.of(
                                new ClusterMetadata.Partition(0, 1, 3, List.of(1, 2), List.of(1, 2)),
                                new ClusterMetadata.Partition(1, ClusterMetadata.NO_LEADER, 4, List.of(2, 1), List.of(2)))),
                        ClusterMetadata.Topic.failed("gone", ErrorCode.UNKNOWN_TOPIC, "topic 'gone' does not exist")));
        roundTrips(m, ClusterMetadataCodec::write, ClusterMetadataCodec::read);
        roundTrips(List.of("orders", "gone"), ClusterMetadataCodec::writeRequest, ClusterMetadataCodec::readRequest);
    }

    @Test
    void replicaStreamOpenAndAck() {
        roundTrips(new ReplicaCodec.Open(TP, 3, 7, 12_345), ReplicaCodec::writeOpen, in -> {
            assertEquals(ReplicaCodec.KIND_REPLICA, WireFormat.readUnsignedByte(in));
            return ReplicaCodec.readOpenAfterKind(in);
        });
        roundTrips(new ReplicaCodec.Ack(TP, 3, 7, 99), ReplicaCodec::writeAck, ReplicaCodec::readAck);
    }

    @Test
    void aReplicaOpenWithANegativeOffsetOrIdIsRefused() {
        ByteBuf buf = Unpooled.buffer();
        WireFormat.writePartition(buf, TP);
        buf.writeInt(3).writeInt(0).writeLong(-1);
        assertThrows(ProtocolException.class, () -> ReplicaCodec.readOpenAfterKind(buf));
        buf.release();
    }
}
