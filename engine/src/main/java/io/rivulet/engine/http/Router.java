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
 */
final class Router implements Consumer<HttpServerRoutes> {
    private final TopicsResource topics;
    private final RecordsResource records;
    private final GroupsResource groups;
    private final StatusResource status;
    private final PageResource page;
    private final ConsumeSocket consume;
    private final ProduceSocket produce;

    Router(TopicsResource topics, RecordsResource records, GroupsResource groups, StatusResource status,
           PageResource page, ConsumeSocket consume, ProduceSocket produce) {
        this.topics = topics;
        this.records = records;
        this.groups = groups;
        this.status = status;
        this.page = page;
        this.consume = consume;
        this.produce = produce;
    }

    @Override
    public void accept(HttpServerRoutes routes) {
        routes.get("/", guard(page::index))
                .get("/index.html", guard(page::index))
                .get("/health", guard(status::health))
                .get("/metrics", guard(status::metrics))
                .get("/topics", guard(topics::list))
                .post("/topics", guard(topics::create))
                .get("/topics/{topic}", guard(topics::describe))
                .delete("/topics/{topic}", guard(topics::delete))
                .post("/topics/{topic}/records", guard(records::produce))
                .get("/topics/{topic}/partitions/{partition}/records", guard(records::read))
                .get("/groups", guard(groups::list))
                .get("/groups/{group}", guard(groups::describe))
                .get("/ws/consume", guard(consume::handle))
                .get("/ws/produce", guard(produce::handle))
                .route(request -> true, guard(Router::notFound));
    }

    private static Mono<Void> notFound(HttpServerRequest req, HttpServerResponse res) {
        return Mono.error(new HttpProblem(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "no endpoint " + req.method() + " "
                + req.path() + ": see docs/http.md (GET /topics, POST /topics/{t}/records, GET /ws/consume?topic=…)"));
    }

    /** A handler whose failures, thrown or signalled, become its own JSON error answer. */
    static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> guard(
            BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler) {
        return (req, res) -> Mono.defer(() -> handler.apply(req, res))
                .onErrorResume(e -> res.hasSentHeaders() ? Mono.error(e) : Responses.error(res, e));
    }
}
