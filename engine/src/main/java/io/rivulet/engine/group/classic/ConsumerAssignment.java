package io.rivulet.engine.group.classic;

import io.rivulet.api.TopicPartition;
import io.rivulet.api.errors.RivuletException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the partitions out of a Kafka consumer's assignment bytes (what a consumer leader hands each member in
 * SyncGroup when the protocol type is {@code consumer}), so descriptions can list them without Kafka's classes.
 * All integers big-endian; versions 0 to 3 share this layout, and later fields, if any, follow it.
 *
 * <pre>
 * offset  size  field
 * ------  ----  ---------------------------------------------
 * 0       2     version
 * 2       4     N: topic count
 *               N times:
 *         2       T: topic name length in bytes (UTF-8)
 *         T       topic name
 *         4       P: partition count
 *         4×P     partitions
 * ...     4     user data length (-1 for none), then the bytes
 * </pre>
 */
public final class ConsumerAssignment {
    /** The protocol type of Kafka consumer groups. */
    public static final String PROTOCOL_TYPE = "consumer";

    private ConsumerAssignment() {
    }

    /**
     * The partitions in {@code bytes}, in their order; empty if the bytes are empty or malformed, or name a topic
     * Rivulet could not have (a leader may write anything).
     */
    public static List<TopicPartition> partitions(byte[] bytes) {
        if (bytes == null || bytes.length < 6) {
            return List.of();
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.getShort();
            int topics = b.getInt();
            if (topics < 0 || topics > b.remaining()) {
                return List.of();
            }
            List<TopicPartition> out = new ArrayList<>();
            for (int t = 0; t < topics; t++) {
                int length = b.getShort();
                if (length < 0 || length > b.remaining()) {
                    return List.of();
                }
                byte[] name = new byte[length];
                b.get(name);
                String topic = new String(name, StandardCharsets.UTF_8);
                int partitions = b.getInt();
                if (partitions < 0 || partitions > b.remaining() / 4) {
                    return List.of();
                }
                for (int p = 0; p < partitions; p++) {
                    out.add(TopicPartition.of(topic, b.getInt()));
                }
            }
            return out;
        } catch (BufferUnderflowException | IllegalArgumentException | RivuletException e) {
            return List.of(); // not a consumer assignment, or a topic name Rivulet refuses: describe no partitions
        }
    }
}
