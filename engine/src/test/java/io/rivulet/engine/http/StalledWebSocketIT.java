package io.rivulet.engine.http;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that upgrades and then never reads, while 64 MB are produced: the server reads the log only
 * as far as the socket drains (a cursor, not a buffer), its heap stays flat, and after
 * {@code ws.stall.timeout.ms} it closes the socket with 4001 and the positions to resume from.
 */
class StalledWebSocketIT {
    private static final int RECORDS = 64_000;
    private static final int VALUE_BYTES = 1_000;

    @TempDir
    Path dir;
    HttpFixture fx;

    @BeforeEach
    void start() {
        fx = HttpFixture.start(dir, Map.of("ws.stall.timeout.ms", "2000"));
        fx.rivulet.admin().createTopic(NewTopic.of("big")).block();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aClientThatNeverReadsHoldsACursorNotABufferAndIsClosedAsTooFarBehind() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // before connect, so the window stays small
            socket.connect(new InetSocketAddress("127.0.0.1", fx.http.port()));
            InputStream in = socket.getInputStream();
            upgrade(socket.getOutputStream(), in, "/ws/consume?topic=big&from=earliest");

            long heapBefore = usedHeapAfterGc();
            byte[] value = "x".repeat(VALUE_BYTES).getBytes(StandardCharsets.US_ASCII);
            try (Producer<byte[], byte[]> producer = fx.rivulet.producer(ProducerOptions.of(Serdes.byteArray(), Serdes.byteArray()))) {
                producer.send(Flux.range(0, RECORDS).map(i -> ProducerRecord.<byte[], byte[]>of("big", value))).blockLast();
            }
            long heapGrowth = usedHeapAfterGc() - heapBefore; // while the socket is stalled
            long deadline = System.nanoTime() + HttpFixture.TIMEOUT.toNanos();
            while (fx.http.counters().closedTooFarBehind.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long pulled = fx.http.counters().recordsPulled.get();
            long written = fx.http.counters().recordsWritten.get();
            System.out.printf("stalled socket: produced %,d records (%,d MB), pulled from the log %,d, written %,d, "
                    + "heap growth %,d KiB%n", RECORDS, (long) RECORDS * VALUE_BYTES >> 20, pulled, written, heapGrowth >> 10);

            assertEquals(1, fx.http.counters().closedTooFarBehind.get(), "the too-far-behind policy fired");
            assertTrue(pulled < RECORDS / 4, "records pulled from the log " + pulled + " of " + RECORDS);
            assertTrue(heapGrowth < 32L << 20, "heap grew by " + (heapGrowth >> 20) + " MiB while 64 MB passed it by");

            // Read at once (within the second timeout): the frames the kernel and Netty held, in order, then the close.
            Frames frames = readUntilClose(new DataInputStream(in));
            assertEquals(4001, frames.closeCode, "close code; reason: " + frames.closeReason);
            Matcher m = Pattern.compile("from=positions:0=(\\d+)").matcher(frames.closeReason);
            assertTrue(m.find(), frames.closeReason);
            long resumeAt = Long.parseLong(m.group(1));
            assertTrue(resumeAt > 0 && resumeAt <= frames.records, "resume at " + resumeAt + ", received " + frames.records);
            assertTrue(frames.records < RECORDS / 4, "received " + frames.records);
        }
    }

    /** Sends the upgrade request and reads the 101 response's headers, and not a byte more. */
    private void upgrade(OutputStream out, InputStream in, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + fx.http.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (head.size() < 4 || !Arrays.equals(Arrays.copyOfRange(head.toByteArray(), head.size() - 4, head.size()), end)) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade: " + head);
            }
            head.write(b);
        }
        assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"), head.toString());
    }

    private record Frames(long records, int closeCode, String closeReason) {
    }

    /** Reads unmasked server frames (RFC 6455 §5.2) until a close frame or the end of the stream. */
    private static Frames readUntilClose(DataInputStream in) throws IOException {
        long records = 0;
        long expectedOffset = 0;
        while (true) {
            int b0;
            try {
                b0 = in.readUnsignedByte();
            } catch (EOFException e) {
                return new Frames(records, -1, "(connection dropped before a close frame)");
            }
            int opcode = b0 & 0x0f;
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (opcode == 0x8) {
                int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                return new Frames(records, code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
            }
            if (opcode == 0x1) {
                String text = new String(payload, StandardCharsets.UTF_8);
                assertTrue(text.contains("\"offset\":" + expectedOffset + ","), "in order: " + text.substring(0, 80));
                expectedOffset++;
                records++;
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
