package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.Admin;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /health} (the engine answers) and {@code /metrics} (the Prometheus text the server hands in). */
final class StatusResource {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Admin admin;
    private final Supplier<String> metrics;

    StatusResource(Admin admin, Supplier<String> metrics) {
        this.admin = admin;
        this.metrics = metrics;
    }

    /** 200 {@code {"status":"UP","topics":n}} while the engine answers; 503 {@code DOWN} with the reason otherwise. */
    Mono<Void> health(HttpServerRequest req, HttpServerResponse res) {
        return admin.listTopics()
                .flatMap(topics -> Responses.json(res, HttpResponseStatus.OK, Map.of("status", "UP", "topics", topics.size())))
                .onErrorResume(e -> {
                    ErrorBody error = ErrorMapping.map(e);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "DOWN");
                    body.put("error", error.error());
                    body.put("message", error.message());
                    return Responses.json(res, HttpResponseStatus.SERVICE_UNAVAILABLE, body);
                });
    }

    Mono<Void> metrics(HttpServerRequest req, HttpServerResponse res) {
        return Mono.fromSupplier(metrics)
                .flatMap(text -> Responses.text(res, HttpResponseStatus.OK, PROMETHEUS_TEXT, text));
    }
}
