package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocket consume without a group: every start form, over a real socket. */
class WebSocketConsumeIT {
    @TempDir
    Path dir;
    HttpFixture fx;
    Producer<String, String> producer;

    @BeforeEach
    void start() {
        fx = HttpFixture.start(dir, Map.of("ws.sessions.max", "2"));
        fx.rivulet.admin().createTopic(NewTopic.of("t").withPartitions(2)).block();
        producer = fx.rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private void send(int partition, String... values) {
        for (String v : values) {
            producer.send(new ProducerRecord<>("t", partition, "k", v, null, io.rivulet.api.Headers.empty())).block();
        }
    }

    private TestSocket consume(String query) {
        return TestSocket.connect(fx.client, fx.wsUri("/ws/consume?" + query));
    }

    @Test
    void fromEarliestStreamsHistoryThenNewRecordsOfEveryPartition() {
        send(0, "a0", "a1", "a2");
        send(1, "b0", "b1");
        try (TestSocket ws = consume("topic=t&from=earliest")) {
            Set<String> values = new HashSet<>();
            ws.next(5).forEach(f -> values.add(f.get("value").asText()));
            assertEquals(Set.of("a0", "a1", "a2", "b0", "b1"), values);
            send(1, "b2");
            JsonNode live = ws.next();
            assertEquals("t", live.get("topic").asText());
            assertEquals(1, live.get("partition").asInt());
            assertEquals(2, live.get("offset").asLong());
            assertEquals("k", live.get("key").asText());
            assertEquals("b2", live.get("value").asText());
            assertTrue(live.get("timestamp").asLong() > 0);
            assertEquals(0, live.get("headers").size());
        }
    }

    @Test
    void fromLatestSkipsHistory() throws Exception {
        send(0, "old");
        try (TestSocket ws = consume("topic=t&from=latest")) {
            send(0, "new");
            assertEquals("new", ws.next().get("value").asText());
            assertNull(ws.poll(200));
        }
    }

    @Test
    void fromAnOffsetStartsThereInEveryPartitionOrOnlyTheOneNamed() {
        send(0, "a0", "a1", "a2");
        send(1, "b0", "b1", "b2");
        try (TestSocket ws = consume("topic=t&from=offset:2&partition=1")) {
            JsonNode f = ws.next();
            assertEquals(1, f.get("partition").asInt());
            assertEquals("b2", f.get("value").asText());
        }
        try (TestSocket ws = consume("topic=t&from=offset:1")) {
            Set<String> values = new HashSet<>();
            ws.next(4).forEach(f -> values.add(f.get("value").asText()));
            assertEquals(Set.of("a1", "a2", "b1", "b2"), values);
        }
    }

    @Test
    void fromATimeStartsAtTheFirstRecordStampedThenOrLater() {
        for (long ts : new long[] {1_000, 2_000, 3_000}) {
            producer.send(new ProducerRecord<>("t", 0, "k", "at-" + ts, ts, io.rivulet.api.Headers.empty())).block();
        }
        try (TestSocket ws = consume("topic=t&partition=0&from=time:1970-01-01T00:00:01.500Z")) {
            assertEquals(List.of("at-2000", "at-3000"), values(ws.next(2)));
        }
    }

    @Test
    void fromPositionsResumesEachPartitionWhereTheClientLeftOff() throws Exception {
        send(0, "a0", "a1", "a2");
        send(1, "b0", "b1");
        try (TestSocket ws = consume("topic=t&from=positions:0=2,1=1")) {
            Set<String> values = new HashSet<>();
            ws.next(2).forEach(f -> values.add(f.get("value").asText()));
            assertEquals(Set.of("a2", "b1"), values);
            assertNull(ws.poll(200), "nothing replayed");
        }
    }

    @Test
    void base64IsUsedWhenAskedAndForBytesThatAreNotText() {
        Producer<byte[], byte[]> bytes = fx.rivulet.producer(ProducerOptions.of(Serdes.byteArray(), Serdes.byteArray()));
        bytes.send(new ProducerRecord<>("t", 0, null, new byte[] {(byte) 0xff, 0}, null, io.rivulet.api.Headers.empty()))
                .block();
        send(0, "text");
        try (TestSocket ws = consume("topic=t&from=earliest&partition=0")) {
            JsonNode binary = ws.next();
            assertEquals("base64", binary.get("valueEncoding").asText());
            assertEquals("/wA=", binary.get("value").asText());
            assertEquals("text", ws.next().get("value").asText());
        }
        try (TestSocket ws = consume("topic=t&from=offset:1&partition=0&encoding=base64")) {
            assertEquals(Base64.getEncoder().encodeToString("text".getBytes()), ws.next().get("value").asText());
        }
    }

    @Test
    void badRequestsAreRefusedBeforeTheUpgrade() {
        send(0, "a0");
        assertEquals(404, assertThrows(TestSocket.Refused.class, () -> consume("topic=nope")).status);
        assertEquals(400, assertThrows(TestSocket.Refused.class, () -> consume("from=earliest")).status);
        assertEquals(400, assertThrows(TestSocket.Refused.class, () -> consume("topic=t&from=offset:9")).status);
        assertEquals(400, assertThrows(TestSocket.Refused.class, () -> consume("topic=t&from=yesterday")).status);
        assertEquals(404, assertThrows(TestSocket.Refused.class, () -> consume("topic=t&from=positions:7=0")).status);
        assertEquals(400, assertThrows(TestSocket.Refused.class, () -> consume("topic=t&acks=client")).status);
        assertEquals(0, fx.http.openSessions(), "refusals hold no session");
    }

    @Test
    void sessionsPastTheLimitAreRefusedWith429UntilOneCloses() throws Exception {
        TestSocket first = consume("topic=t");
        TestSocket second = consume("topic=t");
        TestSocket.Refused third = assertThrows(TestSocket.Refused.class, () -> consume("topic=t"));
        assertEquals(429, third.status);
        assertTrue(third.getMessage().contains("TOO_MANY_SESSIONS"), third.getMessage());
        first.close();
        second.close();
        long deadline = System.nanoTime() + HttpFixture.TIMEOUT.toNanos();
        while (fx.http.openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, fx.http.openSessions());
        try (TestSocket again = consume("topic=t&from=earliest")) {
            send(0, "x");
            assertEquals("x", again.next().get("value").asText());
        }
    }

    @Test
    void deletingTheTopicEndsTheStreamWithAnErrorFrameAndClose1011() throws Exception {
        try (TestSocket ws = consume("topic=t&from=earliest")) {
            send(0, "a");
            ws.next();
            fx.rivulet.admin().deleteTopic("t").block();
            JsonNode error = ws.next();
            assertTrue(error.has("error"), error.toString());
            TestSocket.Close close = ws.awaitClose();
            assertEquals(1011, close.code());
            assertEquals(error.get("error").asText(), close.reason());
        }
    }

    static List<String> values(List<JsonNode> frames) {
        return frames.stream().map(f -> f.get("value").asText()).toList();
    }
}
