package io.rivulet.engine.net;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.ClusterDescription;
import io.rivulet.api.GroupDescription;
import io.rivulet.api.GroupState;
import io.rivulet.api.MemberDescription;
import io.rivulet.api.NewTopic;
import io.rivulet.api.NodeDescription;
import io.rivulet.api.PartitionDescription;
import io.rivulet.api.PartitionLag;
import io.rivulet.api.TopicDescription;
import io.rivulet.api.TopicPartition;

import java.util.List;
import java.util.TreeMap;

/**
 * Bodies of the admin requests and responses (see {@link WireFormat} for the primitives):
 *
 * <pre>
 * CREATE_TOPIC         string name, int32 partitions, int16 replication factor, map configs  → empty
 * DELETE_TOPIC         string name                                                          → empty
 * LIST_TOPICS          empty                                                                → list of string
 * DESCRIBE_TOPIC       string name                          → string name, map configs, list of partition:
 *                      int32 partition, int64 log start, int64 end, int32 leader, list int32 replicas, list int32 isr
 * LIST_GROUPS          empty                                                                → list of string
 * DESCRIBE_GROUP       string group id        → string id, int8 state, int32 generation, string strategy (or null),
 *                      list of member: string id, string client id, string host, list of partition;
 *                      list of lag: partition, int64 committed, int64 end, int64 lag
 * DESCRIBE_CLUSTER     empty                  → string cluster id, int32 controller, list of node: int32 id, string host,
 *                      int32 port, int8 fenced, int32 leaders, int32 replicas, int8 draining; list of reassigning
 *                      partition
 * REASSIGN_PARTITION   partition, list int32 target replicas                               → empty
 * DRAIN_NODE           int32 node id                                                        → empty
 * </pre>
 */
public final class AdminCodec {
    private AdminCodec() {
    }

    public static void writeNewTopic(ByteBuf out, NewTopic t) {
        WireFormat.writeString(out, t.name());
        out.writeInt(t.partitions());
        out.writeShort(t.replicationFactor());
        WireFormat.writeStringMap(out, t.configs());
    }

    public static NewTopic readNewTopic(ByteBuf in) {
        String name = WireFormat.readRequiredString(in, "topic name");
        int partitions = WireFormat.readInt(in);
        short rf = (short) WireFormat.readShort(in);
        return new NewTopic(name, partitions, rf, WireFormat.readStringMap(in));
    }

    public static void writeNames(ByteBuf out, List<String> names) {
        WireFormat.writeList(out, names, WireFormat::writeString);
    }

    public static List<String> readNames(ByteBuf in) {
        return List.copyOf(WireFormat.readList(in, b -> WireFormat.readRequiredString(b, "name")));
    }

    public static void writeTopic(ByteBuf out, TopicDescription t) {
        WireFormat.writeString(out, t.name());
        WireFormat.writeStringMap(out, t.configs());
        WireFormat.writeList(out, t.partitions(), (b, p) -> {
            b.writeInt(p.partition());
            b.writeLong(p.logStartOffset());
            b.writeLong(p.endOffset());
            b.writeInt(p.leader());
            WireFormat.writeList(b, p.replicas(), ByteBuf::writeInt);
            WireFormat.writeList(b, p.isr(), ByteBuf::writeInt);
        });
    }

    public static TopicDescription readTopic(ByteBuf in) {
        String name = WireFormat.readRequiredString(in, "topic name");
        var configs = new TreeMap<>(WireFormat.readStringMap(in));
        List<PartitionDescription> partitions = WireFormat.readList(in, b -> new PartitionDescription(
                WireFormat.readInt(b), WireFormat.readLong(b), WireFormat.readLong(b), WireFormat.readInt(b),
                List.copyOf(WireFormat.readList(b, WireFormat::readInt)),
                List.copyOf(WireFormat.readList(b, WireFormat::readInt))));
        return new TopicDescription(name, configs, List.copyOf(partitions));
    }

    public static void writeGroup(ByteBuf out, GroupDescription g) {
        WireFormat.writeString(out, g.groupId());
        out.writeByte(g.state().ordinal());
        out.writeInt(g.generation());
        WireFormat.writeString(out, g.assignmentStrategy() == null ? null : g.assignmentStrategy().name());
        WireFormat.writeList(out, g.members(), (b, m) -> {
            WireFormat.writeString(b, m.memberId());
            WireFormat.writeString(b, m.clientId());
            WireFormat.writeString(b, m.host());
            WireFormat.writeList(b, m.assignment(), WireFormat::writePartition);
        });
        WireFormat.writeList(out, g.partitions(), (b, l) -> {
            WireFormat.writePartition(b, l.topicPartition());
            b.writeLong(l.committedOffset());
            b.writeLong(l.endOffset());
            b.writeLong(l.lag());
        });
    }

    public static GroupDescription readGroup(ByteBuf in) {
        String id = WireFormat.readRequiredString(in, "group id");
        GroupState state = enumAt(GroupState.values(), WireFormat.readUnsignedByte(in), "group state");
        int generation = WireFormat.readInt(in);
        String strategy = WireFormat.readString(in);
        List<MemberDescription> members = WireFormat.readList(in, b -> new MemberDescription(
                WireFormat.readString(b), WireFormat.readString(b), WireFormat.readString(b),
                List.copyOf(WireFormat.readList(b, WireFormat::readPartition))));
        List<PartitionLag> lags = WireFormat.readList(in, b -> new PartitionLag(WireFormat.readPartition(b),
                WireFormat.readLong(b), WireFormat.readLong(b), WireFormat.readLong(b)));
        return new GroupDescription(id, state, generation, strategy == null ? null : AssignmentStrategy.valueOf(strategy),
                List.copyOf(members), List.copyOf(lags));
    }

    public static void writeCluster(ByteBuf out, ClusterDescription c) {
        WireFormat.writeString(out, c.clusterId());
        out.writeInt(c.controllerId());
        WireFormat.writeList(out, c.nodes(), (b, n) -> {
            b.writeInt(n.id());
            WireFormat.writeString(b, n.host());
            b.writeInt(n.port());
            b.writeByte(n.fenced() ? 1 : 0);
            b.writeInt(n.leaderCount());
            b.writeInt(n.replicaCount());
            b.writeByte(n.draining() ? 1 : 0);
        });
        WireFormat.writeList(out, c.reassigningPartitions(), WireFormat::writePartition);
    }

    public static ClusterDescription readCluster(ByteBuf in) {
        String id = WireFormat.readString(in);
        int controller = WireFormat.readInt(in);
        List<NodeDescription> nodes = WireFormat.readList(in, b -> new NodeDescription(WireFormat.readInt(b),
                WireFormat.readString(b), WireFormat.readInt(b), WireFormat.readBoolean(b), WireFormat.readInt(b),
                WireFormat.readInt(b), WireFormat.readBoolean(b)));
        List<TopicPartition> moving = WireFormat.readList(in, WireFormat::readPartition);
        return new ClusterDescription(id, controller, List.copyOf(nodes), List.copyOf(moving));
    }

    /** A {@code REASSIGN_PARTITION} request. */
    public record Reassignment(TopicPartition partition, List<Integer> replicas) {
    }

    public static void writeReassignment(ByteBuf out, TopicPartition tp, List<Integer> replicas) {
        WireFormat.writePartition(out, tp);
        WireFormat.writeList(out, replicas, ByteBuf::writeInt);
    }

    public static Reassignment readReassignment(ByteBuf in) {
        TopicPartition tp = WireFormat.readPartition(in);
        return new Reassignment(tp, List.copyOf(WireFormat.readList(in, WireFormat::readInt)));
    }

    static <E> E enumAt(E[] values, int ordinal, String what) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw WireFormat.malformed(what + " " + ordinal + " is unknown");
        }
        return values[ordinal];
    }
}
