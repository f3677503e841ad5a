package io.rivulet.engine.kafka;

import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Mono;

/**
 * The server side of one Kafka API. It must not block: work that waits (an append, a long-poll fetch, a group
 * barrier) completes the {@code Mono} later. Errors the client should see are error codes inside the response;
 * a failed {@code Mono} closes the connection, which is how Kafka answers a request it cannot parse.
 */
@FunctionalInterface
public interface ApiHandler {

    /** The response body (a generated {@code *ResponseData}), or empty for no response at all (acks=0). */
    Mono<ApiMessage> handle(KafkaRequest request);
}
