package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The cluster's bodies — {@code CLUSTER_METADATA}, a replica stream's open, {@code REPLICA_ACK} — survive a
 * round trip, and every strict prefix of one is refused with a {@link ProtocolException}.
 */
class ReplicationCodecTest {
    private static final TopicPartition TP = new TopicPartition("orders", 2);

    private static <T> void roundTrips(T value, BiConsumer<ByteBuf, T> write, Function<ByteBuf, T> read) {
        ByteBuf buf = Unpooled.buffer();
        try {
            write.accept(buf, value);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(0, bytes);
            assertEquals(value, read.apply(buf));
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
