package io.rivulet.engine.kafka;

import io.rivulet.storage.log.LogConfig;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How one CreateTopics entry becomes a topic to create or a Kafka error, without a node. */
class TopicCreationTest {
    private static final LogConfig DEFAULTS = LogConfig.defaults();

    private static CreatableTopic topic(String name, int partitions, int replicas) {
        return new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor((short) replicas);
    }

    private static TopicCreation.Plan plan(CreatableTopic t) {
        return TopicCreation.plan(t, 4, 1, DEFAULTS);
    }

    @Test
    void minusOneTakesTheNodesPartitionCountAndOneReplica() {
        TopicCreation.Plan p = plan(topic("orders", -1, -1));
        assertFalse(p.refused());
        assertEquals(4, p.topic().partitions());
        assertEquals(1, p.topic().replicationFactor());
    }

    @Test
    void configsPassThroughByKafkaName() {
        CreatableTopic t = topic("orders", 2, 1);
        t.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("1000"));
        assertEquals("1000", plan(t).topic().configs().get("retention.ms"));
    }

    @Test
    void badInputGetsTheKafkaErrorThatNamesIt() {
        assertRefused(Errors.INVALID_TOPIC_EXCEPTION, "a b", plan(topic("a b", 1, 1)));
        assertRefused(Errors.INVALID_TOPIC_EXCEPTION, "reserved", plan(topic("__internal", 1, 1)));
        assertRefused(Errors.INVALID_PARTITIONS, "at least 1", plan(topic("t", 0, 1)));
        assertRefused(Errors.INVALID_PARTITIONS, "at least 1", plan(topic("t", -2, 1)));
        assertRefused(Errors.INVALID_REPLICATION_FACTOR, "at least 1", plan(topic("t", 1, 0)));
        assertRefused(Errors.INVALID_REPLICATION_FACTOR, "1 live node", plan(topic("t", 1, 2)));
        assertFalse(TopicCreation.plan(topic("t", 1, 3), 1, 3, DEFAULTS).refused(), "three nodes hold three replicas");

        CreatableTopic unknown = topic("t", 1, 1);
        unknown.configs().add(new CreatableTopicConfig().setName("retention.typo").setValue("1"));
        assertRefused(Errors.INVALID_CONFIG, "retention.typo", plan(unknown));
        CreatableTopic noValue = topic("t", 1, 1);
        noValue.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue(null));
        assertRefused(Errors.INVALID_CONFIG, "no value", plan(noValue));
        CreatableTopic minIsr = topic("t", 1, 1);
        minIsr.configs().add(new CreatableTopicConfig().setName("min.insync.replicas").setValue("0"));
        assertRefused(Errors.INVALID_CONFIG, "min.insync.replicas", plan(minIsr));

        CreatableTopic assigned = topic("t", -1, -1);
        assigned.assignments().add(new CreatableReplicaAssignment().setPartitionIndex(0));
        assertRefused(Errors.INVALID_REQUEST, "manual replica assignment", plan(assigned));
    }

    @Test
    void engineRefusalsMapToKafkaErrors() {
        assertEquals(Errors.INVALID_PARTITIONS, TopicCreation.errorOf(
                new io.rivulet.api.errors.InvalidConfigException("partitions", 200_000, "at most 100000")));
        assertEquals(Errors.INVALID_REPLICATION_FACTOR, TopicCreation.errorOf(
                new io.rivulet.api.errors.InvalidConfigException("replication.factor", 3, "at most 1")));
        assertEquals(Errors.TOPIC_ALREADY_EXISTS, TopicCreation.errorOf(new io.rivulet.api.errors.TopicExistsException("t")));
        assertEquals(Errors.UNKNOWN_SERVER_ERROR, TopicCreation.errorOf(new IllegalStateException("disk")));
    }

    private static void assertRefused(Errors error, String inMessage, TopicCreation.Plan plan) {
        assertTrue(plan.refused(), "refused");
        assertNull(plan.topic());
        assertEquals(error, plan.error(), plan.message());
        assertTrue(plan.message().contains(inMessage), plan.message());
    }
}
