package io.rivulet.samples.dashboard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.rivulet.samples.kappa.ServingPointer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the dashboard: one static page and the little JSON that tells it where the node's WebSocket
 * is. The page itself reads everything live from the node ({@code /ws/consume}): the serving pointer,
 * then the output topic it names. Nothing here touches the log, so this server holds no state.
 *
 * <pre>
 * GET /             the page (dashboard/index.html)
 * GET /config.json  {"ws":"ws://127.0.0.1:PORT","pointers":"serving-pointers","view":"clicks-windows"}
 * </pre>
 *
 * <p>Threading: reactor-netty's event loops serve both routes from memory; nothing blocks.
 */
public final class DashboardServer implements AutoCloseable {
    private final DisposableServer server;

    private DashboardServer(DisposableServer server) {
        this.server = server;
    }

    /**
     * Listens on {@code host:port} (port 0: a free one) for a node whose HTTP listener is at
     * {@code nodeHttpPort} on the same host.
     */
    public static DashboardServer start(String host, int port, int nodeHttpPort) {
        String page = resource("/dashboard/index.html");
        String config = "{\"ws\":\"ws://" + host + ":" + nodeHttpPort + "\",\"pointers\":\"" + ServingPointer.TOPIC
                + "\",\"view\":\"" + ServingPointer.VIEW + "\"}";
        DisposableServer server = HttpServer.create().host(host).port(port)
                .route(routes -> routes
                        .get("/", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                                .sendString(Mono.just(page)))
                        .get("/config.json", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                                .sendString(Mono.just(config))))
                .bindNow();
        return new DashboardServer(server);
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** The page's address. */
    public String url() {
        return "http://" + server.host() + ":" + server.port() + "/";
    }

    /** Stops listening and closes open connections. */
    @Override
    public void close() {
        server.disposeNow();
    }

    private static String resource(String name) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath: rebuild the samples module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
