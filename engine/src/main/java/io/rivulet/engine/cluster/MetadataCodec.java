package io.rivulet.engine.cluster;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Commands, results and whole images as bytes: the payload of Raft log entries, query replies and
 * snapshots. Big-endian; every value starts with a format byte so a later release can change the
 * layout and still read the old one.
 *
 * <pre>
 * command   := format:u8(2) type:u8 body
 *   1 RegisterNode  endpoint (format 1 commands have no kafkaPort)
 *   2 FenceNode     nodeId:i32
 *   3 UnfenceNode   nodeId:i32
 *   4 CreateTopic   name:str partitions:i32 replicationFactor:i32 configCount:i32 (key:str value:str)*
 *   5 DeleteTopic   name:str
 *   6 AlterIsr      topic:str partition:i32 leaderId:i32 leaderEpoch:i32 partitionEpoch:i32 isr:ints
 *   7 ReassignPartition topic:str partition:i32 targetReplicas:ints
 *   8 DrainNode     nodeId:i32
 * result    := format:u8(1) errorCode:i32 (-1 = ok) message:str
 * image     := format:u8(4) version:i64 nodeCount:i32 node* topicCount:i32 topic*
 *   node      := endpoint fenced:u8 draining:u8 (draining since format 4; older images have no draining node)
 *   endpoint  := id:i32 host:str nativePort:i32 httpPort:i32 kafkaPort:i32 (not in command format 1, image format 1-2)
 *   topic     := name:str idHigh:i64 idLow:i64 replicationFactor:i32 configCount:i32 (key:str value:str)*
 *                partitionCount:i32 partition*
 *   partition := partition:i32 replicas:ints leader:i32 leaderEpoch:i32 isr:ints partitionEpoch:i32
 *                targetReplicas:ints (format 2 only; format 1 images, written before reassignments, have none)
 * str       := length:i32 utf8-bytes
 * ints      := count:i32 i32*
 * </pre>
 *
 * <p>Readers check every length and count against the bytes left before allocating, and throw
 * {@link IllegalArgumentException} for malformed input. Thread-safe (stateless).
 */
public final class MetadataCodec {

    /** Commands gained the Kafka port of a registering node in format 2; format 1 commands still read. */
    static final byte FORMAT = 2;
    /**
     * Images gained the reassignment target of each partition in format 2, each node's Kafka port in format 3 and
     * whether each node is draining in format 4; older images still read.
     */
    static final byte IMAGE_FORMAT = 4;
    private static final int NO_ERROR = -1;

    private static final byte REGISTER_NODE = 1;
    private static final byte FENCE_NODE = 2;
    private static final byte UNFENCE_NODE = 3;
    private static final byte CREATE_TOPIC = 4;
    private static final byte DELETE_TOPIC = 5;
    private static final byte ALTER_ISR = 6;
    private static final byte REASSIGN_PARTITION = 7;
    private static final byte DRAIN_NODE = 8;

    private MetadataCodec() {
    }

    /** A command as bytes. */
    public static byte[] encode(MetadataCommand command) {
        return write(out -> {
            out.writeByte(FORMAT);
            if (command instanceof MetadataCommand.RegisterNode c) {
                out.writeByte(REGISTER_NODE);
                writeEndpoint(out, c.endpoint());
            } else if (command instanceof MetadataCommand.FenceNode c) {
                out.writeByte(FENCE_NODE);
                out.writeInt(c.nodeId());
            } else if (command instanceof MetadataCommand.UnfenceNode c) {
                out.writeByte(UNFENCE_NODE);
                out.writeInt(c.nodeId());
            } else if (command instanceof MetadataCommand.CreateTopic c) {
                out.writeByte(CREATE_TOPIC);
                out.writeString(c.name());
                out.writeInt(c.partitions());
                out.writeInt(c.replicationFactor());
                writeConfigs(out, c.configs());
            } else if (command instanceof MetadataCommand.DeleteTopic c) {
                out.writeByte(DELETE_TOPIC);
                out.writeString(c.name());
            } else if (command instanceof MetadataCommand.AlterIsr c) {
                out.writeByte(ALTER_ISR);
                out.writeString(c.tp().topic());
                out.writeInt(c.tp().partition());
                out.writeInt(c.leaderId());
                out.writeInt(c.leaderEpoch());
                out.writeInt(c.partitionEpoch());
                out.writeInts(c.isr());
            } else if (command instanceof MetadataCommand.ReassignPartition c) {
                out.writeByte(REASSIGN_PARTITION);
                out.writeString(c.tp().topic());
                out.writeInt(c.tp().partition());
                out.writeInts(c.targetReplicas());
            } else if (command instanceof MetadataCommand.DrainNode c) {
                out.writeByte(DRAIN_NODE);
                out.writeInt(c.nodeId());
            } else {
                throw new IllegalArgumentException("unknown command " + command);
            }
        });
    }

    /** The command in {@code bytes}. */
    public static MetadataCommand decodeCommand(byte[] bytes) {
        return read(bytes, "command", in -> {
            byte type = in.u8();
            return switch (type) {
                case REGISTER_NODE -> new MetadataCommand.RegisterNode(readEndpoint(in, in.format >= 2));
                case FENCE_NODE -> new MetadataCommand.FenceNode(in.i32());
                case UNFENCE_NODE -> new MetadataCommand.UnfenceNode(in.i32());
                case CREATE_TOPIC -> new MetadataCommand.CreateTopic(in.string(), in.i32(), in.i32(), readConfigs(in));
                case DELETE_TOPIC -> new MetadataCommand.DeleteTopic(in.string());
                case ALTER_ISR -> new MetadataCommand.AlterIsr(new TopicPartition(in.string(), in.i32()),
                        in.i32(), in.i32(), in.i32(), in.ints());
                case REASSIGN_PARTITION -> new MetadataCommand.ReassignPartition(
                        new TopicPartition(in.string(), in.i32()), in.ints());
                case DRAIN_NODE -> new MetadataCommand.DrainNode(in.i32());
                default -> throw new IllegalArgumentException("unknown command type " + type);
            };
        });
    }

    /** A result as bytes. */
    public static byte[] encode(MetadataResult result) {
        return write(out -> {
            out.writeByte(FORMAT);
            out.writeInt(result.ok() ? NO_ERROR : result.error().code());
            out.writeString(result.message());
        });
    }

    /** The result in {@code bytes}; an error code this release does not know reads as {@link ErrorCode#UNKNOWN}. */
    public static MetadataResult decodeResult(byte[] bytes) {
        return read(bytes, "result", in -> {
            int code = in.i32();
            String message = in.string();
            return code == NO_ERROR ? MetadataResult.OK : MetadataResult.refused(ErrorCode.fromCode(code), message);
        });
    }

    /** A whole image as bytes. */
    public static byte[] encode(ClusterImage image) {
        return write(out -> {
            out.writeByte(IMAGE_FORMAT);
            out.writeLong(image.version());
            out.writeInt(image.nodes().size());
            for (NodeState node : image.nodes().values()) {
                writeEndpoint(out, node.endpoint());
                out.writeByte(node.fenced() ? 1 : 0);
                out.writeByte(node.draining() ? 1 : 0);
            }
            out.writeInt(image.topics().size());
            for (TopicState topic : image.topics().values()) {
                out.writeString(topic.name());
                out.writeLong(topic.id().getMostSignificantBits());
                out.writeLong(topic.id().getLeastSignificantBits());
                out.writeInt(topic.replicationFactor());
                writeConfigs(out, topic.configs());
                out.writeInt(topic.partitions().size());
                for (PartitionState p : topic.partitions()) {
                    out.writeInt(p.partition());
                    out.writeInts(p.replicas());
                    out.writeInt(p.leader());
                    out.writeInt(p.leaderEpoch());
                    out.writeInts(p.isr());
                    out.writeInt(p.partitionEpoch());
                    out.writeInts(p.targetReplicas());
                }
            }
        });
    }

    /** The image in {@code bytes}. */
    public static ClusterImage decodeImage(byte[] bytes) {
        return read(bytes, "image", IMAGE_FORMAT, in -> {
            long version = in.i64();
            int nodeCount = in.count(4 * 4 + 1);
            Map<Integer, NodeState> nodes = new TreeMap<>();
            for (int i = 0; i < nodeCount; i++) {
                NodeEndpoint endpoint = readEndpoint(in, in.format >= 3);
                boolean fenced = in.u8() != 0;
                boolean draining = in.format >= 4 && in.u8() != 0;
                nodes.put(endpoint.id(), new NodeState(endpoint, fenced, draining));
            }
            int topicCount = in.count(4 + 16 + 4 + 4 + 4);
            Map<String, TopicState> topics = new TreeMap<>();
            for (int i = 0; i < topicCount; i++) {
                String name = in.string();
                UUID id = new UUID(in.i64(), in.i64());
                int replicationFactor = in.i32();
                Map<String, String> configs = readConfigs(in);
                int partitionCount = in.count(6 * 4);
                List<PartitionState> partitions = new ArrayList<>(partitionCount);
                for (int p = 0; p < partitionCount; p++) {
                    partitions.add(new PartitionState(in.i32(), in.ints(), in.i32(), in.i32(), in.ints(), in.i32(),
                            in.format >= 2 ? in.ints() : List.of()));
                }
                topics.put(name, new TopicState(name, id, replicationFactor, configs, partitions));
            }
            return new ClusterImage(version, nodes, topics);
        });
    }

    private static void writeEndpoint(Output out, NodeEndpoint e) throws IOException {
        out.writeInt(e.id());
        out.writeString(e.host());
        out.writeInt(e.nativePort());
        out.writeInt(e.httpPort());
        out.writeInt(e.kafkaPort());
    }

    private static NodeEndpoint readEndpoint(Input in, boolean withKafkaPort) {
        return new NodeEndpoint(in.i32(), in.string(), in.i32(), in.i32(), withKafkaPort ? in.i32() : 0);
    }

    private static void writeConfigs(Output out, Map<String, String> configs) throws IOException {
        // Sorted, so equal maps encode to equal bytes.
        Map<String, String> sorted = new TreeMap<>(configs);
        out.writeInt(sorted.size());
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            out.writeString(entry.getKey());
            out.writeString(entry.getValue());
        }
    }

    private static Map<String, String> readConfigs(Input in) {
        int count = in.count(8);
        Map<String, String> configs = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            configs.put(in.string(), in.string());
        }
        return configs;
    }

    private interface Body {
        void write(Output out) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (Output out = new Output(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, String what, Function<Input, T> body) {
        return read(bytes, what, FORMAT, body);
    }

    /** Reads formats 1 to {@code newest}; the body asks {@link Input#format} where layouts differ. */
    private static <T> T read(byte[] bytes, String what, byte newest, Function<Input, T> body) {
        Input in = new Input(bytes, what);
        byte format = in.u8();
        if (format < 1 || format > newest) {
            throw new IllegalArgumentException("metadata " + what + " has format " + format + "; this release reads "
                    + (newest == 1 ? "1" : "1 to " + newest) + " (a newer node wrote it?)");
        }
        in.format = format;
        try {
            T value = body.apply(in);
            in.expectEnd();
            return value;
        } catch (RivuletException e) {
            // a value's own check (an invalid topic name) on bytes that decoded: still malformed input
            throw new IllegalArgumentException("malformed metadata " + what + ": " + e.getMessage(), e);
        }
    }

    /** A {@link DataOutputStream} with the two composite shapes of the layout. */
    private static final class Output extends DataOutputStream {
        Output(ByteArrayOutputStream out) {
            super(out);
        }

        void writeString(String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeInt(utf8.length);
            write(utf8);
        }

        void writeInts(List<Integer> values) throws IOException {
            writeInt(values.size());
            for (int v : values) {
                writeInt(v);
            }
        }
    }

    /** A bounds-checked big-endian reader: every failure is an {@link IllegalArgumentException} naming what was read. */
    private static final class Input {
        private final ByteBuffer buffer;
        private final String what;
        /** The format byte the value started with. */
        byte format;

        Input(byte[] bytes, String what) {
            this.buffer = ByteBuffer.wrap(bytes);
            this.what = what;
        }

        byte u8() {
            need(1);
            return buffer.get();
        }

        int i32() {
            need(4);
            return buffer.getInt();
        }

        long i64() {
            need(8);
            return buffer.getLong();
        }

        /** A count of items of at least {@code minItemBytes} each, checked against the bytes left. */
        int count(int minItemBytes) {
            int count = i32();
            if (count < 0 || (long) count * minItemBytes > buffer.remaining()) {
                throw malformed("count " + count + " does not fit in the " + buffer.remaining() + " bytes left");
            }
            return count;
        }

        String string() {
            int length = count(1);
            String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return s;
        }

        List<Integer> ints() {
            int count = count(4);
            List<Integer> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(buffer.getInt());
            }
            return values;
        }

        void expectEnd() {
            if (buffer.hasRemaining()) {
                throw malformed(buffer.remaining() + " bytes left over");
            }
        }

        private void need(int bytes) {
            if (buffer.remaining() < bytes) {
                throw malformed("truncated at byte " + buffer.position());
            }
        }

        private IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("malformed metadata " + what + ": " + why);
        }
    }
}
