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
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocket consume as a group member: acks by the client or on write, commits seen in GET /groups/{g}. */
class GroupWebSocketIT {
    @TempDir
    Path dir;
    HttpFixture fx;

    @BeforeEach
    void start() {
        fx = HttpFixture.start(dir, Map.of("ws.group.commit.interval.ms", "0"));
        fx.rivulet.admin().createTopic(NewTopic.of("t")).block();
        Producer<String, String> producer = fx.rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        for (int i = 0; i < 5; i++) {
            producer.send(ProducerRecord.of("t", "v" + i)).block();
        }
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private TestSocket member(String query) {
        return TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=t&" + query));
    }

    @Test
    void clientAcksBecomeCommitsAndAReconnectResumesAfterThem() throws Exception {
        try (TestSocket ws = member("group=g&from=earliest&acks=client")) {
            assertEquals(5, ws.next(5).size());
            JsonNode group = awaitGroup(g -> g.get("members").size() == 1);
            assertEquals("t", group.get("members").get(0).get("assignment").get(0).get("topic").asText());

            ws.send("{\"ack\":{\"partition\":0,\"offset\":2}}"); // cumulative: 0, 1 and 2
            JsonNode committed = awaitGroup(g -> committedOffset(g) == 3);
            assertEquals(2, committed.get("partitions").get(0).get("lag").asLong());
        }
        awaitGroup(g -> g.get("members").isEmpty()); // closing the socket left the group
        try (TestSocket again = member("group=g&from=earliest&acks=client")) {
            assertEquals(3, again.next().get("offset").asLong(), "the unacknowledged records come again");
        }
    }

    @Test
    void byDefaultRecordsAreAcknowledgedOnceWrittenToTheSocket() {
        try (TestSocket ws = member("group=w&from=earliest")) {
            assertEquals(5, ws.next(5).size());
            awaitGroup("w", g -> committedOffset(g) == 5);
        }
    }

    @Test
    void aBadAckIsAnsweredWithAnErrorAndTheSocketGoesOn() throws Exception {
        try (TestSocket ws = member("group=b&from=earliest&acks=client")) {
            ws.next(5);
            ws.send("{\"ack\":{\"partition\":0}}");
            assertEquals("BAD_REQUEST", ws.next().get("error").asText());
            ws.send("{\"ack\":{\"partition\":0,\"offset\":99}}");
            JsonNode notDelivered = ws.next();
            assertEquals("INVALID_OFFSET", notDelivered.get("error").asText());
            assertTrue(notDelivered.get("message").asText().contains("not delivered"));
            ws.send("not json");
            assertEquals("BAD_REQUEST", ws.next().get("error").asText());

            fx.rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()))
                    .send(ProducerRecord.of("t", "later")).block();
            assertEquals("later", ws.next().get("value").asText());
            ws.send("{\"ack\":{\"partition\":0,\"offset\":5}}");
            awaitGroup("b", g -> committedOffset(g) == 6);
        }
    }

    @Test
    void groupOnlyFormsAreCheckedBeforeTheUpgrade() {
        assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(TestSocket.Refused.class,
                () -> member("group=g&from=offset:3")).status);
        assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(TestSocket.Refused.class,
                () -> member("group=g&partition=0")).status);
        assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(TestSocket.Refused.class,
                () -> member("group=g&acks=sometimes")).status);
        assertEquals(0, fx.http.openGroupMembers());
    }

    private static long committedOffset(JsonNode group) {
        JsonNode partitions = group.get("partitions");
        return partitions.isEmpty() ? -1 : partitions.get(0).get("committedOffset").asLong();
    }

    private JsonNode awaitGroup(Predicate<JsonNode> condition) throws InterruptedException {
        return awaitGroup("g", condition);
    }

    private JsonNode awaitGroup(String group, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + HttpFixture.TIMEOUT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpFixture.Response r = fx.get("/groups/" + group);
            if (r.status() == 200) {
                last = r.json();
                if (condition.test(last)) {
                    return last;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("group " + group + " never reached the state; last seen: " + last);
    }
}
