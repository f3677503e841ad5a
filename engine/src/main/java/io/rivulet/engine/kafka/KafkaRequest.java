package io.rivulet.engine.kafka;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * One parsed request. Record sets inside {@code body} (a produce's batches) are views of the received frame,
 * which stays alive until the handler's answer completes.
 *
 * @param header the request header: API, version, correlation id, client id
 * @param body   the request body, a generated {@code *RequestData}
 * @param peer   the client's address, for messages
 */
public record KafkaRequest(RequestHeader header, ApiMessage body, String peer) {

    /** The API asked for. */
    public ApiKeys api() {
        return header.apiKey();
    }

    /** The version of the API the client speaks in this request. */
    public short version() {
        return header.apiVersion();
    }

    /** The client's {@code client.id}; may be null or empty. */
    public String clientId() {
        return header.clientId();
    }
}
