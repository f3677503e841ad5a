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
import io.rivulet.engine.metrics.EngineMetrics;
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
 *      HttpListener http = HttpListener.start(rivulet, HttpSettings.defaults(), EngineMetrics.of(rivulet))) {
 *     System.out.println("serving on port " + http.port());
 *     ...
 * }
 * }</pre>
 *
 * <p>Security: with {@link HttpSettings#tls()} it serves HTTPS and WSS only; with {@link HttpSettings#token()}
 * every route but {@code GET /health} and the page requires the token ({@link Authentication}).
 *
 * <p>Threading: requests run on the listener's own {@code rivulet-http-*} event loops and never block
 * them; the api's calls are non-blocking, and work that may block (creating an auto-created topic,
 * closing a group member) is moved to Reactor's bounded-elastic scheduler. Thread-safe.
 *
 * <p>Ownership: it opens one producer and one reader consumer on {@code rivulet}, one consumer per
 * group socket, its event loops and its server socket, and closes all of them in {@link #close()}. It
 * does not close {@code rivulet}, nor the {@link EngineMetrics} it is given; started without them, it
 * keeps its listener meters in metrics of its own, closed with it.
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
    private final HttpMeters meters;
    /** Metrics the listener made itself (started with a scrape supplier only), or null. */
    private final EngineMetrics ownMetrics;
    private final DisposableServer server;
    private volatile boolean closed;

    private HttpListener(Rivulet rivulet, HttpSettings settings, Supplier<String> scrape, EngineMetrics metrics,
                         EngineMetrics ownMetrics) {
        this.settings = settings;
        this.ownMetrics = ownMetrics;
        this.meters = new HttpMeters(metrics);
        this.sessions = new SessionLimit(settings.wsSessionsMax());
        this.producer = rivulet.producer(ProducerOptions.builder(Serdes.byteArray(), Serdes.byteArray())
                .clientId("rivulet-http").build());
        this.reader = rivulet.consumer(ConsumerOptions.builder(Serdes.byteArray(), Serdes.byteArray())
                .maxPollRecords(settings.wsPartitionPrefetch()).clientId("rivulet-http-reader").build());
        this.loops = LoopResources.create("rivulet-http", 1, Math.max(2, Runtime.getRuntime().availableProcessors()), true);
        this.sender = new RecordSender(rivulet.admin(), producer);
        Router router = new Router(
                new TopicsResource(rivulet.admin(), settings.requestMaxBytes()),
                new RecordsResource(rivulet.admin(), sender, reader, settings, meters),
                new GroupsResource(rivulet.admin()),
                new StatusResource(rivulet.admin(), scrape),
                new PageResource(),
                new ConsumeSocket(rivulet, reader, settings, sessions, counters, open, meters),
                new ProduceSocket(sender, settings, sessions, meters),
                Authentication.of(settings.token()),
                meters);
        int high = settings.wsWriteBufferBytes();
        try {
            HttpServer http = HttpServer.create()
                    .runOn(loops)
                    .host(settings.host())
                    .port(settings.port())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                    // once per TCP connection (doOnConnection would fire per request on a kept-alive one)
                    .doOnChannelInit((observer, channel, remote) -> {
                        meters.http.connectionOpened();
                        channel.closeFuture().addListener(f -> meters.http.connectionClosed());
                    })
                    .route(router);
            if (settings.tls() != null) {
                http = http.secure(spec -> spec.sslContext(settings.tls()));
            }
            this.server = http.bindNow(BIND_TIMEOUT);
        } catch (RuntimeException e) {
            releaseAll();
            throw new InvalidConfigException("http.port", settings.port(), "a port this process may bind on "
                    + settings.host() + " (" + e.getMessage() + "): choose another http.port or http.host", e);
        }
        LOG.info("{} listening on {}:{}{}", settings.tls() != null ? "HTTPS and WSS" : "HTTP and WebSocket",
                settings.host(), port(), settings.token() != null ? " (token required)" : "");
    }

    /**
     * Starts serving {@code rivulet} on {@code settings.host():settings.port()}, reporting to the node's
     * metrics: {@code /metrics} serves {@code metrics.scrape()}, and the listener counts its HTTP
     * connections ({@code listener="http"}), WebSocket sessions and consume streams ({@code listener="ws"})
     * and the errors it answers ({@code rivulet_errors_total}).
     *
     * @param rivulet  the engine to serve (not closed by the listener)
     * @param settings where to listen, the limits, the token and TLS, e.g. {@link HttpSettings#defaults()}
     * @param metrics  the node's metrics, e.g. {@code EngineMetrics.of(rivulet)} (not closed by the listener)
     * @throws InvalidConfigException if the address cannot be bound
     */
    public static HttpListener start(Rivulet rivulet, HttpSettings settings, EngineMetrics metrics) {
        Objects.requireNonNull(rivulet, "rivulet");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        return new HttpListener(rivulet, settings, metrics::scrape, metrics, null);
    }

    /**
     * Starts serving {@code rivulet} on {@code settings.host():settings.port()}, serving {@code metrics} at
     * {@code /metrics}; the listener's own meters go to metrics it keeps to itself (see
     * {@link #start(Rivulet, HttpSettings, EngineMetrics)} to report them to the node's).
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
        EngineMetrics own = new EngineMetrics();
        try {
            return new HttpListener(rivulet, settings, metrics, own, own);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
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
        if (ownMetrics != null) {
            ownMetrics.close();
        }
    }
}
