package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocket produce: one answer per frame, in order; bad frames get an error and the socket stays open. */
class WebSocketProduceIT {
    @TempDir
    Path dir;
    HttpFixture fx;

    @BeforeEach
    void start() {
        fx = HttpFixture.start(dir);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void badFramesInTheMiddleAreAnsweredWithErrorsAndTheRestIsWritten() {
        try (TestSocket ws = TestSocket.connect(fx.client, fx.wsUri("/ws/produce?topic=live"))) {
            ws.send("{\"key\":\"a\",\"value\":\"first\"}");
            ws.send("{\"value\":");
            ws.sendBinary(new byte[] {1, 2, 3});
            ws.send("{\"value\":\"second\",\"headers\":{\"h\":\"1\"}}");
            ws.send("{\"vaule\":\"typo\"}");
            ws.send("{\"value\":\"third\",\"partition\":3}");
            ws.send("{\"value\":\"fourth\"}");

            List<JsonNode> answers = ws.next(7);
            for (int i = 0; i < 7; i++) {
                assertEquals(i, answers.get(i).get("seq").asLong(), "answers come in frame order");
            }
            assertEquals(0, answers.get(0).get("offset").asLong());
            assertEquals("BAD_REQUEST", answers.get(1).get("error").asText());
            assertTrue(answers.get(1).get("message").asText().contains("malformed JSON"));
            assertEquals("BAD_REQUEST", answers.get(2).get("error").asText());
            assertEquals(1, answers.get(3).get("offset").asLong());
            assertEquals("BAD_REQUEST", answers.get(4).get("error").asText());
            assertEquals("UNKNOWN_PARTITION", answers.get(5).get("error").asText());
            assertEquals(2, answers.get(6).get("offset").asLong());
            assertFalse(answers.get(6).has("error"));
        }
        JsonNode records = fx.get("/topics/live/partitions/0/records").json().get("records");
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(r.get("value").asText()));
        assertEquals(List.of("first", "second", "fourth"), values);
        assertEquals("1", records.get(1).get("headers").get(0).get("value").asText());
    }

    @Test
    void aProducedRecordReachesAConsumeSocket() {
        fx.postJson("/topics", "{\"name\":\"chat\"}");
        try (TestSocket consumer = TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=chat&from=latest"));
             TestSocket producer = TestSocket.connect(fx.client, fx.wsUri("/ws/produce?topic=chat"))) {
            producer.send("{\"key\":\"ann\",\"value\":\"hello\"}");
            assertEquals(0, producer.next().get("offset").asLong());
            JsonNode seen = consumer.next();
            assertEquals("ann", seen.get("key").asText());
            assertEquals("hello", seen.get("value").asText());
        }
    }

    @Test
    void aPlainGetOrAnInvalidTopicIsRefused() {
        assertEquals(400, fx.get("/ws/produce?topic=x").status());
        assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(TestSocket.Refused.class,
                () -> TestSocket.connect(fx.client, fx.wsUri("/ws/produce?topic=a%20b"))).status);
    }
}
