package io.rivulet.engine.http;

import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.rivulet.api.Consumer;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.serde.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A node's HTTP and WebSocket front door: REST for topics, records and groups, WebSocket consume and
 * produce, the sample page at {@code /}, {@code /health} and {@code /metrics}. Built only on the public
 * {@link Rivulet} api, so it serves an embedded engine or any other handle alike. See {@code docs/http.md}.
 *
 * <pre>{@code
 * try (Rivulet rivulet = Rivulet.embedded(Path.of("data"));
 *      HttpListener http = HttpListener.start(rivulet, HttpSettings.defaults(), registry::scrape)) {
 *     System.out.println("serving on port " + http.port());
 *     ...
 * }
 * }</pre>
 *
 * <p>Threading: requests run on the listener's own {@code rivulet-http-*} event loops and never block
 * them; the api's calls are non-blocking, and work that may block (creating an auto-created topic,
 * closing a group member) is moved to Reactor's bounded-elastic scheduler. Thread-safe.
 *
 * <p>Ownership: it opens one producer and one reader consumer on {@code rivulet}, one consumer per
 * group socket, its event loops and its server socket, and closes all of them in {@link #close()}. It
 * does not close {@code rivulet}.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final HttpSettings settings;
    private final LoopResources loops;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> reader;
    private final OpenResources open = new OpenResources();
    private final SessionLimit sessions;
    private final WsCounters counters = new WsCounters();
    private final RecordSender sender;
    private final DisposableServer server;
    private volatile boolean closed;

    private HttpListener(Rivulet rivulet, HttpSettings settings, Supplier<String> metrics) {
        this.settings = settings;
        this.sessions = new SessionLimit(settings.wsSessionsMax());
        this.producer = rivulet.producer(ProducerOptions.builder(Serdes.byteArray(), Serdes.byteArray())
                .clientId("rivulet-http").build());
        this.reader = rivulet.consumer(ConsumerOptions.builder(Serdes.byteArray(), Serdes.byteArray())
                .maxPollRecords(settings.wsPartitionPrefetch()).clientId("rivulet-http-reader").build());
        this.loops = LoopResources.create("rivulet-http", 1, Math.max(2, Runtime.getRuntime().availableProcessors()), true);
        this.sender = new RecordSender(rivulet.admin(), producer);
        Router router = new Router(
                new TopicsResource(rivulet.admin(), settings.requestMaxBytes()),
                new RecordsResource(rivulet.admin(), sender, reader, settings),
                new GroupsResource(rivulet.admin()),
                new StatusResource(rivulet.admin(), metrics),
                new PageResource(),
                new ConsumeSocket(rivulet, reader, settings, sessions, counters, open),
                new ProduceSocket(sender, settings, sessions));
        int high = settings.wsWriteBufferBytes();
        try {
            this.server = HttpServer.create()
                    .runOn(loops)
                    .host(settings.host())
                    .port(settings.port())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                    .route(router)
                    .bindNow(BIND_TIMEOUT);
        } catch (RuntimeException e) {
            releaseAll();
            throw new InvalidConfigException("http.port", settings.port(), "a port this process may bind on "
                    + settings.host() + " (" + e.getMessage() + "): choose another http.port or http.host", e);
        }
        LOG.info("HTTP and WebSocket listening on {}:{}", settings.host(), port());
    }

    /**
     * Starts serving {@code rivulet} on {@code settings.host():settings.port()}.
     *
     * @param rivulet the engine to serve (not closed by the listener)
     * @param settings where to listen and the limits, e.g. {@link HttpSettings#defaults()} or
     *                 {@link HttpSettings#fromProperties}
     * @param metrics  the Prometheus text served at {@code /metrics}, e.g. {@code registry::scrape}; called
     *                 on an event loop for each scrape, so it must not block
     * @throws InvalidConfigException if the address cannot be bound
     */
    public static HttpListener start(Rivulet rivulet, HttpSettings settings, Supplier<String> metrics) {
        Objects.requireNonNull(rivulet, "rivulet");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        return new HttpListener(rivulet, settings, metrics);
    }

    /** The port bound: {@code http.port}, or the free port chosen when it was 0. */
    public int port() {
        return ((InetSocketAddress) server.address()).getPort();
    }

    /** The address bound. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.address();
    }

    /** The settings it runs with. */
    public HttpSettings settings() {
        return settings;
    }

    /** The sessions' counters (records pulled and written, sessions closed as too far behind). */
    WsCounters counters() {
        return counters;
    }

    /** WebSocket sessions open now. */
    int openSessions() {
        return sessions.open();
    }

    /** Consumers open for group sockets now. */
    int openGroupMembers() {
        return open.size();
    }

    /**
     * Stops listening, closes every connection (WebSocket clients see the socket close), then closes
     * the group members, the producer (waiting for records already accepted), the reader and the event
     * loops. Idempotent; it blocks, so do not call it on an event loop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.disposeNow(CLOSE_TIMEOUT);
        releaseAll();
        LOG.info("HTTP listener on port {} closed", settings.port());
    }

    private void releaseAll() {
        open.closeAll();
        producer.close();
        sender.close();
        reader.close();
        loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT.plusSeconds(1));
    }
}
