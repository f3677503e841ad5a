package io.rivulet.engine.kafka.group;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartitionCollection;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection;
import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Mono;

/**
 * OffsetDelete (what {@code kafka-consumer-groups --delete-offsets} sends): removes a group's committed offsets
 * of the partitions named. Stricter than Kafka, which also allows it on a group with members that do not read
 * the topic: Rivulet refuses any group with members, with the group-level {@code NON_EMPTY_GROUP}.
 */
final class OffsetDeleteHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    OffsetDeleteHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        OffsetDeleteRequestData in = (OffsetDeleteRequestData) request.body();
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        OffsetDeleteResponseTopicCollection topics = new OffsetDeleteResponseTopicCollection();
        for (OffsetDeleteRequestTopic t : in.topics()) {
            OffsetDeleteResponsePartitionCollection answered = new OffsetDeleteResponsePartitionCollection();
            for (OffsetDeleteRequestPartition p : t.partitions()) {
                partitions.add(TopicPartition.of(t.name(), p.partitionIndex()));
                answered.add(new OffsetDeleteResponsePartition().setPartitionIndex(p.partitionIndex()));
            }
            topics.add(new OffsetDeleteResponseTopic().setName(t.name()).setPartitions(answered));
        }
        return groups.get().deleteOffsets(in.groupId(), partitions)
                .then(Mono.<ApiMessage>fromSupplier(() -> new OffsetDeleteResponseData().setTopics(topics)))
                .onErrorResume(e -> Mono.just(new OffsetDeleteResponseData().setErrorCode(GroupErrors.of(e).code())));
    }
}
