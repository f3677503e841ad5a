package io.rivulet.engine.kafka;

import io.rivulet.engine.group.classic.ConsumerAssignment;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's own reader of consumer assignments agrees with Kafka's writer, at every version it writes. */
class ConsumerAssignmentTest {

    @Test
    void readsThePartitionsKafkasConsumerProtocolWritesAtEveryVersion() {
        List<TopicPartition> partitions = List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 3),
                new TopicPartition("audit.v2_x-y", 7));
        for (short v = 0; v <= 3; v++) {
            ByteBuffer b = ConsumerProtocol.serializeAssignment(new Assignment(partitions,
                    ByteBuffer.wrap(new byte[]{9, 9, 9})), v);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            List<String> read = ConsumerAssignment.partitions(bytes).stream()
                    .map(tp -> tp.topic() + "-" + tp.partition()).sorted().toList();
            assertEquals(partitions.stream().map(TopicPartition::toString).sorted().toList(), read, "version " + v);
        }
    }

    @Test
    void bytesThatAreNoAssignmentGiveNoPartitions() {
        assertEquals(List.of(), ConsumerAssignment.partitions(new byte[0]));
        assertEquals(List.of(), ConsumerAssignment.partitions(new byte[]{0, 0, 0x7f, -1, -1, -1, 0, 0}));
        assertEquals(List.of(), ConsumerAssignment.partitions(new byte[]{0, 0, 0, 0, 0, 1, 0, 50, 'x'}));
        ByteBuffer b = ConsumerProtocol.serializeAssignment(new Assignment(List.of(new TopicPartition("a b", 0))));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        assertEquals(List.of(), ConsumerAssignment.partitions(bytes), "a topic name Rivulet refuses");
    }
}
