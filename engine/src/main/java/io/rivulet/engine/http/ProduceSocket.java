package io.rivulet.engine.http;

import io.rivulet.api.TopicNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** {@code GET /ws/produce?topic=}: checks the request, then upgrades it to a {@link ProduceSession}. */
final class ProduceSocket {
    private final RecordSender sender;
    private final HttpSettings settings;
    private final SessionLimit sessions;
    private final HttpMeters meters;

    ProduceSocket(RecordSender sender, HttpSettings settings, SessionLimit sessions, HttpMeters meters) {
        this.sender = sender;
        this.settings = settings;
        this.sessions = sessions;
        this.meters = meters;
    }

    Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        Upgrades.requireWebSocket(req, "/ws/produce?topic=orders");
        String topic = TopicNames.validate(Query.of(req.uri()).required("topic", "topic=orders"));
        return sender.topicExists(topic).flatMap(exists -> {
            if (!sessions.tryAcquire()) {
                return Mono.error(Upgrades.tooManySessions(sessions));
            }
            Runnable end = Upgrades.once(sessions::release);
            return res.sendWebsocket((in, out) -> {
                        Runnable sessionEnd = Upgrades.session(meters.websocket);
                        return new ProduceSession(in, out, topic, exists, sender, settings, meters).run()
                                .doFinally(signal -> {
                                    sessionEnd.run();
                                    end.run();
                                });
                    }, Upgrades.spec(settings))
                    .doOnError(e -> end.run());
        });
    }
}
