package io.rivulet.engine.kafka;

import io.rivulet.api.NewTopic;
import io.rivulet.api.TopicNames;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.errors.InvalidTopicException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.topic.TopicSettings;
import io.rivulet.storage.log.LogConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.protocol.Errors;

/**
 * Turns one topic of a CreateTopics request into the engine's {@link NewTopic}, or into the Kafka error that
 * refuses it: Kafka's -1 defaults resolved, the partition count and replication factor checked, and the configs
 * validated by the engine's own rules ({@link TopicSettings}). Pure: the same checks serve {@code validateOnly}
 * and a real create.
 */
final class TopicCreation {
    /** Kafka's "use the broker's default" for partitions and replication factor. */
    static final int USE_DEFAULT = -1;
    /** {@code default.replication.factor}: one copy, as a Kafka broker has unless told otherwise. */
    static final short DEFAULT_REPLICATION_FACTOR = 1;

    /** A topic to create, or why not: exactly one of {@code topic} and {@code error} is set. */
    record Plan(NewTopic topic, Errors error, String message) {
        static Plan refuse(Errors error, String message) {
            return new Plan(null, error, message);
        }

        boolean refused() {
            return error != null;
        }
    }

    private TopicCreation() {
    }

    /**
     * The plan for {@code in} on a node whose default partition count is {@code defaultPartitions}, in a cluster
     * of {@code liveNodes} nodes, whose topics start from {@code logDefaults}.
     */
    static Plan plan(CreatableTopic in, int defaultPartitions, int liveNodes, LogConfig logDefaults) {
        String name = in.name();
        try {
            TopicNames.validate(name);
            if (name.startsWith("__")) {
                // the engine's rule (TopicRegistry.create), checked here too so validateOnly answers the same
                throw new InvalidTopicException(name, "names starting with '__' are reserved for internal topics");
            }
        } catch (InvalidTopicException e) {
            return Plan.refuse(Errors.INVALID_TOPIC_EXCEPTION, e.getMessage());
        }
        if (!in.assignments().isEmpty()) {
            return Plan.refuse(Errors.INVALID_REQUEST, "topic '" + name + "': manual replica assignment is not "
                    + "supported; give a partition count and a replication factor instead");
        }
        int partitions = in.numPartitions() == USE_DEFAULT ? defaultPartitions : in.numPartitions();
        if (partitions < 1) {
            return Plan.refuse(Errors.INVALID_PARTITIONS, "topic '" + name + "': the number of partitions must be at "
                    + "least 1 (or -1 for the node's num.partitions, " + defaultPartitions + "), not " + in.numPartitions());
        }
        int replicas = in.replicationFactor() == USE_DEFAULT ? DEFAULT_REPLICATION_FACTOR : in.replicationFactor();
        if (replicas < 1) {
            return Plan.refuse(Errors.INVALID_REPLICATION_FACTOR, "topic '" + name + "': the replication factor must be "
                    + "at least 1 (or -1 for the default, 1), not " + in.replicationFactor());
        }
        if (replicas > liveNodes) {
            return Plan.refuse(Errors.INVALID_REPLICATION_FACTOR, "topic '" + name + "': replication factor " + replicas
                    + " is larger than the " + liveNodes + " live node" + (liveNodes == 1 ? "" : "s")
                    + "; give at most " + liveNodes);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        for (CreatableTopicConfig c : in.configs()) {
            if (c.value() == null) {
                return Plan.refuse(Errors.INVALID_CONFIG, "topic '" + name + "': config " + c.name()
                        + " has no value; give one or leave the config out");
            }
            configs.put(c.name(), c.value());
        }
        try {
            TopicSettings.apply(logDefaults, configs);
            return new Plan(new NewTopic(name, partitions, (short) replicas, configs), null, null);
        } catch (RuntimeException e) {
            return Plan.refuse(errorOf(e), e.getMessage());
        }
    }

    /** The Kafka error for a create that the engine refused. */
    static Errors errorOf(Throwable e) {
        if (e instanceof InvalidConfigException c && "partitions".equals(c.key())) {
            return Errors.INVALID_PARTITIONS;
        }
        if (e instanceof InvalidConfigException c && "replication.factor".equals(c.key())) {
            return Errors.INVALID_REPLICATION_FACTOR;
        }
        if (e instanceof RivuletException) {
            return KafkaErrors.of(e);
        }
        // NewTopic's own checks are plain argument errors; everything reaching them was checked above
        return e instanceof IllegalArgumentException ? Errors.INVALID_REQUEST : Errors.UNKNOWN_SERVER_ERROR;
    }
}
