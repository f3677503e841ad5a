package io.rivulet.engine.cluster;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The messages between a node and the quorum besides commands: heartbeats (read-only queries) and
 * their replies, and the reply to a command. Big-endian, each with the leading format byte.
 *
 * <pre>
 * heartbeat       := format:u8(1) nodeId:i32 knownVersion:i64
 * heartbeat reply := format:u8(1) 0                    -- the caller's image is current
 *                  | format:u8(1) 1 image              -- a newer image ({@link MetadataCodec})
 * command reply   := format:u8(1) imageVersion:i64 result   -- the image version once the command applied
 * </pre>
 */
final class QuorumCodec {

    /** A node's heartbeat: who it is and the image version it has. */
    record Heartbeat(int nodeId, long knownVersion) {
    }

    /** The quorum's answer to a command: its result and the image version right after it. */
    record CommandReply(MetadataResult result, long imageVersion) {
    }

    private static final byte UNCHANGED = 0;
    private static final byte IMAGE = 1;

    private QuorumCodec() {
    }

    static byte[] encode(Heartbeat heartbeat) {
        return ByteBuffer.allocate(13).put(MetadataCodec.FORMAT).putInt(heartbeat.nodeId())
                .putLong(heartbeat.knownVersion()).array();
    }

    static Heartbeat decodeHeartbeat(byte[] bytes) {
        ByteBuffer b = open(bytes, "heartbeat");
        try {
            Heartbeat heartbeat = new Heartbeat(b.getInt(), b.getLong());
            end(b, "heartbeat");
            return heartbeat;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("malformed heartbeat: truncated", e);
        }
    }

    /** The reply to a heartbeat: the image if it is newer than the caller's, else "unchanged". */
    static byte[] encodeHeartbeatReply(ClusterImage image, long callerVersion) {
        if (image.version() <= callerVersion) {
            return new byte[] {MetadataCodec.FORMAT, UNCHANGED};
        }
        byte[] encoded = MetadataCodec.encode(image);
        byte[] reply = new byte[encoded.length + 2];
        reply[0] = MetadataCodec.FORMAT;
        reply[1] = IMAGE;
        System.arraycopy(encoded, 0, reply, 2, encoded.length);
        return reply;
    }

    /** The image in a heartbeat reply, or null if the caller's was current. */
    static ClusterImage decodeHeartbeatReply(byte[] bytes) {
        ByteBuffer b = open(bytes, "heartbeat reply");
        if (!b.hasRemaining()) {
            throw new IllegalArgumentException("malformed heartbeat reply: truncated");
        }
        byte kind = b.get();
        if (kind == UNCHANGED) {
            end(b, "heartbeat reply");
            return null;
        }
        if (kind != IMAGE) {
            throw new IllegalArgumentException("malformed heartbeat reply: unknown kind " + kind);
        }
        return MetadataCodec.decodeImage(Arrays.copyOfRange(bytes, 2, bytes.length));
    }

    static byte[] encode(CommandReply reply) {
        byte[] result = MetadataCodec.encode(reply.result());
        return ByteBuffer.allocate(9 + result.length).put(MetadataCodec.FORMAT).putLong(reply.imageVersion())
                .put(result).array();
    }

    static CommandReply decodeCommandReply(byte[] bytes) {
        ByteBuffer b = open(bytes, "command reply");
        if (b.remaining() < 8) {
            throw new IllegalArgumentException("malformed command reply: truncated");
        }
        long version = b.getLong();
        return new CommandReply(MetadataCodec.decodeResult(Arrays.copyOfRange(bytes, 9, bytes.length)), version);
    }

    private static ByteBuffer open(byte[] bytes, String what) {
        if (bytes.length == 0 || bytes[0] != MetadataCodec.FORMAT) {
            throw new IllegalArgumentException("malformed " + what + ": "
                    + (bytes.length == 0 ? "empty" : "format " + bytes[0] + ", this release reads " + MetadataCodec.FORMAT));
        }
        return ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    }

    private static void end(ByteBuffer b, String what) {
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("malformed " + what + ": " + b.remaining() + " bytes left over");
        }
    }
}
