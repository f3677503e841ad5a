package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /}: the sample page, a live table of a topic's records over {@code /ws/consume}. Read once at start. */
final class PageResource {
    static final String RESOURCE = "/io/rivulet/engine/http/index.html";

    private final String html;

    PageResource() {
        try (InputStream in = PageResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the web page " + RESOURCE + " is missing from the classpath");
            }
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Mono<Void> index(HttpServerRequest req, HttpServerResponse res) {
        return Responses.text(res, HttpResponseStatus.OK, "text/html; charset=utf-8", html);
    }
}
