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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One TCP connection to a node: requests matched to their responses by correlation id, and streams by
 * stream id. Frames go out through one bounded queue, in the order they are sent. When the connection goes
 * away every pending request and open stream fails with a {@link ErrorCode#DISCONNECTED} error.
 *
 * <p>A request not answered within {@code request.timeout.ms} fails with {@link ErrorCode#TIMEOUT}, and the
 * connection is closed, as one that was lost: the node is treated as gone, and the next request connects again
 * (to the next bootstrap node when there are several). Deadlines are checked by one periodic task on the
 * event loop, not a timer per request: a producer sends tens of thousands of requests a second.
 *
 * <p>Thread-safe. Responses are decoded, and stream listeners called, on the connection's event loop.
 */
final class ClientConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** Frames waiting for the socket; sending past it fails, which in-flight bounds upstream prevent. */
    static final int OUTBOUND_QUEUE = 16_384;
    /** Bounds on how often late answers are looked for: an eighth of request.timeout.ms, within these. */
    private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Connection connection;
    private final String node;
    private final long timeoutNanos;
    private final ByteBufAllocator alloc;
    private final Map<Integer, Pending<?>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, StreamListener> streams = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Sinks.Many<Frame> outbound = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<Frame>get(OUTBOUND_QUEUE).get());
    private volatile RivuletException closedCause;
    private volatile ScheduledFuture<?> deadlines;

    private ClientConnection(Connection connection, String node, Duration requestTimeout) {
        this.connection = connection;
        this.node = node;
        this.timeoutNanos = requestTimeout.toNanos();
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
            return new ClientConnection(c, node, timeout).start();
        });
    }

    private ClientConnection start() {
        connection.inbound().receiveObject().cast(Frame.class)
                .subscribe(this::onFrame, e -> closed("the connection to " + node + " failed: " + e.getMessage()),
                        () -> closed("node " + node + " closed the connection"));
        connection.outbound().sendObject(outbound.asFlux()).then()
                .subscribe(null, e -> closed("writing to " + node + " failed: " + e.getMessage()));
        connection.onDispose(() -> closed("the connection to " + node + " was closed"));
        long every = Math.max(MIN_CHECK_NANOS, Math.min(MAX_CHECK_NANOS, timeoutNanos / 8));
        deadlines = connection.channel().eventLoop()
                .scheduleAtFixedRate(this::expire, every, every, TimeUnit.NANOSECONDS);
        if (closedCause != null) {
            deadlines.cancel(false); // closed while the task was being scheduled
        }
        return this;
    }

    boolean isOpen() {
        return closedCause == null && !connection.isDisposed();
    }

    /** Sends a request and decodes its response with {@code decode} (on the event loop). */
    <T> Mono<T> call(ApiKey key, Consumer<ByteBuf> body, Function<ByteBuf, T> decode) {
        return Mono.create(sink -> {
            int id = request(key, body, decode, Reply.<T>of(sink::success, sink::error));
            sink.onCancel(() -> pending.remove(id));
        });
    }

    /**
     * Sends a request and hands its decoded response, or its failure, to {@code reply}: as {@link #call}, without
     * a reactive chain. A request that cannot be sent fails before this returns. Returns the request's id.
     */
    <T> int request(ApiKey key, Consumer<ByteBuf> body, Function<ByteBuf, T> decode, Reply<? super T> reply) {
        int id = nextId();
        pending.put(id, new Pending<>(key, decode, reply, System.nanoTime() + timeoutNanos));
        try {
            send(FrameType.REQUEST, id, encode(key, body));
        } catch (RuntimeException e) {
            if (pending.remove(id) != null) {
                reply.failed(e);
            }
        }
        return id;
    }

    /**
     * Closes the connection if an answer is late: the node is treated as gone. The late requests fail as timed out,
     * after the close (so their owners see a closed connection), the others as disconnected.
     */
    private void expire() {
        long now = System.nanoTime();
        List<Pending<?>> late = null;
        for (Map.Entry<Integer, Pending<?>> e : pending.entrySet()) {
            Pending<?> p = e.getValue();
            if (now - p.deadline() >= 0 && pending.remove(e.getKey(), p)) {
                (late == null ? late = new ArrayList<>() : late).add(p);
            }
        }
        if (late == null) {
            return;
        }
        closed("a request to " + node + " got no answer within request.timeout.ms");
        for (Pending<?> p : late) {
            p.fail(new RivuletException(ErrorCode.TIMEOUT, p.key() + " got no answer within request.timeout.ms="
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "; the node may be overloaded or unreachable"));
        }
    }

    /** Sends a request whose answer nobody waits for (produce with acks=0). */
    void callAndForget(ApiKey key, Consumer<ByteBuf> body) {
        send(FrameType.REQUEST, nextId(), encode(key, body));
    }

    private ByteBuf encode(ApiKey key, Consumer<ByteBuf> body) {
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
                    p.fail(e);
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
        ScheduledFuture<?> d = deadlines;
        if (d != null) {
            d.cancel(false);
        }
        connection.dispose();
        synchronized (outbound) {
            outbound.tryEmitComplete();
        }
        for (Integer id : pending.keySet()) {
            Pending<?> p = pending.remove(id);
            if (p != null) {
                p.fail(cause);
            }
        }
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

    private record Pending<T>(ApiKey key, Function<ByteBuf, T> decode, Reply<? super T> reply, long deadline) {
        void succeed(ByteBuf payload) {
            T value;
            try {
                value = decode.apply(payload);
            } catch (Throwable t) {
                fail(t);
                return;
            }
            try {
                reply.answered(value);
            } catch (RuntimeException e) {
                LOG.warn("the handler of a {} answer failed; the connection goes on", key, e);
            }
        }

        void fail(Throwable error) {
            try {
                reply.failed(error);
            } catch (RuntimeException e) {
                LOG.warn("the handler of a failed {} request failed too; the connection goes on", key, e);
            }
        }
    }
}
