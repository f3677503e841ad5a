package io.rivulet.engine.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.FetchCodec;
import io.rivulet.engine.net.ReplicaCodec;
import io.rivulet.engine.net.Frame;
import io.rivulet.engine.net.FrameHeader;
import io.rivulet.engine.net.FrameType;
import io.rivulet.engine.net.ProtocolException;
import io.rivulet.engine.net.WireErrors;
import io.rivulet.engine.net.WireFormat;
import io.rivulet.engine.topic.TopicRegistry;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection: dispatches its inbound frames and merges what goes back — responses and the frames
 * of its fetch streams — into one outbound stream that the socket pulls as it drains.
 *
 * <p>Bounds: at most {@link #MAX_IN_FLIGHT_REQUESTS} requests are answered at a time (past that, inbound reading
 * pauses, and TCP pushes back on the client), at most {@link #MAX_STREAMS} streams are open, and each stream
 * holds at most two frames ahead of the socket. Control frames ({@code CREDIT}, {@code CANCEL}) never wait
 * behind requests. A frame that breaks the protocol ends this connection only.
 *
 * <p>Inbound frames are handled on the connection's event loop; nothing here blocks it.
 */
final class ServerConnection {
    static final int MAX_IN_FLIGHT_REQUESTS = 256;
    static final int MAX_STREAMS = 1024;
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

    private final RequestHandler handler;
    private final TopicRegistry topics;
    private final Scheduler fetchScheduler;
    private final ByteBufAllocator alloc;
    private final byte[] token;
    private final String peer;
    private final ListenerMetrics metrics;
    private final java.util.function.Consumer<ErrorCode> errors;
    private final Map<Integer, CreditedStream> streams = new ConcurrentHashMap<>();
    private final Sinks.Many<Flux<Frame>> newStreams = Sinks.many().unicast().onBackpressureBuffer();
    private volatile boolean authenticated;

    ServerConnection(RequestHandler handler, TopicRegistry topics, Scheduler fetchScheduler, ByteBufAllocator alloc,
                     String token, String peer, ListenerMetrics metrics, java.util.function.Consumer<ErrorCode> errors) {
        this.metrics = metrics;
        this.errors = errors;
        this.handler = handler;
        this.topics = topics;
        this.fetchScheduler = fetchScheduler;
        this.alloc = alloc;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.authenticated = token == null;
        this.peer = peer;
    }

    /** What to send back, given what arrives. */
    Flux<Frame> serve(Flux<Frame> inbound) {
        Flux<Frame> responses = inbound
                .flatMap(this::onFrame, MAX_IN_FLIGHT_REQUESTS, 1)
                .doOnTerminate(newStreams::tryEmitComplete)
                .doOnCancel(this::closeStreams);
        Flux<Frame> data = newStreams.asFlux().flatMap(s -> s, MAX_STREAMS, 2);
        return Flux.merge(responses, data).doFinally(s -> closeStreams());
    }

    private Publisher<Frame> onFrame(Frame frame) {
        int id = frame.streamId();
        return switch (frame.type()) {
            case REQUEST -> request(frame);
            case STREAM_OPEN -> {
                open(id, frame.payload());
                yield Mono.empty();
            }
            case CREDIT -> {
                long n = WireFormat.readLong(frame.payload());
                CreditedStream s = streams.get(id);
                if (s != null) {
                    if (n <= 0) {
                        throw new ProtocolException(ProtocolException.Reason.MALFORMED_PAYLOAD,
                                "credit must be positive, got " + n + " on stream " + id);
                    }
                    s.grant(n);
                }
                yield Mono.empty();
            }
            case CANCEL -> {
                CreditedStream s = streams.remove(id);
                if (s != null) {
                    s.cancel();
                }
                yield Mono.empty();
            }
            case PING -> (frame.header().flags() & Frame.FLAG_ACK) != 0 ? Mono.empty()
                    : Mono.just(new Frame(FrameHeader.of(FrameType.PING, Frame.FLAG_ACK, 0), frame.payload().retain()));
            default -> throw new ProtocolException(ProtocolException.Reason.UNEXPECTED_FRAME,
                    "a client does not send " + frame.type() + " frames");
        };
    }

    private Mono<Frame> request(Frame frame) {
        int correlation = frame.streamId();
        ByteBuf in = frame.payload().retain();
        Mono<ByteBuf> body;
        try {
            ApiKey key = ApiKey.fromCode(WireFormat.readShort(in));
            body = authorize(key, in) ? handler.handle(key, in, alloc) : Mono.error(unauthenticated());
        } catch (Throwable t) {
            body = Mono.error(t);
        }
        return body
                .map(out -> new Frame(FrameHeader.of(FrameType.RESPONSE, 0, correlation), out))
                .onErrorResume(e -> Mono.just(error(FrameType.ERROR, correlation, e)))
                .doFinally(s -> in.release());
    }

    private boolean authorize(ApiKey key, ByteBuf in) {
        if (authenticated) {
            return true;
        }
        if (key != ApiKey.HELLO) {
            return false;
        }
        String offered = WireFormat.readString(in);
        if (offered != null && MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8))) {
            authenticated = true;
            return true;
        }
        log.warn("native connection from {} offered a wrong token", peer);
        return false;
    }

    private static RivuletException unauthenticated() {
        return new RivuletException(ErrorCode.AUTHENTICATION_FAILED, "this node requires a token: give the client"
                + " the node's token (client setting rivulet.token, or --token on the command line)");
    }

    private void open(int id, ByteBuf payload) {
        if (!authenticated) {
            newStreams.tryEmitNext(Flux.just(error(FrameType.STREAM_ERROR, id, unauthenticated())));
            return;
        }
        if (streams.size() >= MAX_STREAMS) {
            newStreams.tryEmitNext(Flux.just(error(FrameType.STREAM_ERROR, id, new RivuletException(
                    ErrorCode.INVALID_REQUEST, "too many open streams on one connection (at most " + MAX_STREAMS
                    + "); cancel streams you no longer read"))));
            return;
        }
        CreditedStream stream;
        try {
            stream = newStream(id, payload);
        } catch (RuntimeException e) {
            newStreams.tryEmitNext(Flux.just(error(FrameType.STREAM_ERROR, id, e)));
            return;
        }
        if (streams.putIfAbsent(id, stream) != null) {
            throw new ProtocolException(ProtocolException.Reason.UNEXPECTED_FRAME,
                    "stream " + id + " is already open on this connection");
        }
        newStreams.tryEmitNext(stream.frames());
    }

    /** A consumer's fetch stream or a follower's replica stream, by the open's kind byte. */
    private CreditedStream newStream(int id, ByteBuf payload) {
        Runnable onEnd = () -> streams.remove(id);
        if (payload.isReadable() && payload.getUnsignedByte(payload.readerIndex()) == ReplicaCodec.KIND_REPLICA) {
            payload.skipBytes(1);
            ReplicaCodec.Open open = ReplicaCodec.readOpenAfterKind(payload);
            return new ReplicaStream(id, topics, open, fetchScheduler.createWorker(), alloc,
                    metrics.streamOpened(open.partition() + " to replica " + open.replicaId() + " at " + peer), onEnd);
        }
        FetchCodec.Open open = FetchCodec.readOpen(payload);
        return new FetchStream(id, topics, open, fetchScheduler.createWorker(), alloc,
                metrics.streamOpened(open.partition() + " to " + peer), onEnd);
    }

    private Frame error(FrameType type, int id, Throwable e) {
        errors.accept(e instanceof RivuletException r ? r.code()
                : e instanceof ProtocolException ? ErrorCode.INVALID_REQUEST : ErrorCode.UNKNOWN);
        if (!(e instanceof RivuletException) && !(e instanceof ProtocolException)) {
            log.warn("request {} from {} failed unexpectedly", id, peer, e);
        }
        ByteBuf out = alloc.buffer();
        WireErrors.write(out, e);
        return new Frame(FrameHeader.of(type, 0, id), out);
    }

    private void closeStreams() {
        streams.values().forEach(CreditedStream::cancel);
        streams.clear();
    }
}
