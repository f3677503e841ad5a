package io.rivulet.engine.kafka;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Turns one frame (without its size prefix) into a {@link KafkaRequest}. Refuses, with
 * {@link InvalidRequestException}, a request this door does not serve: an API key it does not advertise, or a
 * version outside the advertised range — Kafka closes the connection for those, and so does the caller.
 * The one exception is ApiVersions at a version newer than this door knows: that is how a newer client
 * opens, so it parses as an empty ApiVersions request and is answered with the error and the table.
 */
final class RequestParser {
    private RequestParser() {
    }

    /** The request in {@code frame}; record sets in its body are views of the frame's memory. */
    static KafkaRequest parse(ByteBuf frame, String peer) {
        ByteBuffer buffer = frame.nioBuffer();
        RequestHeader header;
        try {
            header = RequestHeader.parse(buffer);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cannot read the request header from " + peer + ": " + e.getMessage());
        }
        ApiKeys api = header.apiKey();
        short version = header.apiVersion();
        if (api == ApiKeys.API_VERSIONS && !ApiTable.supports(api, version)) {
            return new KafkaRequest(header, new ApiVersionsRequestData(), peer);
        }
        if (!ApiTable.supports(api, version)) {
            ApiTable.Range served = ApiTable.advertised().get(api);
            throw new InvalidRequestException(peer + " sent " + api + " version " + version + ", which this node "
                    + (served == null ? "does not serve at all" : "serves only from " + served.min() + " to " + served.max()));
        }
        ApiMessage body = api.messageType.newRequest();
        try {
            body.read(new ByteBufferAccessor(buffer), version);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("malformed " + api + " v" + version + " request from " + peer + ": "
                    + e.getMessage());
        }
        return new KafkaRequest(header, body, peer);
    }
}
