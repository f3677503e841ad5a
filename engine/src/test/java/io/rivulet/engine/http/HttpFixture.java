package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rivulet.api.Rivulet;

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
 * a JDK HTTP client pointed at it. Closing it closes the listener, then the engine.
 */
final class HttpFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Rivulet rivulet;
    final HttpListener http;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private HttpFixture(Path dir, Map<String, String> settings) {
        rivulet = Rivulet.embedded(dir);
        Map<String, String> all = new HashMap<>(settings);
        all.put("http.port", "0");
        try {
            http = HttpListener.start(rivulet, HttpSettings.fromProperties(all), registry::scrape);
        } catch (RuntimeException e) {
            rivulet.close();
            throw e;
        }
    }

    static HttpFixture start(Path dir) {
        return new HttpFixture(dir, Map.of());
    }

    static HttpFixture start(Path dir, Map<String, String> settings) {
        return new HttpFixture(dir, settings);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.port() + path);
    }

    URI wsUri(String path) {
        return URI.create("ws://127.0.0.1:" + http.port() + path);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
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

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
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

    /** A response: status, content type and body text. */
    record Response(int status, String contentType, String body) {
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
