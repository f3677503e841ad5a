package io.rivulet.engine.kafka.group;

import io.rivulet.api.TopicPartition;
import io.rivulet.engine.group.classic.ClassicCoordinator;
import io.rivulet.engine.kafka.ApiHandler;
import io.rivulet.engine.kafka.KafkaRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * OffsetFetch v1-9: one group in v1-7, several in v8+ ({@code groups}); null topics (v2+) ask for everything the
 * group committed. A partition without a committed offset answers -1 with no error, as Kafka does. Offsets are
 * never pending (no transactions), so {@code require_stable} needs nothing.
 */
final class OffsetFetchHandler implements ApiHandler {
    private static final int NO_EPOCH = -1;

    private final Supplier<ClassicCoordinator> groups;

    OffsetFetchHandler(Supplier<ClassicCoordinator> groups) {
        this.groups = groups;
    }

    /** One group's answer: its committed offsets by partition asked (all when {@code asked} is null), or an error. */
    private record Fetched(String groupId, Set<TopicPartition> asked, Map<TopicPartition, Long> offsets, Errors error) {
        /** The partitions to answer for, by topic then partition. */
        Map<String, Map<Integer, Long>> byTopic() {
            Map<String, Map<Integer, Long>> out = new TreeMap<>();
            if (asked != null) {
                asked.forEach(tp -> out.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), -1L));
            }
            offsets.forEach((tp, o) -> {
                if (asked == null || asked.contains(tp)) {
                    out.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), o);
                }
            });
            return out;
        }
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        OffsetFetchRequestData in = (OffsetFetchRequestData) request.body();
        short v = request.version();
        if (v >= 8) {
            return Flux.fromIterable(in.groups()).concatMap(g -> fetch(g.groupId(), asked(g)))
                    .collectList().map(OffsetFetchHandler::groupsResponse);
        }
        Set<TopicPartition> asked = null;
        if (in.topics() != null) {
            asked = new HashSet<>();
            for (OffsetFetchRequestTopic t : in.topics()) {
                for (int p : t.partitionIndexes()) {
                    asked.add(TopicPartition.of(t.name(), p));
                }
            }
        }
        return fetch(in.groupId(), asked).map(f -> singleResponse(f, v));
    }

    private static Set<TopicPartition> asked(OffsetFetchRequestGroup g) {
        if (g.topics() == null) {
            return null;
        }
        Set<TopicPartition> asked = new HashSet<>();
        for (OffsetFetchRequestTopics t : g.topics()) {
            for (int p : t.partitionIndexes()) {
                asked.add(TopicPartition.of(t.name(), p));
            }
        }
        return asked;
    }

    private Mono<Fetched> fetch(String groupId, Set<TopicPartition> asked) {
        return groups.get().committed(groupId, asked == null ? Set.of() : asked)
                .map(offsets -> new Fetched(groupId, asked, offsets, Errors.NONE))
                .onErrorResume(e -> Mono.just(new Fetched(groupId, asked, Map.of(), GroupErrors.of(e))));
    }

    private static ApiMessage singleResponse(Fetched f, short v) {
        OffsetFetchResponseData out = new OffsetFetchResponseData();
        if (v >= 2) {
            out.setErrorCode(f.error().code());
        }
        List<OffsetFetchResponseTopic> topics = new ArrayList<>();
        short partitionError = v >= 2 ? Errors.NONE.code() : f.error().code();
        f.byTopic().forEach((topic, partitions) -> {
            OffsetFetchResponseTopic t = new OffsetFetchResponseTopic().setName(topic);
            partitions.forEach((p, offset) -> {
                OffsetFetchResponsePartition part = new OffsetFetchResponsePartition().setPartitionIndex(p)
                        .setCommittedOffset(offset).setMetadata("").setErrorCode(partitionError);
                if (v >= 5) {
                    part.setCommittedLeaderEpoch(NO_EPOCH);
                }
                t.partitions().add(part);
            });
            topics.add(t);
        });
        return out.setTopics(topics);
    }

    private static ApiMessage groupsResponse(List<Fetched> fetched) {
        List<OffsetFetchResponseGroup> groups = new ArrayList<>();
        for (Fetched f : fetched) {
            OffsetFetchResponseGroup g = new OffsetFetchResponseGroup().setGroupId(f.groupId())
                    .setErrorCode(f.error().code());
            f.byTopic().forEach((topic, partitions) -> {
                OffsetFetchResponseTopics t = new OffsetFetchResponseTopics().setName(topic);
                partitions.forEach((p, offset) -> t.partitions().add(new OffsetFetchResponsePartitions()
                        .setPartitionIndex(p).setCommittedOffset(offset).setCommittedLeaderEpoch(NO_EPOCH)
                        .setMetadata("")));
                g.topics().add(t);
            });
            groups.add(g);
        }
        return new OffsetFetchResponseData().setGroups(groups);
    }
}
