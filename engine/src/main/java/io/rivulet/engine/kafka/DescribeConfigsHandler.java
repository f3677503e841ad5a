package io.rivulet.engine.kafka;

import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.topic.Topic;
import java.util.List;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import reactor.core.publisher.Mono;

/**
 * DescribeConfigs: a topic's effective settings ({@link ConfigView#topic}), or a few of this node's
 * ({@link ConfigView#node}), by Kafka's names, each resource with its own error. The cluster-wide dynamic
 * defaults (a BROKER resource with an empty name) are an empty list: this node has none. Synonyms are not
 * listed. Reads run on the engine's admin scheduler.
 */
final class DescribeConfigsHandler implements ApiHandler {
    private final Engine engine;

    DescribeConfigsHandler(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Mono<ApiMessage> handle(KafkaRequest request) {
        DescribeConfigsRequestData in = (DescribeConfigsRequestData) request.body();
        short v = request.version();
        return Mono.fromCallable(() -> {
            DescribeConfigsResponseData out = new DescribeConfigsResponseData();
            for (DescribeConfigsResource r : in.resources()) {
                out.results().add(describe(r, v, in.includeDocumentation()));
            }
            return (ApiMessage) out;
        }).subscribeOn(engine.adminScheduler());
    }

    private DescribeConfigsResult describe(DescribeConfigsResource r, short v, boolean documentation) {
        DescribeConfigsResult out = new DescribeConfigsResult().setResourceType(r.resourceType())
                .setResourceName(r.resourceName());
        ConfigResource.Type type = ConfigResource.Type.forId(r.resourceType());
        List<ConfigView.Entry> entries;
        if (type == ConfigResource.Type.TOPIC) {
            Topic topic = engine.topics().find(r.resourceName());
            if (topic == null) {
                return out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                        .setErrorMessage("no topic '" + r.resourceName() + "'");
            }
            entries = ConfigView.topic(topic.overrides(), topic.config(), engine.config().logDefaults());
        } else if (type == ConfigResource.Type.BROKER) {
            if (r.resourceName().isEmpty()) {
                entries = List.of();
            } else if (r.resourceName().equals(String.valueOf(engine.config().nodeId()))) {
                entries = ConfigView.node(engine.config());
            } else {
                return out.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("this is node "
                        + engine.config().nodeId() + ", not '" + r.resourceName() + "': ask the node itself");
            }
        } else {
            return out.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("describing " + type
                    + " configs is not supported; only TOPIC and BROKER resources are");
        }
        for (ConfigView.Entry e : entries) {
            if (r.configurationKeys() != null && !r.configurationKeys().contains(e.name())) {
                continue;
            }
            DescribeConfigsResourceResult c = new DescribeConfigsResourceResult().setName(e.name()).setValue(e.value())
                    .setReadOnly(true).setIsSensitive(false).setConfigSource(e.source().id());
            if (v >= 3) {
                c.setConfigType(e.type().id());
                if (documentation) {
                    c.setDocumentation(ConfigView.documentation(e.name()));
                }
            }
            out.configs().add(c);
        }
        return out.setErrorCode(Errors.NONE.code());
    }
}
