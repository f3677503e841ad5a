package io.rivulet.engine.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One client connection: parses each frame, runs its handler and writes the answers in request order, one
 * request at a time, as a Kafka broker does (a long-poll fetch holds the requests behind it on the same
 * connection; clients use a separate connection for their group coordinator). A request this door cannot
 * parse or serve fails the stream, which closes the connection and nothing else.
 */
final class KafkaConnection {
    /** Frames read ahead of the one being handled; reading pauses beyond that (TCP pushes back). */
    private static final int READ_AHEAD = 4;

    private final KafkaApis apis;
    private final ByteBufAllocator alloc;
    private final String peer;
    private final SaslPlain sasl;

    /** @param token the node's token, which the client must give over SASL/PLAIN first; null when the node is open */
    KafkaConnection(KafkaApis apis, ByteBufAllocator alloc, String peer, String token) {
        this.apis = apis;
        this.alloc = alloc;
        this.peer = peer;
        this.sasl = new SaslPlain(token);
    }

    /** The response frames for {@code frames}, in order. */
    Flux<ByteBuf> serve(Flux<ByteBuf> frames) {
        return frames
                .doOnNext(ByteBuf::retain) // the transport releases each frame after delivering it; handlers outlive that
                .concatMap(this::answer, READ_AHEAD)
                .doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease);
    }

    /** The connection's own SASL exchange, or the shared handler of the API. Requests run one at a time. */
    private Mono<ApiMessage> handle(KafkaRequest request) {
        return switch (request.api()) {
            case SASL_HANDSHAKE -> Mono.just(sasl.handshake((SaslHandshakeRequestData) request.body()));
            case SASL_AUTHENTICATE -> Mono.just(sasl.authenticate((SaslAuthenticateRequestData) request.body()));
            default -> apis.handler(request.api()).handle(request);
        };
    }

    private Mono<ByteBuf> answer(ByteBuf frame) {
        KafkaRequest request;
        try {
            request = RequestParser.parse(frame, peer);
        } catch (RuntimeException e) {
            frame.release();
            return Mono.error(e);
        }
        short responseVersion = request.api() == ApiKeys.API_VERSIONS && !ApiTable.supports(request.api(), request.version())
                ? 0 // a newer client's ApiVersions is answered in the layout every version can read
                : request.version();
        int correlationId = request.header().correlationId();
        if (!sasl.authenticated() && !KafkaApis.BEFORE_AUTHENTICATION.contains(request.api())) {
            frame.release();
            return Mono.error(new InvalidRequestException(peer + " sent " + request.api() + " before authenticating;"
                    + " this node requires SASL/PLAIN with its token"));
        }
        return Mono.defer(() -> handle(request))
                .map(body -> ResponseWriter.write(alloc, request.api(), responseVersion, correlationId, body))
                .doFinally(s -> frame.release());
    }
}
