package io.rivulet.engine.net.server;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.net.ApiKey;
import io.rivulet.engine.net.FrameHeader;
import io.rivulet.engine.net.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random, truncated, oversized and well-framed-but-invalid input on real connections: the node never crashes,
 * answers or closes only the connection that sent it, and a bystander's stream and requests carry on.
 * Seeded; a failure prints its seed.
 */
class ProtocolFuzzIT {
    private static final int ROUNDS = 400;

    @TempDir
    Path dir;

    @Test
    void garbageOnOneConnectionNeverHurtsTheNodeOrItsOtherClients() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        try (TestNode node = TestNode.start(dir, 0); Rivulet bystander = node.connect()) {
            var producer = bystander.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
            List<Long> seen = new CopyOnWriteArrayList<>();
            Disposable stream = bystander.consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string()).build())
                    .read(new TopicPartition("steady", 0), StartAt.earliest())
                    .subscribe(r -> seen.add(r.offset()));
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    byte[] garbage = garbage(random);
                    try (Socket s = new Socket("127.0.0.1", node.server.port())) {
                        s.setSoTimeout(2_000);
                        s.getOutputStream().write(garbage);
                        s.getOutputStream().flush();
                        s.shutdownOutput();
                        drainUntilClosed(s.getInputStream());
                    } catch (IOException reset) {
                        // the node closing a connection that sent garbage is the expected outcome
                    }
                    if (round % 50 == 0) {
                        producer.send(ProducerRecord.of("steady", "round " + round)).block(Duration.ofSeconds(10));
                    }
                }
                int sent = ROUNDS / 50;
                ConnectionFaultsIT.await(() -> seen.size() == sent);
                assertEquals(sent, seen.size(), "seed " + seed);
                assertTrue(bystander.admin().listTopics().block(Duration.ofSeconds(10)).contains("steady"), "seed " + seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("fuzz failed with -Dfuzz.seed=" + seed, e);
            } finally {
                stream.dispose();
            }
        }
    }

    @Test
    void aFrameOverTheBoundIsAnsweredWithAnErrorSayingWhyBeforeTheClose() throws Exception {
        try (TestNode node = TestNode.start(dir, 0);
             Socket s = new Socket("127.0.0.1", node.server.port())) {
            s.setSoTimeout(5_000);
            new DataOutputStream(s.getOutputStream()).writeInt(Integer.MAX_VALUE); // claims 2 GiB
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            int length = in.readInt();
            byte[] frame = new byte[length];
            in.readFully(frame);
            io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(frame);
            assertEquals(FrameHeader.CURRENT_VERSION, buf.readUnsignedByte());
            assertEquals(FrameType.ERROR.code(), buf.readUnsignedByte());
            buf.skipBytes(2);
            assertEquals(0, buf.readInt(), "a connection-level error, on stream 0");
            var error = io.rivulet.engine.net.WireErrors.read(buf);
            assertEquals(io.rivulet.api.errors.ErrorCode.INVALID_REQUEST, error.code());
            assertTrue(error.getMessage().contains("socket.request.max.bytes"), error.getMessage());
            assertEquals(-1, in.read(), "then the node closes the connection");
        }
    }

    /** Reads what the node answers until it closes the connection; must not hang. */
    private static void drainUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // answers to what parsed (ERROR frames); the node closes after a protocol error or our FIN
            }
        } catch (SocketTimeoutException stillOpen) {
            // the node answered everything and waits for more: also fine, it is still serving
        }
    }

    private static byte[] garbage(Random random) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        switch (random.nextInt(7)) {
            case 0 -> out.write(randomBytes(random, random.nextInt(200)));              // noise
            case 1 -> out.writeInt(Integer.MAX_VALUE);                                 // claims 2 GiB
            case 2 -> out.writeInt(-1 - random.nextInt(1000));                         // negative length
            case 3 -> {                                                                // truncated frame
                out.writeInt(100);
                out.write(randomBytes(random, random.nextInt(99)));
            }
            case 4 -> frame(out, FrameHeader.CURRENT_VERSION, random.nextInt(256), random.nextInt(),
                    randomBytes(random, random.nextInt(64)));                          // any type, junk payload
            case 5 -> {                                                                // a request kind, junk body
                byte[] body = randomBytes(random, random.nextInt(64));
                byte[] payload = new byte[2 + body.length];
                int key = ApiKey.values()[random.nextInt(ApiKey.values().length)].code();
                payload[0] = (byte) (key >> 8);
                payload[1] = (byte) key;
                System.arraycopy(body, 0, payload, 2, body.length);
                frame(out, FrameHeader.CURRENT_VERSION, FrameType.REQUEST.code(), 1 + random.nextInt(100), payload);
            }
            default -> frame(out, random.nextInt(256), FrameType.STREAM_OPEN.code(), random.nextInt(),
                    randomBytes(random, random.nextInt(64)));                          // wrong versions, junk opens
        }
        return bytes.toByteArray();
    }

    private static void frame(DataOutputStream out, int version, int type, int streamId, byte[] payload)
            throws IOException {
        out.writeInt(FrameHeader.SIZE + payload.length);
        out.writeByte(version);
        out.writeByte(type);
        out.writeShort(0);
        out.writeInt(streamId);
        out.write(payload);
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
