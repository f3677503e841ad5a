package io.rivulet.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.engine.net.Wire.FrameSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/** The codec in a real reactor-netty pipeline: an echo server on a free loopback port. */
class FrameCodecTcpIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private DisposableServer server;
    private final List<Connection> clients = new ArrayList<>();

    @BeforeEach
    void startEchoServer() {
        server = TcpServer.create()
                .host("127.0.0.1")
                .port(0)
                .doOnConnection(FrameCodecTcpIT::installCodec)
                // Inbound frames are released after onNext; the echo holds one more reference for the encoder.
                .handle((in, out) -> out.sendObject(in.receiveObject().cast(Frame.class).map(Frame::retain)))
                .bindNow(TIMEOUT);
    }

    @AfterEach
    void disposeAll() {
        clients.forEach(Connection::disposeNow);
        server.disposeNow(TIMEOUT);
    }

    @Test
    void framesOfEveryTypeComeBackWholeAndInOrder() throws Exception {
        Random random = new Random(7);
        List<FrameSpec> sent = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            FrameType type = FrameType.values()[i % FrameType.values().length];
            byte[] payload = new byte[random.nextInt(300)];
            random.nextBytes(payload);
            sent.add(new FrameSpec(type, random.nextInt(0x10000), i, payload));
        }
        byte[] large = new byte[1 << 20];
        random.nextBytes(large);
        sent.add(new FrameSpec(FrameType.STREAM_DATA, 0, 1_000, large));

        Connection client = connect();
        CompletableFuture<List<FrameSpec>> received = client.inbound().receiveObject().cast(Frame.class)
                .map(FrameSpec::copyOf).take(sent.size()).collectList().toFuture();
        client.outbound().sendObject(Flux.fromIterable(sent).map(FrameSpec::toFrame)).then().block(TIMEOUT);

        assertEquals(sent, received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void anOversizedFrameClosesOnlyTheConnectionThatSentIt() throws Exception {
        Connection offender = connect();
        Connection bystander = connect();

        // Reading is what lets the client see the server's close (reactor-netty reads only on demand).
        CompletableFuture<Void> offenderInbound = offender.inbound().receiveObject().then().toFuture();
        offender.outbound().sendByteArray(Mono.just(
                Wire.rawHeader(Integer.MAX_VALUE, 1, FrameType.REQUEST.code(), 0, 1))).then().block(TIMEOUT);
        offenderInbound.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        offender.onDispose().block(TIMEOUT);
        assertTrue(offender.isDisposed(), "the server closed the offending connection");

        FrameSpec ping = new FrameSpec(FrameType.PING, 0, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        CompletableFuture<FrameSpec> echoed = bystander.inbound().receiveObject().cast(Frame.class)
                .map(FrameSpec::copyOf).next().toFuture();
        bystander.outbound().sendObject(ping.toFrame()).then().block(TIMEOUT);
        assertEquals(ping, echoed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    private Connection connect() {
        Connection connection = TcpClient.create()
                .host("127.0.0.1")
                .port(server.port())
                .doOnConnected(FrameCodecTcpIT::installCodec)
                .connectNow(TIMEOUT);
        clients.add(connection);
        return connection;
    }

    private static void installCodec(Connection connection) {
        connection.addHandlerLast("rivulet-frame-decoder", new FrameDecoder())
                .addHandlerLast("rivulet-frame-encoder", new FrameEncoder());
    }
}
