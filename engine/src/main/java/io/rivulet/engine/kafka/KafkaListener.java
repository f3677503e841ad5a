package io.rivulet.engine.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.rivulet.api.Admin;
import io.rivulet.engine.lifecycle.Engine;
import io.rivulet.engine.metrics.ListenerMetrics;
import io.rivulet.engine.net.ClusterMetadata;
import io.rivulet.engine.net.server.NativeServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The Kafka door on one node (reactor-netty TCP, Kafka's port 9092 by default). Each connection is a
 * {@link KafkaConnection}; all share the engine. A request larger than {@code socket.request.max.bytes}, or one
 * this door cannot parse, closes its own connection and no other. Closing the listener frees the port and
 * closes every connection.
 */
public final class KafkaListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaListener.class);

    private final DisposableServer server;
    private final Set<Connection> connections;

    private KafkaListener(DisposableServer server, Set<Connection> connections) {
        this.server = server;
        this.connections = connections;
    }

    /** Serves a node without a cluster: it leads every partition. Returns once the port is bound. */
    public static KafkaListener start(Engine engine, Admin admin, KafkaSettings settings) {
        AtomicReference<ClusterMetadata.Node> self = new AtomicReference<>();
        KafkaListener listener = start(engine, admin, settings, new StandaloneKafkaMetadata(engine, self::get));
        self.set(new ClusterMetadata.Node(engine.config().nodeId(), NativeServer.advertisedHost(settings.host()),
                listener.port()));
        return listener;
    }

    /** Serves a node that answers metadata from {@code metadata} (a cluster's). Returns once the port is bound. */
    public static KafkaListener start(Engine engine, Admin admin, KafkaSettings settings, KafkaMetadata metadata) {
        KafkaApis apis = new KafkaApis(engine, admin, metadata);
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        ListenerMetrics meters = engine.metrics().listener(ListenerMetrics.Listener.KAFKA);
        TcpServer tcp = TcpServer.create()
                .host(settings.host())
                .port(settings.port())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .doOnConnection(c -> c.addHandlerLast("kafka-frames",
                        new LengthFieldBasedFrameDecoder(settings.maxRequestBytes(), 0, 4, 0, 4)))
                .handle((in, out) -> {
                    Connection c = (Connection) in;
                    String peer = String.valueOf(c.channel().remoteAddress());
                    open.add(c);
                    meters.connectionOpened();
                    KafkaConnection conn = new KafkaConnection(apis, c.channel().alloc(), peer, settings.token());
                    return out.send(conn.serve(in.receiveObject().cast(ByteBuf.class)))
                            .then()
                            .onErrorResume(e -> {
                                log.warn("closing Kafka connection from {}: {}", peer, e.toString());
                                return Mono.empty();
                            })
                            .doFinally(s -> {
                                open.remove(c);
                                meters.connectionClosed();
                            });
                });
        if (settings.tls() != null) {
            tcp = tcp.secure(spec -> spec.sslContext(settings.tls()));
        }
        DisposableServer bound = tcp.bindNow(Duration.ofSeconds(10));
        log.info("Kafka protocol listening on {}", bound.address());
        return new KafkaListener(bound, open);
    }

    /** The address it listens on. */
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
        connections.forEach(c -> c.channel().close());
        connections.clear();
    }
}
