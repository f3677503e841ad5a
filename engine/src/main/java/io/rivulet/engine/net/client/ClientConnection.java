package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.rivulet.api.ServerAddress;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.Frame;
import io.rivulet.engine.net.FrameDecoder;
import io.rivulet.engine.net.FrameEncoder;
import io.rivulet.engine.net.FrameHeader;
import io.rivulet.engine.net.FrameType;
import io.rivulet.engine.net.WireErrors;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One TCP connection to a node: requests matched to their responses by correlation id, and streams by
 * stream id. Frames go out through one bounded queue, in the order they are sent. When the connection goes
 * away every pending request and open stream fails with a {@link ErrorCode#DISCONNECTED} error.
 *
 * <p>Thread-safe. Responses are decoded, and stream listeners called, on the connection's event loop.
 */
final class ClientConnection {
    /** Frames waiting for the socket; sending past it fails, which in-flight bounds upstream prevent. */
    static final int OUTBOUND_QUEUE = 16_384;

    private final Connection connection;
    private final String node;
    private final ByteBufAllocator alloc;
    private final Map<Integer, Pending<?>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, StreamListener> streams = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Sinks.Many<Frame> outbound = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<Frame>get(OUTBOUND_QUEUE).get());
    private volatile RivuletException closedCause;

    private ClientConnection(Connection connection, String node) {
        this.connection = connection;
        this.node = node;
        this.alloc = connection.channel().alloc();
    }

    static Mono<ClientConnection> connect(ServerAddress address, SslContext tls, int maxFrameBytes, Duration timeout) {
        TcpClient tcp = TcpClient.newConnection() // not pooled: a connection lives as long as its handlers
                .host(address.host())
                .port(address.port())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (tls != null) {
            tcp = tcp.secure(spec -> spec.sslContext(tls));
        }
        String node = address.host() + ":" + address.port();
        return tcp.connect().map(c -> {
            // installed before anything is written or read: the node speaks only after a request
            c.addHandlerLast("rivulet-frame-decoder", new FrameDecoder(maxFrameBytes))
                    .addHandlerLast("rivulet-frame-encoder", new FrameEncoder(maxFrameBytes));
            return new ClientConnection(c, node).start();
        });
    }

    private ClientConnection start() {
        connection.inbound().receiveObject().cast(Frame.class)
                .subscribe(this::onFrame, e -> closed("the connection to " + node + " failed: " + e.getMessage()),
                        () -> closed("node " + node + " closed the connection"));
        connection.outbound().sendObject(outbound.asFlux()).then()
                .subscribe(null, e -> closed("writing to " + node + " failed: " + e.getMessage()));
        connection.onDispose(() -> closed("the connection to " + node + " was closed"));
        return this;
    }

    boolean isOpen() {
        return closedCause == null && !connection.isDisposed();
    }

    /** Sends a request and decodes its response with {@code decode} (on the event loop). */
    <T> Mono<T> call(ApiKey key, Consumer<ByteBuf> body, Function<ByteBuf, T> decode) {
        return Mono.create(sink -> {
            int id = nextId();
            Pending<T> p = new Pending<>(sink, decode);
            pending.put(id, p);
            sink.onCancel(() -> pending.remove(id));
            try {
                send(FrameType.REQUEST, id, request(key, body));
            } catch (RuntimeException e) {
                pending.remove(id);
                sink.error(e);
            }
        });
    }

    /** Sends a request whose answer nobody waits for (produce with acks=0). */
    void callAndForget(ApiKey key, Consumer<ByteBuf> body) {
        send(FrameType.REQUEST, nextId(), request(key, body));
    }

    private ByteBuf request(ApiKey key, Consumer<ByteBuf> body) {
        ByteBuf buf = alloc.buffer();
        try {
            buf.writeShort(key.code());
            body.accept(buf);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** Opens a stream; {@code listener} hears its frames until it ends or {@link #cancel} is called. */
    int openStream(Consumer<ByteBuf> open, StreamListener listener) {
        int id = nextId();
        streams.put(id, listener);
        ByteBuf buf = alloc.buffer();
        open.accept(buf);
        try {
            send(FrameType.STREAM_OPEN, id, buf);
        } catch (RuntimeException e) {
            streams.remove(id);
            throw e;
        }
        return id;
    }

    void credit(int stream, long n) {
        send(FrameType.CREDIT, stream, alloc.buffer(8).writeLong(n));
    }

    void cancel(int stream) {
        if (streams.remove(stream) != null && isOpen()) {
            try {
                send(FrameType.CANCEL, stream, alloc.buffer(0));
            } catch (RuntimeException ignored) {
                // the connection is going away: the server ends the stream itself
            }
        }
    }

    private int nextId() {
        int id = ids.incrementAndGet();
        if (id <= 0) {
            ids.compareAndSet(id, 0); // wrapped: ids of finished exchanges are free again
            id = ids.incrementAndGet();
        }
        return id;
    }

    private void send(FrameType type, int id, ByteBuf payload) {
        RivuletException closed = closedCause;
        if (closed != null) {
            payload.release();
            throw closed;
        }
        Sinks.EmitResult r;
        Frame frame = new Frame(FrameHeader.of(type, 0, id), payload);
        synchronized (outbound) {
            r = outbound.tryEmitNext(frame);
        }
        if (r.isFailure()) {
            frame.release();
            throw r == Sinks.EmitResult.FAIL_OVERFLOW
                    ? new RivuletException(ErrorCode.TIMEOUT, "more than " + OUTBOUND_QUEUE
                    + " frames wait to be written to " + node + ": the node or the network is too slow")
                    : disconnected("the connection to " + node + " is closed");
        }
    }

    private void onFrame(Frame frame) {
        int id = frame.streamId();
        switch (frame.type()) {
            case RESPONSE -> {
                Pending<?> p = pending.remove(id);
                if (p != null) {
                    p.succeed(frame.payload());
                }
            }
            case ERROR -> {
                Pending<?> p = id == 0 ? null : pending.remove(id);
                RivuletException e = WireErrors.read(frame.payload());
                if (p != null) {
                    p.sink.error(e);
                } else if (id == 0) {
                    closed(e.getMessage());
                }
            }
            case STREAM_DATA -> {
                StreamListener l = streams.get(id);
                if (l != null) {
                    l.onData(frame.payload());
                }
            }
            case STREAM_COMPLETE -> {
                StreamListener l = streams.remove(id);
                if (l != null) {
                    l.onComplete();
                }
            }
            case STREAM_ERROR -> {
                StreamListener l = streams.remove(id);
                if (l != null) {
                    l.onError(WireErrors.read(frame.payload()));
                }
            }
            case PING -> {
                if ((frame.header().flags() & Frame.FLAG_ACK) == 0) {
                    Frame pong = new Frame(FrameHeader.of(FrameType.PING, Frame.FLAG_ACK, 0), frame.payload().retain());
                    synchronized (outbound) {
                        if (outbound.tryEmitNext(pong).isFailure()) {
                            pong.release();
                        }
                    }
                }
            }
            default -> closed("node " + node + " sent a " + frame.type() + " frame, which only clients send");
        }
    }

    private void closed(String why) {
        if (closedCause != null) {
            return;
        }
        RivuletException cause = disconnected(why);
        closedCause = cause;
        connection.dispose();
        synchronized (outbound) {
            outbound.tryEmitComplete();
        }
        pending.values().forEach(p -> p.sink.error(cause));
        pending.clear();
        streams.values().forEach(l -> l.onError(cause));
        streams.clear();
    }

    private static RivuletException disconnected(String why) {
        return new RivuletException(ErrorCode.DISCONNECTED, why + "; the client reconnects on the next request,"
                + " and a stream can be resumed by subscribing again (retry())");
    }

    /** Closes the connection; pending work fails as disconnected. */
    void close() {
        closed("the client closed the connection to " + node);
    }

    private record Pending<T>(MonoSink<T> sink, Function<ByteBuf, T> decode) {
        void succeed(ByteBuf payload) {
            T value;
            try {
                value = decode.apply(payload);
            } catch (Throwable t) {
                sink.error(t);
                return;
            }
            sink.success(value);
        }
    }
}
