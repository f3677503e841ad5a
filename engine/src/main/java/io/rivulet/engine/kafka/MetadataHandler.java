package io.rivulet.engine.kafka;

import io.rivulet.engine.net.ClusterMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Mono;

/**
 * Metadata: the nodes at their Kafka listeners, and for each topic asked for its id and each partition's
 * leader, leader epoch, replicas and in-sync replicas. Every version-dependent field is set only at the versions
 * that have it, because the generated classes refuse to write a non-default value where a version lacks it.
 */
final class MetadataHandler implements ApiHandler {
    private final KafkaMetadata metadata;

    MetadataHandler(KafkaMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        MetadataRequestData in = (MetadataRequestData) request.body();
        short v = request.version();
        List<String> names = requestedTopics(in, v);
        boolean autoCreate = v < 4 || in.allowAutoTopicCreation();
        List<Uuid> unknownIds = unknownIds(in);
        return metadata.describe(names, autoCreate).map(m -> (ApiMessage) answer(m, v, unknownIds));
    }

    /** A topic asked for by id names none (null, or empty as the Java client leaves it). */
    private static boolean byId(MetadataRequestData.MetadataRequestTopic t) {
        return (t.name() == null || t.name().isEmpty()) && !Uuid.ZERO_UUID.equals(t.topicId());
    }

    /** The ids asked for that name no topic here: each is answered with UNKNOWN_TOPIC_ID, as Kafka does. */
    private List<Uuid> unknownIds(MetadataRequestData in) {
        List<Uuid> out = new ArrayList<>();
        if (in.topics() != null) {
            for (MetadataRequestData.MetadataRequestTopic t : in.topics()) {
                if (byId(t) && metadata.topicName(fromKafka(t.topicId())).isEmpty()) {
                    out.add(t.topicId());
                }
            }
        }
        return out;
    }

    /** The topics asked for by name (a topic asked for by id is looked up); null for all of them. */
    private List<String> requestedTopics(MetadataRequestData in, short v) {
        if (in.topics() == null || (v == 0 && in.topics().isEmpty())) {
            return null; // v0 asks for every topic with an empty list, later versions with null
        }
        List<String> names = new ArrayList<>(in.topics().size());
        for (MetadataRequestData.MetadataRequestTopic t : in.topics()) {
            if (!byId(t)) {
                names.add(t.name());
            } else {
                Uuid id = t.topicId();
                metadata.topicName(fromKafka(id)).ifPresent(names::add);
            }
        }
        return names;
    }

    private MetadataResponseData answer(ClusterMetadata m, short v, List<Uuid> unknownIds) {
        MetadataResponseData out = new MetadataResponseData();
        for (ClusterMetadata.Node n : m.nodes()) {
            out.brokers().add(new MetadataResponseBroker().setNodeId(n.id()).setHost(n.host()).setPort(n.port()));
        }
        if (v >= 2) {
            out.setClusterId(metadata.clusterId());
        }
        if (v >= 1) {
            out.setControllerId(m.controller());
        }
        for (ClusterMetadata.Topic t : m.topics()) {
            MetadataResponseTopic topic = new MetadataResponseTopic().setName(t.name());
            if (v >= 1) {
                topic.setIsInternal(t.name().startsWith("__"));
            }
            if (t.error() != null) {
                out.topics().add(topic.setErrorCode(KafkaErrors.of(t.error()).code()));
                continue;
            }
            if (v >= 10) {
                topic.setTopicId(toKafka(metadata.topicId(t.name())));
            }
            for (ClusterMetadata.Partition p : t.partitions()) {
                MetadataResponsePartition partition = new MetadataResponsePartition()
                        .setErrorCode(p.leader() == ClusterMetadata.NO_LEADER ? Errors.LEADER_NOT_AVAILABLE.code() : 0)
                        .setPartitionIndex(p.partition())
                        .setLeaderId(p.leader())
                        .setReplicaNodes(p.replicas())
                        .setIsrNodes(p.isr());
                if (v >= 7) {
                    partition.setLeaderEpoch(p.leaderEpoch());
                }
                topic.partitions().add(partition);
            }
            out.topics().add(topic);
        }
        for (Uuid id : unknownIds) {
            out.topics().add(new MetadataResponseTopic().setName(v >= 12 ? null : "").setTopicId(id)
                    .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
        }
        return out;
    }

    static Uuid toKafka(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    static UUID fromKafka(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
