package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.Admin;
import io.rivulet.api.NewTopic;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /topics} and {@code /topics/{topic}}: list, create, describe, delete. Stateless; thread-safe. */
final class TopicsResource {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "partitions", "replicationFactor", "configs");

    private final Admin admin;
    private final int maxBodyBytes;

    TopicsResource(Admin admin, int maxBodyBytes) {
        this.admin = admin;
        this.maxBodyBytes = maxBodyBytes;
    }

    Mono<Void> list(HttpServerRequest req, HttpServerResponse res) {
        return admin.listTopics().flatMap(names -> Responses.json(res, HttpResponseStatus.OK, Map.of("topics", names)));
    }

    /** {@code {"name":"orders","partitions":3,"configs":{"retention.ms":"86400000"}}}; answers 201 with the description. */
    Mono<Void> create(HttpServerRequest req, HttpServerResponse res) {
        return BodyReader.read(req, maxBodyBytes)
                .map(body -> newTopic(Json.parse(body)))
                .flatMap(topic -> admin.createTopic(topic).then(admin.describeTopic(topic.name())))
                .flatMap(description -> Responses.json(res, HttpResponseStatus.CREATED, Views.topic(description)));
    }

    Mono<Void> describe(HttpServerRequest req, HttpServerResponse res) {
        return admin.describeTopic(req.param("topic"))
                .flatMap(description -> Responses.json(res, HttpResponseStatus.OK, Views.topic(description)));
    }

    Mono<Void> delete(HttpServerRequest req, HttpServerResponse res) {
        return admin.deleteTopic(req.param("topic")).then(res.status(HttpResponseStatus.NO_CONTENT).send());
    }

    static NewTopic newTopic(JsonNode body) {
        if (!body.isObject()) {
            throw HttpProblem.badRequest("the body must be an object, e.g. {\"name\":\"orders\",\"partitions\":3}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!CREATE_FIELDS.contains(field)) {
                throw HttpProblem.badRequest("unknown field '" + field + "': the fields are name, partitions, "
                        + "replicationFactor, configs");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw HttpProblem.badRequest("'name' is required and must be a string, e.g. {\"name\":\"orders\"}");
        }
        NewTopic topic = NewTopic.of(name.textValue())
                .withPartitions(wholeNumber(body, "partitions", 1))
                .withReplicationFactor(wholeNumber(body, "replicationFactor", 1));
        JsonNode configs = body.get("configs");
        if (configs != null && !configs.isNull()) {
            if (!configs.isObject()) {
                throw HttpProblem.badRequest("'configs' must be an object of settings, e.g. {\"retention.ms\":\"86400000\"}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            configs.properties().forEach(e -> {
                JsonNode v = e.getValue();
                if (!v.isValueNode() || v.isNull()) {
                    throw HttpProblem.badRequest("config '" + e.getKey() + "' must be a string or a number");
                }
                values.put(e.getKey(), v.asText());
            });
            for (Map.Entry<String, String> e : values.entrySet()) {
                topic = topic.withConfig(e.getKey(), e.getValue());
            }
        }
        return topic;
    }

    private static int wholeNumber(JsonNode body, String field, int otherwise) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1) {
            throw HttpProblem.badRequest("'" + field + "' must be a whole number >= 1 but was " + n);
        }
        return n.intValue();
    }
}
