package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key and value of one record in the internal offsets log: a group's committed position for one
 * partition. All integers big-endian; strings are UTF-8 with an unsigned 16-bit length.
 *
 * <pre>
 * key (type 1, committed offset)
 * offset  size  field
 * ------  ----  ---------------------------------------------
 * 0       2     type: 1 = committed offset
 * 2       2     G: group id length in bytes
 * 4       G     group id
 * 4+G     2     T: topic length in bytes
 * 6+G     T     topic
 * 6+G+T   4     partition
 *
 * value (version 1); a null value is a tombstone: the position was deleted
 * offset  size  field
 * ------  ----  ---------------------------------------------
 * 0       2     version: 1
 * 2       8     committed position (the next offset to read)
 * 10      8     commit time, ms since the epoch
 * </pre>
 *
 * <p>Readers skip keys of unknown types and values of unknown versions, so later versions can add
 * record types (group metadata, say) without breaking an older reader's replay.
 */
final class OffsetRecord {
    static final short TYPE_COMMITTED_OFFSET = 1;
    static final short VALUE_VERSION = 1;
    private static final int MAX_STRING_BYTES = 0xFFFF;

    /** A decoded key. */
    record Key(String groupId, TopicPartition topicPartition) {
    }

    /** A decoded value. */
    record Value(long offset, long commitTimeMs) {
    }

    private OffsetRecord() {
    }

    static byte[] key(String groupId, TopicPartition tp) {
        byte[] group = utf8(groupId, "group id");
        byte[] topic = utf8(tp.topic(), "topic");
        return ByteBuffer.allocate(2 + 2 + group.length + 2 + topic.length + 4)
                .putShort(TYPE_COMMITTED_OFFSET)
                .putShort((short) group.length).put(group)
                .putShort((short) topic.length).put(topic)
                .putInt(tp.partition())
                .array();
    }

    static byte[] value(long offset, long commitTimeMs) {
        return ByteBuffer.allocate(18).putShort(VALUE_VERSION).putLong(offset).putLong(commitTimeMs).array();
    }

    /** The key, or null if it is of a type this version does not know or is malformed. */
    static Key readKey(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getShort() != TYPE_COMMITTED_OFFSET) {
                return null;
            }
            String group = string(b);
            String topic = string(b);
            int partition = b.getInt();
            return new Key(group, new TopicPartition(topic, partition));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The value, or null if it is of a version this one does not know or is malformed. */
    static Value readValue(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getShort() != VALUE_VERSION) {
                return null;
            }
            return new Value(b.getLong(), b.getLong());
        } catch (BufferUnderflowException e) {
            return null;
        }
    }

    private static byte[] utf8(String s, String what) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(what + " is " + bytes.length + " bytes in UTF-8; at most "
                    + MAX_STRING_BYTES + " fit in the offsets log");
        }
        return bytes;
    }

    private static String string(ByteBuffer b) {
        int length = Short.toUnsignedInt(b.getShort());
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
