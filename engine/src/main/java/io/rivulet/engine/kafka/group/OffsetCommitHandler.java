package io.rivulet.engine.kafka.group;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.classic.ClassicCommitRequest;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Mono;

/**
 * OffsetCommit v2-9 (topics by name): checked against the group (member, generation, rebalance) and stored in
 * the engine's durable offsets log. The commit's metadata string and leader epoch are not kept. v7+ carry
 * {@code group.instance.id}; the retention time of v2-4 is ignored (offsets are kept until the topic is deleted).
 */
final class OffsetCommitHandler implements ApiHandler {
    private final Supplier<ClassicCoordinator> groups;

    OffsetCommitHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        OffsetCommitRequestData in = (OffsetCommitRequestData) request.body();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (OffsetCommitRequestTopic t : in.topics()) {
            for (OffsetCommitRequestPartition p : t.partitions()) {
                offsets.put(TopicPartition.of(t.name(), p.partitionIndex()), p.committedOffset());
            }
        }
        ClassicCommitRequest commit = new ClassicCommitRequest(in.groupId(), in.memberId(),
                request.version() >= 7 ? in.groupInstanceId() : null, in.generationIdOrMemberEpoch(), offsets);
        return groups.get().commit(commit)
                .map(r -> response(in, tp -> GroupErrors.of(r.errorFor(tp))))
                .onErrorResume(e -> Mono.just(response(in, tp -> GroupErrors.of(e))));
    }

    private static ApiMessage response(OffsetCommitRequestData in, Function<TopicPartition, Errors> errors) {
        List<OffsetCommitResponseTopic> topics = new ArrayList<>();
        for (OffsetCommitRequestTopic t : in.topics()) {
            OffsetCommitResponseTopic topic = new OffsetCommitResponseTopic().setName(t.name());
            for (OffsetCommitRequestPartition p : t.partitions()) {
                topic.partitions().add(new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex())
                        .setErrorCode(errors.apply(TopicPartition.of(t.name(), p.partitionIndex())).code()));
            }
            topics.add(topic);
        }
        return new OffsetCommitResponseData().setTopics(topics);
    }
}
