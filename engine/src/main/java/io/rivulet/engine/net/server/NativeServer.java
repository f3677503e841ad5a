package io.rivulet.engine.net.server;

import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.rivulet.api.Admin;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.net.Frame;
import io.rivulet.engine.net.FrameDecoder;
import io.rivulet.engine.net.FrameEncoder;
import io.rivulet.engine.net.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import io.rivulet.engine.net.ClusterMetadata;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native protocol's listener on one node (reactor-netty TCP): each connection gets its own
 * {@link ServerConnection}; all share the engine. Closing it stops accepting, closes every connection (their
 * streams end, their clients see the disconnect) and frees the port.
 */
public final class NativeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NativeServer.class);

    private final DisposableServer server;
    private final OrderedAppends appends;

    private final Set<Connection> connections;

    private NativeServer(DisposableServer server, OrderedAppends appends, Set<Connection> connections) {
        this.server = server;
        this.appends = appends;
        this.connections = connections;
    }

    /**
     * Binds and starts serving; returns once the port is bound.
     *
     * @param admin the node's admin, answered to remote {@code Admin} calls
     */
    public static NativeServer start(Engine engine, Admin admin, NativeSettings settings) {
        return start(engine, admin, settings, null);
    }

    /**
     * As {@link #start(Engine, Admin, NativeSettings)}, answering {@code CLUSTER_METADATA} from {@code cluster};
     * null for a node without a cluster, which describes itself as the leader of everything.
     */
    public static NativeServer start(Engine engine, Admin admin, NativeSettings settings, NodeMetadata cluster) {
        AtomicReference<ClusterMetadata.Node> self = new AtomicReference<>();
        NodeMetadata metadata = cluster != null ? cluster : new StandaloneMetadata(engine, self::get);
        OrderedAppends appends = new OrderedAppends(engine.appendScheduler());
        RequestHandler handler = new RequestHandler(engine, admin, appends, metadata);
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        ListenerMetrics metrics = engine.metrics().listener(ListenerMetrics.Listener.NATIVE);
        TcpServer tcp = TcpServer.create()
                .host(settings.host())
                .port(settings.port())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .doOnConnection(c -> install(c, settings.maxFrameBytes()))
                .handle((in, out) -> {
                    Connection c = (Connection) in;
                    String peer = String.valueOf(c.channel().remoteAddress());
                    open.add(c);
                    metrics.connectionOpened();
                    ServerConnection conn = new ServerConnection(handler, engine.topics(), engine.fetchScheduler(),
                            c.channel().alloc(), settings.token(), peer, metrics, engine.metrics()::errors);
                    return out.sendObject(conn.serve(in.receiveObject().cast(Frame.class)))
                            .then()
                            .onErrorResume(e -> {
                                if (e instanceof ProtocolException) {
                                    log.warn("closing native connection from {}: {}", peer, e.getMessage());
                                } else {
                                    log.debug("native connection from {} ended: {}", peer, e.toString());
                                }
                                return Mono.empty();
                            })
                            .doFinally(s -> {
                                open.remove(c);
                                metrics.connectionClosed();
                            });
                });
        if (settings.tls() != null) {
            tcp = tcp.secure(spec -> spec.sslContext(settings.tls()));
        }
        DisposableServer bound = tcp.bindNow(Duration.ofSeconds(10));
        self.set(new ClusterMetadata.Node(engine.config().nodeId(), advertisedHost(settings.host()),
                ((InetSocketAddress) bound.address()).getPort()));
        log.info("native protocol listening on {}", bound.address());
        return new NativeServer(bound, appends, open);
    }

    /** The host clients are told to use: the bound one, or this machine's name when bound to every interface. */
    public static String advertisedHost(String bindHost) {
        try {
            return InetAddress.getByName(bindHost).isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName() : bindHost;
        } catch (java.net.UnknownHostException e) {
            return bindHost;
        }
    }

    private static void install(Connection c, int maxFrameBytes) {
        c.addHandlerLast("rivulet-frame-decoder", new FrameDecoder(maxFrameBytes))
                .addHandlerLast("rivulet-frame-encoder", new FrameEncoder(maxFrameBytes));
    }

    /** The address it listens on, with the port chosen when 0 was asked. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.address();
    }

    /** The port it listens on. */
    public int port() {
        return address().getPort();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        // Stopping the listener leaves accepted connections open: close them, so clients see the node go.
        connections.forEach(c -> c.channel().close());
        connections.clear();
        appends.close();
    }
}
