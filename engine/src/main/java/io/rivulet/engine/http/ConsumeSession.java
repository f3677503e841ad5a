package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.engine.metrics.ListenerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One WebSocket consume socket: streams records as JSON text frames, pulled by the socket's
 * writability, and closes the socket when its client falls too far behind.
 *
 * <h2>Demand</h2>
 * The frames go out through reactor-netty's {@code sendObject}, which requests a bounded number of
 * items (128 by default), refills only as writes complete, and stops writing before the channel would
 * hold more than {@code ws.write.buffer.bytes}. Between it and the log there are only bounded
 * prefetches ({@code ws.partition.prefetch} per partition), so a client that stops reading stops the
 * log reads: the server holds a cursor, not a buffer.
 *
 * <h2>Too far behind</h2>
 * A check every quarter of {@code ws.stall.timeout.ms} (at most every second) watches whether frames
 * are waiting and none gets written ({@link StallWatch}). Once that has lasted the whole timeout, the
 * session stops reading the log, drops the frames it holds, queues a close frame with code
 * {@value #TOO_FAR_BEHIND} and a reason saying how to resume ({@code from=positions:…}, or the group's
 * commits for a group socket), and drops the TCP connection if that frame is not written within another
 * timeout.
 *
 * <h2>Endings</h2>
 * The client closes (inbound completes); the record stream fails (an error frame, then close
 * {@value #STREAM_FAILED}); too far behind (above). The returned {@code Mono} completes in every case,
 * after the check is cancelled and the inbound released.
 *
 * <p>Threading: built and run on the socket's event loop; records arrive on the engine's fetch threads.
 */
final class ConsumeSession {
    /** Close code: the record stream failed; an error frame says why. */
    static final int STREAM_FAILED = 1011;
    /** Close code: the client fell too far behind; the reason says how to resume. */
    static final int TOO_FAR_BEHIND = 4001;
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeSession.class);

    /** How a delivered record is acknowledged. */
    enum Acks {
        /** Not at all: a read without a group. */
        NONE,
        /** When its frame is written to the socket. */
        WRITE,
        /** When the client sends {@code {"ack":{"partition":p,"offset":o}}}. */
        CLIENT
    }

    private final WebsocketInbound in;
    private final WebsocketOutbound out;
    private final Flux<ConsumerRecord<byte[], byte[]>> records;
    private final ConsumePositions positions;
    private final Supplier<String> tooFarBehindReason;
    private final boolean base64;
    private final Acks acks;
    private final ClientAcks clientAcks = new ClientAcks();
    private final HttpSettings settings;
    private final WsCounters counters;
    private final HttpMeters meters;
    private final String topic;
    private final AtomicReference<String> failure = new AtomicReference<>();
    /** Records taken from the log and record frames written, for the stall check. */
    private final AtomicLong pulled = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    /**
     * @param positions          advanced as record frames are written
     * @param tooFarBehindReason the close reason if the client falls too far behind: where to resume
     * @param meters             where the session reports its stream and the errors it sends
     * @param topic              the topic read, naming the stream in stall warnings
     */
    ConsumeSession(WebsocketInbound in, WebsocketOutbound out, Flux<ConsumerRecord<byte[], byte[]>> records,
                   ConsumePositions positions, Supplier<String> tooFarBehindReason, boolean base64, Acks acks,
                   HttpSettings settings, WsCounters counters, HttpMeters meters, String topic) {
        this.in = in;
        this.out = out;
        this.records = records;
        this.positions = positions;
        this.tooFarBehindReason = tooFarBehindReason;
        this.base64 = base64;
        this.acks = acks;
        this.settings = settings;
        this.counters = counters;
        this.meters = meters;
        this.topic = topic;
    }

    Mono<Void> run() {
        AtomicReference<Connection> connection = new AtomicReference<>();
        in.withConnection(connection::set);
        Connection conn = connection.get();
        Channel channel = conn.channel();
        if (channel.pipeline().get(FrameWrites.NAME) == null) {
            conn.addHandlerLast(FrameWrites.NAME, FrameWrites.INSTANCE);
        }

        Sinks.Empty<Void> stop = Sinks.empty();
        AtomicBoolean behind = new AtomicBoolean();
        StallWatch watch = new StallWatch(settings.wsStallTimeout().toNanos());
        ListenerMetrics.Stream stream = meters.websocket.streamOpened(topic + " to " + channel.remoteAddress());
        AtomicLong writtenAtLastCheck = new AtomicLong();
        long period = Math.max(5, Math.min(1000, settings.wsStallTimeout().toMillis() / 4));
        ScheduledFuture<?> check = channel.eventLoop().scheduleAtFixedRate(() -> {
            long written = this.written.get();
            reportWaiting(stream, pulled.get() - written, written != writtenAtLastCheck.getAndSet(written));
            if (watch.stalled(pulled.get() - written, written, System.nanoTime()) && behind.compareAndSet(false, true)) {
                closeTooFarBehind(channel, stop);
            }
        }, period, period, TimeUnit.MILLISECONDS);

        // Answers to the client's own frames (ack errors); bounded, and dropped when full rather than queued.
        Sinks.Many<WebSocketFrame> replies = Sinks.many().unicast().onBackpressureBuffer(Queues.<WebSocketFrame>get(16).get());
        Flux<WebSocketFrame> recordFrames = records
                .doOnNext(r -> {
                    pulled.incrementAndGet();
                    counters.recordsPulled.incrementAndGet();
                })
                .<WebSocketFrame>map(this::frame)
                .onErrorResume(e -> {
                    ErrorBody error = ErrorMapping.map(e);
                    meters.error(error);
                    failure.set(error.error());
                    return Mono.just(text(Json.error(error.error(), error.message())));
                })
                .doOnComplete(replies::tryEmitComplete);
        // The inbound is subscribed on its own and cancelled only at the very end: cancelling it makes
        // reactor-netty send a bare close frame, which would pre-empt the close code chosen below.
        Sinks.Empty<Void> clientGone = Sinks.empty();
        Disposable inbound = in.aggregateFrames(settings.wsFrameMaxBytes()).receiveFrames()
                .subscribe(frame -> onClientFrame(frame, replies), e -> clientGone.tryEmitEmpty(), clientGone::tryEmitEmpty);
        Flux<WebSocketFrame> frames = Flux.merge(settings.wsPartitionPrefetch(), recordFrames, replies.asFlux())
                .takeUntilOther(clientGone.asMono())
                .takeUntilOther(stop.asMono());

        return out.sendObject(frames).then()
                // After a too-far-behind close the frames still queued are refused (FrameWrites), which
                // fails the send: expected, and the socket then only waits to be closed.
                .onErrorResume(e -> behind.get() ? Mono.empty() : Mono.error(e))
                .then(Mono.defer(() -> {
                    if (behind.get()) {
                        return conn.onDispose();
                    }
                    return failure.get() == null ? Mono.<Void>empty()
                            : out.sendClose(STREAM_FAILED, failure.get()).onErrorResume(e -> Mono.empty());
                }))
                .doFinally(signal -> {
                    check.cancel(false);
                    inbound.dispose();
                    stream.close();
                });
    }

    /**
     * Frames that wait while none was written since the last check wait on the socket (the client reads
     * slower than the log is read); the node's stall watch warns when that lasts.
     */
    private static void reportWaiting(ListenerMetrics.Stream stream, long waiting, boolean progressed) {
        if (waiting > 0 && !progressed) {
            stream.waiting("socket");
        } else {
            stream.resumed();
        }
    }

    /**
     * Stops reading the log, queues the 4001 close frame behind the frames already handed to Netty (those
     * still waiting in the sender are dropped: nothing may follow a close frame), and drops the TCP
     * connection if the client has not taken it within another timeout.
     */
    private void closeTooFarBehind(Channel channel, Sinks.Empty<Void> stop) {
        counters.closedTooFarBehind.incrementAndGet();
        String reason = tooFarBehindReason.get();
        LOG.info("closing a WebSocket from {} that fell too far behind: {}", channel.remoteAddress(), reason);
        stop.tryEmitEmpty();
        out.sendClose(TOO_FAR_BEHIND, reason).subscribe(null, e -> { });
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, settings.wsStallTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private RecordFrame frame(ConsumerRecord<byte[], byte[]> record) {
        byte[] json = RecordJson.write(record, base64);
        int partition = record.partition();
        long offset = record.offset();
        if (acks == Acks.CLIENT) {
            clientAcks.delivered(partition, record.recordOffset());
        }
        boolean ackOnWrite = acks == Acks.WRITE;
        return new RecordFrame(Unpooled.wrappedBuffer(json), () -> {
            positions.written(partition, offset);
            written.incrementAndGet();
            counters.recordsWritten.incrementAndGet();
            if (ackOnWrite) {
                record.acknowledge();
            }
        });
    }

    /** A client frame: an ack with {@code acks=client}; anything else is answered with an error frame. */
    private void onClientFrame(WebSocketFrame frame, Sinks.Many<WebSocketFrame> replies) {
        if (!(frame instanceof TextWebSocketFrame textFrame)) {
            return; // pings and pongs are Netty's business; binary frames carry nothing we read
        }
        try {
            if (acks != Acks.CLIENT) {
                throw HttpProblem.badRequest("this socket acknowledges records as they are written; connect with "
                        + "group=…&acks=client to send acks");
            }
            JsonNode ack = Json.parse(textFrame.text().getBytes(StandardCharsets.UTF_8)).get("ack");
            if (ack == null || !ack.path("partition").canConvertToInt() || !ack.path("offset").isIntegralNumber()) {
                throw HttpProblem.badRequest("an ack frame is {\"ack\":{\"partition\":0,\"offset\":12}}");
            }
            clientAcks.ack(ack.get("partition").intValue(), ack.get("offset").longValue());
        } catch (RuntimeException e) {
            ErrorBody error = ErrorMapping.map(e);
            meters.error(error);
            replies.tryEmitNext(text(Json.error(error.error(), error.message())));
        }
    }

    private static TextWebSocketFrame text(String json) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }
}
