package io.rivulet.engine.kafka;

import io.rivulet.api.Admin;
import io.rivulet.engine.kafka.group.GroupHandlers;
import io.rivulet.engine.lifecycle.Engine;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Which handler serves each advertised API. Every API in {@link ApiTable} has one here, and nothing else does,
 * except the SASL exchange, which each connection serves itself ({@link #PER_CONNECTION}).
 */
final class KafkaApis {
    /** What a connection may send before it has authenticated, on a node that requires a token. */
    static final java.util.Set<ApiKeys> BEFORE_AUTHENTICATION = java.util.EnumSet.of(
            ApiKeys.API_VERSIONS, ApiKeys.SASL_HANDSHAKE, ApiKeys.SASL_AUTHENTICATE);
    /** Served by each {@link KafkaConnection} itself, because they change the connection's state. */
    static final java.util.Set<ApiKeys> PER_CONNECTION = java.util.EnumSet.of(
            ApiKeys.SASL_HANDSHAKE, ApiKeys.SASL_AUTHENTICATE);

    private final Map<ApiKeys, ApiHandler> handlers;

    KafkaApis(Engine engine, Admin admin, KafkaMetadata metadata) {
        Map<ApiKeys, ApiHandler> h = new EnumMap<>(ApiKeys.class);
        h.put(ApiKeys.API_VERSIONS, new ApiVersionsHandler());
        h.put(ApiKeys.METADATA, new MetadataHandler(metadata));
        h.put(ApiKeys.PRODUCE, new ProduceHandler(engine, metadata));
        h.put(ApiKeys.FETCH, new FetchHandler(engine, metadata));
        h.put(ApiKeys.LIST_OFFSETS, new ListOffsetsHandler(engine));
        h.put(ApiKeys.INIT_PRODUCER_ID, new InitProducerIdHandler());
        h.putAll(GroupHandlers.create(() -> engine.servedClassicGroups(), metadata, () -> engine.config().nodeId()));
        h.put(ApiKeys.CREATE_TOPICS, new CreateTopicsHandler(engine, admin, metadata));
        h.put(ApiKeys.DELETE_TOPICS, new DeleteTopicsHandler(admin, metadata));
        h.put(ApiKeys.DESCRIBE_CONFIGS, new DescribeConfigsHandler(engine));
        this.handlers = Collections.unmodifiableMap(h);
    }

    /** The handler for {@code api}; only asked for APIs {@link RequestParser} let through. */
    ApiHandler handler(ApiKeys api) {
        ApiHandler h = handlers.get(api);
        if (h == null) {
            throw new IllegalStateException(api + " is advertised but has no handler");
        }
        return h;
    }

    /** The APIs served, for the test that compares them with the table. */
    Map<ApiKeys, ApiHandler> all() {
        return handlers;
    }
}
