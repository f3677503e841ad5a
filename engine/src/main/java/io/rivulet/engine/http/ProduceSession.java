package io.rivulet.engine.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.rivulet.api.ProducerRecord;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One WebSocket produce socket: each text frame is a record (the JSON of {@code POST …/records}, one
 * object), answered in order by one frame: {@code {"seq":n,"partition":p,"offset":o}} once written, or
 * {@code {"seq":n,"error":CODE,"message":…}}. {@code seq} counts the client's frames from 0. A bad
 * frame is answered with an error and the socket stays open.
 *
 * <p>Demand: at most {@code ws.produce.in.flight} records are being written at once; past that the
 * socket stops reading (reactor-netty turns auto-read off), so a fast client is slowed by TCP, never
 * buffered. Threading: frames are read on the socket's event loop; answers arrive on append threads.
 */
final class ProduceSession {
    private final WebsocketInbound in;
    private final WebsocketOutbound out;
    private final String topic;
    private final RecordSender sender;
    private final HttpSettings settings;
    private final HttpMeters meters;
    /** Whether the topic existed at the upgrade; if not, every send of this socket goes through one thread, in order. */
    private final boolean topicExists;
    private long seq; // confined to the event loop that reads the frames

    ProduceSession(WebsocketInbound in, WebsocketOutbound out, String topic, boolean topicExists, RecordSender sender,
                   HttpSettings settings, HttpMeters meters) {
        this.in = in;
        this.out = out;
        this.topic = topic;
        this.topicExists = topicExists;
        this.sender = sender;
        this.settings = settings;
        this.meters = meters;
    }

    Mono<Void> run() {
        return out.sendObject(in.aggregateFrames(settings.wsFrameMaxBytes()).receiveFrames()
                        .filter(f -> f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame)
                        .map(this::incoming) // copies the text now: the frame is released after this call
                        .flatMapSequential(this::answer, settings.wsProduceInFlight(), 1))
                .then();
    }

    private Incoming incoming(WebSocketFrame frame) {
        long n = seq++;
        return frame instanceof TextWebSocketFrame text ? new Incoming(n, text.text()) : new Incoming(n, null);
    }

    private Mono<WebSocketFrame> answer(Incoming frame) {
        return Mono.defer(() -> {
                    if (frame.text() == null) {
                        throw HttpProblem.badRequest("send each record as a JSON text frame, e.g. {\"key\":\"k\",\"value\":\"v\"}");
                    }
                    ProducerRecord<byte[], byte[]> record =
                            RecordJson.parse(Json.parse(frame.text().getBytes(StandardCharsets.UTF_8)), topic, "");
                    return sender.send(record, topicExists);
                })
                .map(meta -> {
                    Map<String, Object> ack = new LinkedHashMap<>();
                    ack.put("seq", frame.seq());
                    ack.putAll(Views.written(meta));
                    return text(Json.write(ack));
                })
                .onErrorResume(e -> {
                    ErrorBody error = ErrorMapping.map(e);
                    meters.error(error);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("seq", frame.seq());
                    body.put("error", error.error());
                    body.put("message", error.message());
                    return Mono.just(text(Json.write(body)));
                });
    }

    private static WebSocketFrame text(String json) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A client frame's number and text (null for a binary frame). */
    private record Incoming(long seq, String text) {
    }
}
