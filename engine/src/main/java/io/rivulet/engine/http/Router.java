package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The map from method and path to handler. Every handler is wrapped so that whatever it throws or
 * signals becomes that request's JSON error answer, and nothing else is affected; a path no route
 * knows gets a JSON 404 naming the endpoints.
 *
 * <p>On a node with a token, every route but {@code GET /health} and the page requires it
 * ({@link Authentication}): a load balancer's health check and a browser's first visit need none, and
 * the page itself holds no data, it asks for the token before it reads any.
 */
final class Router implements Consumer<HttpServerRoutes> {
    private final TopicsResource topics;
    private final RecordsResource records;
    private final GroupsResource groups;
    private final StatusResource status;
    private final PageResource page;
    private final ConsumeSocket consume;
    private final ProduceSocket produce;
    private final Authentication authentication;
    private final HttpMeters meters;

    Router(TopicsResource topics, RecordsResource records, GroupsResource groups, StatusResource status,
           PageResource page, ConsumeSocket consume, ProduceSocket produce, Authentication authentication,
           HttpMeters meters) {
        this.topics = topics;
        this.records = records;
        this.groups = groups;
        this.status = status;
        this.page = page;
        this.consume = consume;
        this.produce = produce;
        this.authentication = authentication;
        this.meters = meters;
    }

    @Override
    public void accept(HttpServerRoutes routes) {
        routes.get("/", open(page::index))
                .get("/index.html", open(page::index))
                .get("/health", open(status::health))
                .get("/metrics", secured(status::metrics))
                .get("/topics", secured(topics::list))
                .post("/topics", secured(topics::create))
                .get("/topics/{topic}", secured(topics::describe))
                .delete("/topics/{topic}", secured(topics::delete))
                .post("/topics/{topic}/records", secured(records::produce))
                .get("/topics/{topic}/partitions/{partition}/records", secured(records::read))
                .get("/groups", secured(groups::list))
                .get("/groups/{group}", secured(groups::describe))
                .delete("/groups/{group}", secured(groups::delete))
                .get("/ws/consume", upgrade(consume::handle))
                .get("/ws/produce", upgrade(produce::handle))
                .route(request -> true, secured(Router::notFound));
    }

    private static Mono<Void> notFound(HttpServerRequest req, HttpServerResponse res) {
        return Mono.error(new HttpProblem(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "no endpoint " + req.method() + " "
                + req.path() + ": see docs/http.md (GET /topics, POST /topics/{t}/records, GET /ws/consume?topic=…)"));
    }

    private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> open(
            BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler) {
        return guard(handler);
    }

    private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> secured(
            BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler) {
        return guard((req, res) -> {
            authentication.check(req, false);
            return handler.apply(req, res);
        });
    }

    /** A WebSocket endpoint: the token may also come as {@code token=}, and is checked before the upgrade. */
    private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> upgrade(
            BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler) {
        return guard((req, res) -> {
            authentication.check(req, true);
            return handler.apply(req, res);
        });
    }

    /** A handler whose failures, thrown or signalled, become its own JSON error answer. */
    private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> guard(
            BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler) {
        return (req, res) -> Mono.defer(() -> handler.apply(req, res))
                .onErrorResume(e -> res.hasSentHeaders() ? Mono.error(e) : Responses.error(res, e, meters));
    }
}
