package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.rivulet.api.Rivulet;
import io.rivulet.engine.metrics.EngineMetrics;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An embedded engine on a temporary directory with an {@link HttpListener} on a free loopback port, and
 * a JDK HTTP client pointed at it. Closing it closes the listener, then the engine. A {@link #secured}
 * fixture reports to the engine's own metrics and may require a token and serve TLS.
 */
final class HttpFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Rivulet rivulet;
    final HttpListener http;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpClient client;
    private final String scheme;

    private HttpFixture(Path dir, Map<String, String> settings) {
        rivulet = Rivulet.embedded(dir);
        client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        scheme = "";
        Map<String, String> all = new HashMap<>(settings);
        all.put("http.port", "0");
        try {
            http = HttpListener.start(rivulet, HttpSettings.fromProperties(all), registry::scrape);
        } catch (RuntimeException e) {
            rivulet.close();
            throw e;
        }
    }

    private HttpFixture(Path dir, String token, SslContext tls, SSLContext clientTls) {
        rivulet = Rivulet.embedded(dir);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (clientTls != null) {
            builder.sslContext(clientTls);
        }
        client = builder.build();
        scheme = tls != null ? "s" : "";
        try {
            http = HttpListener.start(rivulet, HttpSettings.defaults().withAddress("127.0.0.1", 0).withToken(token)
                    .withTls(tls), EngineMetrics.of(rivulet));
        } catch (RuntimeException e) {
            rivulet.close();
            throw e;
        }
    }

    /**
     * A listener reporting to the engine's metrics, requiring {@code token} (null: open) and serving TLS
     * with {@code tls} (null: plain); the client trusts {@code clientTls} (null: the JDK's defaults).
     */
    static HttpFixture secured(Path dir, String token, SslContext tls, SSLContext clientTls) {
        return new HttpFixture(dir, token, tls, clientTls);
    }

    static HttpFixture start(Path dir) {
        return new HttpFixture(dir, Map.of());
    }

    static HttpFixture start(Path dir, Map<String, String> settings) {
        return new HttpFixture(dir, settings);
    }

    URI uri(String path) {
        return URI.create("http" + scheme + "://127.0.0.1:" + http.port() + path);
    }

    URI wsUri(String path) {
        return URI.create("ws" + scheme + "://127.0.0.1:" + http.port() + path);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET with request headers as name, value, name, value, … */
    Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).headers(headers).GET());
    }

    /** A JSON POST with request headers as name, value, name, value, … */
    Response postJson(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).headers(headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Response postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Response post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(),
                    r.headers().firstValue("www-authenticate").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } finally {
            rivulet.close();
            registry.close();
        }
    }

    /** A response: status, content type, body text and the {@code WWW-Authenticate} header (or null). */
    record Response(int status, String contentType, String body, String wwwAuthenticate) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The {@code error} code of an error body. */
        String error() {
            return json().path("error").asText();
        }
    }
}
