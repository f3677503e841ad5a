package io.rivulet.api;

import io.rivulet.api.errors.InvalidTopicException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordValuesTest {

    @Test
    void topicPartitionRejectsANegativePartition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TopicPartition("orders", -1));
        assertTrue(e.getMessage().contains("must be >= 0 but was -1"), e.getMessage());
    }

    @Test
    void topicPartitionRejectsAnInvalidTopic() {
        assertThrows(InvalidTopicException.class, () -> TopicPartition.of("a b", 0));
    }

    @Test
    void topicPartitionPrintsAsKafkaDoes() {
        assertEquals("orders-3", TopicPartition.of("orders", 3).toString());
    }

    @Test
    void producerRecordLeavesPartitionAndTimestampToTheProducerByDefault() {
        ProducerRecord<String, String> record = ProducerRecord.of("orders", "k", "v");
        assertNull(record.partition());
        assertNull(record.timestamp());
        assertEquals(Headers.empty(), record.headers());
    }

    @Test
    void producerRecordWithersKeepTheOtherFields() {
        ProducerRecord<String, String> record = ProducerRecord.<String, String>of("orders", "k", "v")
                .withPartition(2).withTimestamp(1_000).withHeader("trace", new byte[] {7});

        assertEquals(2, record.partition());
        assertEquals(1_000L, record.timestamp());
        assertEquals("k", record.key());
        assertEquals("v", record.value());
        assertEquals(1, record.headers().size());
    }

    @Test
    void producerRecordRejectsANegativePartitionOrTimestamp() {
        assertThrows(IllegalArgumentException.class, () -> ProducerRecord.of("orders", "v").withPartition(-1));
        assertThrows(IllegalArgumentException.class, () -> ProducerRecord.of("orders", "v").withTimestamp(-1));
    }

    @Test
    void producerRecordRejectsAnInvalidTopic() {
        assertThrows(InvalidTopicException.class, () -> ProducerRecord.of("..", "v"));
    }

    @Test
    void recordMetadataReportsAnUnknownOffsetForAcksZero() {
        RecordMetadata metadata = new RecordMetadata("orders", 0, RecordMetadata.UNKNOWN_OFFSET, 5);
        assertFalse(metadata.hasOffset());
        assertThrows(IllegalArgumentException.class, () -> new RecordMetadata("orders", 0, -2, 5));
    }

    @Test
    void consumerRecordDelegatesAcknowledgeToItsHandle() {
        int[] acknowledged = {0};
        RecordOffset handle = new RecordOffset() {
            @Override
            public TopicPartition topicPartition() {
                return TopicPartition.of("orders", 1);
            }

            @Override
            public long offset() {
                return 9;
            }

            @Override
            public void acknowledge() {
                acknowledged[0]++;
            }

            @Override
            public reactor.core.publisher.Mono<Void> commit() {
                return reactor.core.publisher.Mono.empty();
            }
        };
        ConsumerRecord<String, String> record = new ConsumerRecord<>("orders", 1, 9, 0, "k", "v", Headers.empty(), handle);

        record.acknowledge();

        assertEquals(1, acknowledged[0]);
        assertEquals(TopicPartition.of("orders", 1), record.topicPartition());
    }

    @Test
    void unmanagedOffsetAcknowledgesSilentlyButRefusesToCommit() {
        RecordOffset handle = RecordOffset.unmanaged(TopicPartition.of("orders", 0), 4);
        handle.acknowledge();

        StepVerifier.create(handle.commit())
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof IllegalStateException);
                    assertTrue(e.getMessage().contains("orders-0@4"), e.getMessage());
                })
                .verify();
    }

    @Test
    void newTopicDefaultsToOnePartitionAndOneReplica() {
        NewTopic topic = NewTopic.of("orders");
        assertEquals(1, topic.partitions());
        assertEquals(1, topic.replicationFactor());
        assertEquals(Map.of(), topic.configs());
    }

    @Test
    void newTopicWithersBuildUpTheDefinition() {
        NewTopic topic = NewTopic.of("orders").withPartitions(6).withReplicationFactor(3)
                .withConfig("retention.ms", "1000").withConfig("retention.ms", "2000");
        assertEquals(6, topic.partitions());
        assertEquals(3, topic.replicationFactor());
        assertEquals(Map.of("retention.ms", "2000"), topic.configs());
    }

    @Test
    void newTopicRejectsZeroPartitionsAndZeroReplicas() {
        assertThrows(IllegalArgumentException.class, () -> NewTopic.of("orders").withPartitions(0));
        assertThrows(IllegalArgumentException.class, () -> NewTopic.of("orders").withReplicationFactor(0));
    }

    @Test
    void newTopicValidatesItsName() {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> NewTopic.of("a b"));
        assertEquals("topic 'a b' is invalid: only [a-zA-Z0-9._-] are allowed", e.getMessage());
    }

    @Test
    void topicDescriptionOrdersPartitionsByNumber() {
        TopicDescription description = new TopicDescription("orders", Map.of(), java.util.List.of(
                new PartitionDescription(1, 0, 5, 0, java.util.List.of(0), java.util.List.of(0)),
                new PartitionDescription(0, 2, 7, 0, java.util.List.of(0), java.util.List.of(0))));
        assertEquals(0, description.partitions().get(0).partition());
        assertEquals(5, description.partitions().get(0).recordCount());
    }

    @Test
    void groupDescriptionSumsLag() {
        GroupDescription group = new GroupDescription("g", GroupState.STABLE, 3, AssignmentStrategy.RANGE,
                java.util.List.of(), java.util.List.of(
                        new PartitionLag(TopicPartition.of("t", 0), 5, 10, 5),
                        new PartitionLag(TopicPartition.of("t", 1), PartitionLag.NO_OFFSET, 4, 4)));
        assertEquals(9, group.totalLag());
        assertFalse(group.partitions().get(1).hasCommittedOffset());
    }
}
