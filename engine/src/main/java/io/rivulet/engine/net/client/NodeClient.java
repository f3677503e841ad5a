package io.rivulet.engine.net.client;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.ServerAddress;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletClosedException;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.WireFormat;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The client's link to its nodes: one connection at a time, opened on first use and opened again — with
 * exponential backoff, trying the bootstrap nodes in turn — after it goes away. Every request has a timeout
 * that covers reconnecting. Thread-safe.
 */
final class NodeClient implements AutoCloseable {
    private final List<ServerAddress> servers;
    private final ClientSettings settings;
    private final AtomicInteger next = new AtomicInteger();
    private Mono<ClientConnection> connecting; // guarded by this
    private volatile ClientConnection open;
    private volatile boolean closed;
    private volatile boolean everConnected;

    private final boolean persistent;

    /** A client to the bootstrap nodes: after it has connected once, it keeps trying until request.timeout.ms. */
    NodeClient(List<ServerAddress> servers, ClientSettings settings) {
        this(servers, settings, true);
    }

    /**
     * @param persistent false for a link to one node of a cluster named by metadata: it gives up after a few
     *                   attempts, because a node that is gone is replaced by another, which metadata will name
     */
    NodeClient(List<ServerAddress> servers, ClientSettings settings, boolean persistent) {
        this.servers = List.copyOf(servers);
        this.settings = settings;
        this.persistent = persistent;
    }

    ClientSettings settings() {
        return settings;
    }

    List<ServerAddress> servers() {
        return servers;
    }

    /** The open connection, connecting (and authenticating) first when there is none. */
    Mono<ClientConnection> connection() {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new RivuletClosedException("this Rivulet client"));
            }
            ClientConnection c = open;
            if (c != null && c.isOpen()) {
                return Mono.just(c);
            }
            synchronized (this) {
                if (connecting == null) {
                    // one attempt at a time, shared by every caller waiting for it
                    connecting = connectWithBackoff()
                            .doFinally(s -> {
                                synchronized (this) {
                                    connecting = null;
                                }
                            })
                            .cache();
                }
                return connecting;
            }
        });
    }

    private Mono<ClientConnection> connectWithBackoff() {
        java.util.concurrent.atomic.AtomicReference<Throwable> last = new java.util.concurrent.atomic.AtomicReference<>();
        // The first connection tries each bootstrap node a few times and gives up, so a wrong address fails fast;
        // after a node has been reached, the client keeps trying until request.timeout.ms (a restart, say).
        long attempts = everConnected && persistent ? Long.MAX_VALUE : Math.max(persistent ? 3 : 2, servers.size());
        return Mono.defer(() -> {
                    ServerAddress target = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
                    return ClientConnection.connect(target, settings.tls(), settings.maxFrameBytes(),
                            settings.requestTimeout());
                })
                .flatMap(this::hello)
                .doOnError(last::set)
                .retryWhen(Retry.backoff(attempts - 1, settings.backoff()).maxBackoff(settings.backoffMax())
                        .filter(e -> !closed && !isFatal(e)))
                .timeout(settings.requestTimeout())
                .onErrorMap(TimeoutException.class, e -> new RivuletException(ErrorCode.DISCONNECTED,
                        "could not connect to " + servers + " within request.timeout.ms=" + settings.requestTimeout().toMillis()
                                + ": check that `rivulet server` runs there and the port is right"
                                + (last.get() == null ? "" : " (last attempt: " + last.get().getMessage() + ")")))
                .onErrorMap(e -> e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException,
                        e -> new RivuletException(ErrorCode.DISCONNECTED, "TLS with " + servers + " failed: "
                                + e.getMessage() + "; trust the node's certificate with ssl.truststore.certificates,"
                                + " and use TLS exactly when the node does", e))
                .onErrorMap(e -> Exceptions.isRetryExhausted(e) ? new RivuletException(ErrorCode.DISCONNECTED,
                        "could not connect to " + servers + ": " + e.getCause().getMessage()
                                + "; check that `rivulet server` runs there and the port is right", e.getCause()) : e)
                .doOnNext(c -> {
                    open = c;
                    everConnected = true;
                });
    }

    private static boolean isFatal(Throwable e) {
        return e instanceof RivuletException r && r.code() == ErrorCode.AUTHENTICATION_FAILED
                || e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException;
    }

    /** Every connection starts with a hello, so a node that wants a token says so before any real request. */
    private Mono<ClientConnection> hello(ClientConnection c) {
        return c.call(ApiKey.HELLO, b -> WireFormat.writeString(b, settings.token()), b -> c)
                .doOnError(e -> c.close());
    }

    /**
     * A request, with {@code request.timeout.ms} to connect and again to be answered. A node that does not answer
     * in time is treated as gone, as a lost connection is ({@link ClientConnection}).
     */
    <T> Mono<T> call(ApiKey key, Consumer<ByteBuf> body, Function<ByteBuf, T> decode) {
        return connection().flatMap(c -> c.call(key, body, decode));
    }

    /** The connection if it is open now, else null: for a caller that takes another path while connecting. */
    ClientConnection openNow() {
        ClientConnection c = open;
        return !closed && c != null && c.isOpen() ? c : null;
    }

    @Override
    public void close() {
        closed = true;
        ClientConnection c = open;
        if (c != null) {
            c.close();
        }
    }
}
