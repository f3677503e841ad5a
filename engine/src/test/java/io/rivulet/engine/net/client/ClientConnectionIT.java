package io.rivulet.engine.net.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.rivulet.api.ServerAddress;
import io.rivulet.api.errors.ErrorCode;
import io.rivulet.api.errors.RivuletException;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.Frame;
import io.rivulet.engine.net.FrameDecoder;
import io.rivulet.engine.net.FrameEncoder;
import io.rivulet.engine.net.FrameHeader;
import io.rivulet.engine.net.FrameType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * A request's answer reaches its {@link Reply}; one not answered within request.timeout.ms fails as a
 * {@code TIMEOUT} and the connection closes, failing the others as disconnected; a reply handler that throws
 * does not take the connection down.
 */
class ClientConnectionIT {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int MAX_FRAME = 1 << 20;

    /** Answers each request with its id as a long, while {@link #answering}. */
    private final AtomicBoolean answering = new AtomicBoolean(true);
    private final DisposableServer server = TcpServer.create().host("127.0.0.1").port(0)
            .doOnConnection(c -> c.addHandlerLast("decoder", new FrameDecoder(MAX_FRAME))
                    .addHandlerLast("encoder", new FrameEncoder(MAX_FRAME)))
            .handle((in, out) -> out.sendObject(in.receiveObject().cast(Frame.class) // released by reactor-netty
                    .concatMap(f -> !answering.get() ? Mono.<Frame>empty() : Mono.just(new Frame(
                            FrameHeader.of(FrameType.RESPONSE, 0, f.streamId()),
                            out.alloc().buffer(8).writeLong(f.streamId()))))))
            .bindNow(Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        server.disposeNow(Duration.ofSeconds(10));
    }

    @Test
    void anAnswerReachesItsReplyAndNothingTimesOutAfterIt() throws Exception {
        ClientConnection c = connect();
        Answer first = new Answer();
        int id = c.request(ApiKey.LIST_TOPICS, b -> { }, ByteBuf::readLong, first);
        assertEquals(id, first.value.get(5, TimeUnit.SECONDS));
        Thread.sleep(TIMEOUT.toMillis() * 2);
        assertTrue(c.isOpen(), "an answered request never times out");
        assertEquals(42L, c.call(ApiKey.LIST_TOPICS, b -> { }, b -> 42L).block(Duration.ofSeconds(5)));
        c.close();
    }

    @Test
    void aLateAnswerFailsAsATimeoutAndClosesTheConnection() throws Exception {
        ClientConnection c = connect();
        answering.set(false);
        Answer late = new Answer();
        long start = System.nanoTime();
        c.request(ApiKey.PRODUCE, b -> { }, ByteBuf::readLong, late);
        Throwable error = late.error.get(10, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        RivuletException e = assertInstanceOf(RivuletException.class, error);
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("PRODUCE got no answer within request.timeout.ms=300"), e.getMessage());
        assertTrue(tookMs >= TIMEOUT.toMillis() && tookMs < TIMEOUT.toMillis() * 5, "timed out after " + tookMs + " ms");
        assertFalse(c.isOpen(), "the node is treated as gone");
        assertFalse(late.value.isDone());

        Answer after = new Answer();
        c.request(ApiKey.PRODUCE, b -> { }, ByteBuf::readLong, after);
        RivuletException closed = assertInstanceOf(RivuletException.class, after.error.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.DISCONNECTED, closed.code(), "a request on the closed connection fails at once");
    }

    @Test
    void aReplyThatThrowsLeavesTheConnectionWorking() throws Exception {
        ClientConnection c = connect();
        Answer thrower = new Answer() {
            @Override
            public void answered(Long value) {
                super.answered(value);
                throw new IllegalStateException("a handler's bug");
            }
        };
        c.request(ApiKey.LIST_TOPICS, b -> { }, ByteBuf::readLong, thrower);
        thrower.value.get(5, TimeUnit.SECONDS);
        Answer next = new Answer();
        int id = c.request(ApiKey.LIST_TOPICS, b -> { }, ByteBuf::readLong, next);
        assertEquals(id, next.value.get(5, TimeUnit.SECONDS));
        assertTrue(c.isOpen());
        c.close();
    }

    private ClientConnection connect() {
        return ClientConnection.connect(new ServerAddress("127.0.0.1", server.port()), null, MAX_FRAME, TIMEOUT)
                .block(Duration.ofSeconds(10));
    }

    private static class Answer implements Reply<Long> {
        final CompletableFuture<Long> value = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();

        @Override
        public void answered(Long v) {
            value.complete(v);
        }

        @Override
        public void failed(Throwable e) {
            error.complete(e);
        }
    }
}
