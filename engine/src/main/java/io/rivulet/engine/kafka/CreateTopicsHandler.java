package io.rivulet.engine.kafka;

import io.rivulet.api.Admin;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.topic.Topic;
import io.rivulet.engine.topic.TopicSettings;
import io.rivulet.storage.log.LogConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * CreateTopics: each topic through {@link TopicCreation} and then the engine's {@link Admin}, one at a time, each
 * with its own error code and message, so one bad topic fails only itself. {@code validateOnly} runs the checks
 * and creates nothing. From v5 a result carries the topic's partition count, replication factor and effective
 * configs; from v7 its id.
 */
final class CreateTopicsHandler implements ApiHandler {
    private final Engine engine;
    private final Admin admin;
    private final KafkaMetadata metadata;

    CreateTopicsHandler(Engine engine, Admin admin, KafkaMetadata metadata) {
        this.engine = engine;
        this.admin = admin;
        this.metadata = metadata;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        CreateTopicsRequestData in = (CreateTopicsRequestData) request.body();
        short v = request.version();
        // a name listed twice gets one INVALID_REQUEST result, as Kafka answers it, and is not created
        Map<String, CreatableTopic> once = new LinkedHashMap<>();
        Set<String> twice = new HashSet<>();
        in.topics().forEach(t -> {
            if (once.putIfAbsent(t.name(), t) != null) {
                twice.add(t.name());
            }
        });
        return admin.describeCluster().map(c -> c.liveNodes().size()).flatMapMany(nodes ->
                Flux.fromIterable(once.values()).concatMap(t -> twice.contains(t.name())
                        ? Mono.just(refused(t, Errors.INVALID_REQUEST, "topic '" + t.name()
                                + "' is listed more than once in one request; list it once", v))
                        : create(t, nodes, in.validateOnly(), v)))
                .collectList()
                .map(results -> {
                    CreateTopicsResponseData out = new CreateTopicsResponseData();
                    results.forEach(r -> out.topics().mustAdd(r));
                    return out;
                });
    }

    private Mono<CreatableTopicResult> create(CreatableTopic t, int nodes, boolean validateOnly, short v) {
        TopicCreation.Plan plan = TopicCreation.plan(t, engine.config().numPartitions(), nodes,
                engine.config().logDefaults());
        if (plan.refused()) {
            return Mono.just(refused(t, plan.error(), plan.message(), v));
        }
        if (validateOnly) {
            return Mono.fromCallable(() -> {
                if (engine.topics().exists(t.name())) {
                    return refused(t, Errors.TOPIC_ALREADY_EXISTS, "topic '" + t.name() + "' already exists", v);
                }
                return created(plan, null, false, v);
            }).subscribeOn(engine.adminScheduler());
        }
        return admin.createTopic(plan.topic())
                .then(Mono.fromCallable(() -> created(plan, engine.topics().find(t.name()), true, v)))
                .onErrorResume(e -> Mono.just(refused(t,
                        KafkaErrors.answer("create topic " + t.name(), TopicCreation.errorOf(e), e), e.getMessage(), v)));
    }

    /** The result for a planned topic; {@code topic} is the one open on this node, if any. */
    private CreatableTopicResult created(TopicCreation.Plan plan, Topic topic, boolean made, short v) {
        CreatableTopicResult r = new CreatableTopicResult().setName(plan.topic().name()).setErrorCode(Errors.NONE.code());
        if (v >= 5) {
            r.setNumPartitions(plan.topic().partitions()).setReplicationFactor(plan.topic().replicationFactor());
            LogConfig effective = topic != null ? topic.config()
                    : TopicSettings.apply(engine.config().logDefaults(), plan.topic().configs());
            for (ConfigView.Entry e : ConfigView.topic(plan.topic().configs(), effective, engine.config().logDefaults())) {
                r.configs().add(new CreatableTopicConfigs().setName(e.name()).setValue(e.value()).setReadOnly(true)
                        .setConfigSource(e.source().id()).setIsSensitive(false));
            }
        }
        if (v >= 7 && made) {
            r.setTopicId(MetadataHandler.toKafka(metadata.topicId(plan.topic().name())));
        }
        return r;
    }

    private static CreatableTopicResult refused(CreatableTopic t, Errors error, String message, short v) {
        CreatableTopicResult r = new CreatableTopicResult().setName(t.name()).setErrorCode(error.code())
                .setErrorMessage(message);
        if (v >= 5) {
            r.setConfigs(null);
        }
        return r;
    }
}
