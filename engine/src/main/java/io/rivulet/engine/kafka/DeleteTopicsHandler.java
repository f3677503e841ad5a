package io.rivulet.engine.kafka;

import io.rivulet.api.Admin;
import io.rivulet.api.TopicNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DeleteTopics: each topic through the engine's {@link Admin}, one at a time, each with its own error code, so an
 * unknown topic fails only itself. Up to v5 topics are named; v6 names each by name or by topic id.
 */
final class DeleteTopicsHandler implements ApiHandler {
    private final Admin admin;
    private final KafkaMetadata metadata;

    DeleteTopicsHandler(Admin admin, KafkaMetadata metadata) {
        this.admin = admin;
        this.metadata = metadata;
    }

    /** One topic to delete, as the request named it. */
    private record Target(String name, Uuid id) {
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        DeleteTopicsRequestData in = (DeleteTopicsRequestData) request.body();
        short v = request.version();
        List<Target> targets = new ArrayList<>();
        if (v >= 6) {
            for (DeleteTopicState t : in.topics()) {
                targets.add(new Target(t.name(), t.topicId()));
            }
        } else {
            in.topicNames().forEach(n -> targets.add(new Target(n, Uuid.ZERO_UUID)));
        }
        return Flux.fromIterable(targets).concatMap(t -> delete(t, v)).collectList().map(results -> {
            DeleteTopicsResponseData out = new DeleteTopicsResponseData();
            results.forEach(r -> out.responses().mustAdd(r));
            return out;
        });
    }

    private Mono<DeletableTopicResult> delete(Target t, short v) {
        boolean byId = t.name() == null;
        String name = byId ? metadata.topicName(MetadataHandler.fromKafka(t.id())).orElse(null) : t.name();
        if (name == null) {
            return Mono.just(result(t, null, Errors.UNKNOWN_TOPIC_ID, "no topic has id " + t.id(), v));
        }
        if (!byId && !TopicNames.isValid(name)) {
            return Mono.just(result(t, name, Errors.INVALID_TOPIC_EXCEPTION, "'" + name + "' is not a valid topic name", v));
        }
        return admin.deleteTopic(name)
                .then(Mono.fromCallable(() -> result(t, name, Errors.NONE, null, v)))
                .onErrorResume(e -> Mono.just(result(t, name, KafkaErrors.answer("delete topic " + name, e),
                        e.getMessage(), v)));
    }

    private DeletableTopicResult result(Target t, String name, Errors error, String message, short v) {
        DeletableTopicResult r = new DeletableTopicResult().setName(name).setErrorCode(error.code());
        if (v >= 5 && error != Errors.NONE) {
            r.setErrorMessage(message);
        }
        if (v >= 6) {
            r.setTopicId(name == null ? t.id() : MetadataHandler.toKafka(metadata.topicId(name)));
        }
        return r;
    }
}
