package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.errors.ErrorCode;

import java.util.List;

/**
 * The body of {@link ApiKey#CLUSTER_METADATA}.
 *
 * <pre>
 * request    list of string topic (empty: every topic)
 * response   int32 controller,
 *            list of (int32 node id, string host, int32 port),
 *            list of (string topic, int16 error code (0 = none), string message,
 *                     list of (int32 partition, int32 leader, int32 leader epoch, list int32 replicas, list int32 isr))
 * </pre>
 */
public final class ClusterMetadataCodec {
    private ClusterMetadataCodec() {
    }

    public static void writeRequest(ByteBuf out, List<String> topics) {
        WireFormat.writeList(out, topics, WireFormat::writeString);
    }

    public static List<String> readRequest(ByteBuf in) {
        return WireFormat.readList(in, b -> WireFormat.readRequiredString(b, "topic"));
    }

    public static void write(ByteBuf out, ClusterMetadata m) {
        out.writeInt(m.controller());
        WireFormat.writeList(out, m.nodes(), (b, n) -> {
            b.writeInt(n.id());
            WireFormat.writeString(b, n.host());
            b.writeInt(n.port());
        });
        WireFormat.writeList(out, m.topics(), (b, t) -> {
            WireFormat.writeString(b, t.name());
            b.writeShort(t.error() == null ? 0 : t.error().code());
            WireFormat.writeString(b, t.message());
            WireFormat.writeList(b, t.partitions(), ClusterMetadataCodec::writePartition);
        });
    }

    public static ClusterMetadata read(ByteBuf in) {
        int controller = WireFormat.readInt(in);
        List<ClusterMetadata.Node> nodes = WireFormat.readList(in, b -> new ClusterMetadata.Node(
                WireFormat.readInt(b), WireFormat.readRequiredString(b, "host"), WireFormat.readInt(b)));
        List<ClusterMetadata.Topic> topics = WireFormat.readList(in, b -> {
            String name = WireFormat.readRequiredString(b, "topic");
            int code = WireFormat.readShort(b);
            String message = WireFormat.readString(b);
            List<ClusterMetadata.Partition> partitions = WireFormat.readList(b, ClusterMetadataCodec::readPartition);
            return new ClusterMetadata.Topic(name, code == 0 ? null : ErrorCode.fromCode(code), message, partitions);
        });
        return new ClusterMetadata(controller, nodes, topics);
    }

    private static void writePartition(ByteBuf b, ClusterMetadata.Partition p) {
        b.writeInt(p.partition()).writeInt(p.leader()).writeInt(p.leaderEpoch());
        WireFormat.writeList(b, p.replicas(), ByteBuf::writeInt);
        WireFormat.writeList(b, p.isr(), ByteBuf::writeInt);
    }

    private static ClusterMetadata.Partition readPartition(ByteBuf b) {
        return new ClusterMetadata.Partition(WireFormat.readInt(b), WireFormat.readInt(b), WireFormat.readInt(b),
                WireFormat.readList(b, WireFormat::readInt), WireFormat.readList(b, WireFormat::readInt));
    }
}
