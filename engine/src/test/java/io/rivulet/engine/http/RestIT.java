package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.http.HttpFixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST endpoints over a real socket: each happy path and each error path. */
class RestIT {
    @TempDir
    Path dir;
    HttpFixture fx;

    @BeforeEach
    void start() {
        fx = HttpFixture.start(dir, Map.of("http.request.max.bytes", "65536"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void topicsAreCreatedListedDescribedAndDeleted() {
        Response created = fx.postJson("/topics", "{\"name\":\"orders\",\"partitions\":3,\"configs\":{\"retention.ms\":86400000}}");
        assertEquals(201, created.status(), created.body());
        assertEquals("application/json", created.contentType());
        assertEquals(3, created.json().get("partitions").size());
        assertEquals("86400000", created.json().get("configs").get("retention.ms").asText());

        assertEquals("[\"orders\"]", fx.get("/topics").json().get("topics").toString());
        JsonNode described = fx.get("/topics/orders").json();
        assertEquals("orders", described.get("topic").asText());
        assertEquals(0, described.get("partitions").get(2).get("endOffset").asLong());

        assertEquals(204, fx.delete("/topics/orders").status());
        Response gone = fx.get("/topics/orders");
        assertEquals(404, gone.status());
        assertEquals("UNKNOWN_TOPIC", gone.error());
        assertTrue(gone.json().get("message").asText().contains("orders"));
    }

    @Test
    void topicCreationErrorsSayWhatToChange() {
        assertEquals(201, fx.postJson("/topics", "{\"name\":\"a\"}").status());
        assertError(fx.postJson("/topics", "{\"name\":\"a\"}"), 409, "TOPIC_EXISTS");
        assertError(fx.postJson("/topics", "{\"name\":\"a b\"}"), 400, "INVALID_TOPIC");
        assertError(fx.postJson("/topics", "{\"name\":\"c\",\"configs\":{\"retention.ms\":\"soon\"}}"), 400, "INVALID_CONFIG");
        assertError(fx.postJson("/topics", "{\"name\":\"c\",\"partitions\":0}"), 400, "BAD_REQUEST");
        assertError(fx.postJson("/topics", "{\"nam\":\"c\"}"), 400, "BAD_REQUEST");
        assertError(fx.postJson("/topics", "{\"name\":"), 400, "BAD_REQUEST");
        assertError(fx.delete("/topics/nope"), 404, "UNKNOWN_TOPIC");
        assertEquals("[\"a\"]", fx.get("/topics").json().get("topics").toString(), "nothing half-made");
    }

    @Test
    void recordsPostedAsJsonComeBackFromABoundedRead() {
        fx.rivulet.admin().createTopic(NewTopic.of("t").withPartitions(2)).block();
        Response one = fx.postJson("/topics/t/records", "{\"key\":\"k\",\"value\":\"v0\",\"partition\":1,"
                + "\"headers\":{\"h\":\"x\"},\"timestamp\":1700000000000}");
        assertEquals(200, one.status(), one.body());
        assertEquals("{\"topic\":\"t\",\"offsets\":[{\"partition\":1,\"offset\":0}]}", one.body());

        StringBuilder array = new StringBuilder("[");
        for (int i = 1; i <= 9; i++) {
            array.append(i > 1 ? "," : "").append("{\"value\":\"v").append(i).append("\",\"partition\":1}");
        }
        JsonNode offsets = fx.postJson("/topics/t/records", array.append("]").toString()).json().get("offsets");
        assertEquals(9, offsets.size());
        assertEquals(9, offsets.get(8).get("offset").asLong());

        JsonNode page = fx.get("/topics/t/partitions/1/records?offset=3&limit=4").json();
        assertEquals(4, page.get("records").size());
        assertEquals("v3", page.get("records").get(0).get("value").asText());
        assertEquals(7, page.get("nextOffset").asLong());
        assertEquals(10, page.get("endOffset").asLong());

        JsonNode first = fx.get("/topics/t/partitions/1/records").json().get("records").get(0);
        assertEquals("k", first.get("key").asText());
        assertEquals(1_700_000_000_000L, first.get("timestamp").asLong());
        assertEquals("x", first.get("headers").get(0).get("value").asText());

        // A limit past the high watermark returns what is there at once, and an empty partition nothing.
        assertEquals(2, fx.get("/topics/t/partitions/1/records?offset=8&limit=1000").json().get("records").size());
        assertEquals(0, fx.get("/topics/t/partitions/0/records").json().get("records").size());
        assertEquals(0, fx.get("/topics/t/partitions/1/records?offset=10").json().get("records").size());
    }

    @Test
    void rawBytesArePostedWithTheKeyInTheQueryAndReadBackAsBase64() {
        byte[] value = {0, 1, (byte) 0xff, 'a'};
        Response r = fx.post("/topics/raw/records?key=sensor-1", "application/octet-stream", value);
        assertEquals(200, r.status(), r.body()); // the topic was created on first use, off the event loop
        JsonNode record = fx.get("/topics/raw/partitions/0/records").json().get("records").get(0);
        assertEquals("sensor-1", record.get("key").asText());
        assertEquals("base64", record.get("valueEncoding").asText());
        assertEquals(Base64.getEncoder().encodeToString(value), record.get("value").asText());
        JsonNode forced = fx.get("/topics/raw/partitions/0/records?encoding=base64").json().get("records").get(0);
        assertEquals("c2Vuc29yLTE=", forced.get("key").asText());
    }

    @Test
    void produceErrorsAffectOnlyTheirRequest() {
        fx.rivulet.admin().createTopic(NewTopic.of("t").withConfig("max.message.bytes", "2000")).block();
        assertError(fx.postJson("/topics/t/records", "{\"vaule\":\"x\"}"), 400, "BAD_REQUEST");
        assertError(fx.postJson("/topics/t/records", "{\"value\":\"x\",\"partition\":5}"), 404, "UNKNOWN_PARTITION");
        assertError(fx.postJson("/topics/t/records", "{\"value\":\"" + "x".repeat(5000) + "\"}"), 413, "RECORD_TOO_LARGE");
        assertError(fx.postJson("/topics/t/records", "[" + "{\"value\":\"x\"},".repeat(10_000) + "{}]"), 413,
                "REQUEST_TOO_LARGE");
        assertError(fx.post("/topics/t/records", "text/plain", "x".getBytes(StandardCharsets.UTF_8)), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertError(fx.postJson("/topics/bad%20name/records", "{\"value\":\"x\"}"), 400, "INVALID_TOPIC");
        Response ok = fx.postJson("/topics/t/records", "{\"value\":\"fine\"}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals(0, ok.json().get("offsets").get(0).get("offset").asLong(), "no failed record was written");
    }

    @Test
    void aSenderOfAnOversizedBodyReadsThe413InsteadOfAReset() {
        // 1 MiB against a 64 KiB bound: answering before the body is read and closing would reset the
        // connection under a client still sending, and it would never see the answer.
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < 5; i++) {
            assertError(fx.post("/topics/t/records", "application/octet-stream", big), 413, "REQUEST_TOO_LARGE");
        }
        Response chunked = fx.send(java.net.http.HttpRequest.newBuilder(fx.uri("/topics/t/records"))
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertError(chunked, 413, "REQUEST_TOO_LARGE");
        assertEquals(200, fx.postJson("/topics/t/records", "{\"value\":\"after\"}").status());
    }

    @Test
    void aFailureInTheMiddleOfAnArrayReportsTheOffsetsWrittenBeforeIt() {
        fx.rivulet.admin().createTopic(NewTopic.of("t").withConfig("max.message.bytes", "2000")).block();
        Response r = fx.postJson("/topics/t/records",
                "[{\"value\":\"a\"},{\"value\":\"b\"},{\"value\":\"" + "x".repeat(5000) + "\"}]");
        assertError(r, 413, "RECORD_TOO_LARGE");
        List<Long> written = new ArrayList<>();
        r.json().get("offsets").forEach(o -> written.add(o.get("offset").asLong()));
        assertEquals(List.of(0L, 1L), written);
    }

    @Test
    void readErrorsNameTheValidRange() {
        fx.rivulet.admin().createTopic(NewTopic.of("t").withPartitions(2)).block();
        fx.postJson("/topics/t/records", "{\"value\":\"a\",\"partition\":0}");
        assertError(fx.get("/topics/nope/partitions/0/records"), 404, "UNKNOWN_TOPIC");
        assertError(fx.get("/topics/t/partitions/2/records"), 404, "UNKNOWN_PARTITION");
        assertError(fx.get("/topics/t/partitions/x/records"), 400, "BAD_REQUEST");
        Response out = fx.get("/topics/t/partitions/0/records?offset=5");
        assertError(out, 400, "OFFSET_OUT_OF_RANGE");
        assertTrue(out.json().get("message").asText().contains("[0, 1)"), out.body());
        assertError(fx.get("/topics/t/partitions/0/records?limit=0"), 400, "BAD_REQUEST");
        assertError(fx.get("/topics/t/partitions/0/records?limit=1001"), 400, "BAD_REQUEST");
        assertError(fx.get("/topics/t/partitions/0/records?encoding=hex"), 400, "BAD_REQUEST");
    }

    @Test
    void groupsHealthMetricsAndUnknownPaths() {
        assertEquals("[]", fx.get("/groups").json().get("groups").toString());
        assertError(fx.get("/groups/nope"), 404, "UNKNOWN_GROUP");

        Response health = fx.get("/health");
        assertEquals(200, health.status());
        assertEquals("UP", health.json().get("status").asText());

        Counter.builder("rivulet.test.scrapes").register(fx.registry).increment(3);
        Response metrics = fx.get("/metrics");
        assertEquals(200, metrics.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType());
        assertTrue(metrics.body().contains("rivulet_test_scrapes_total 3.0"), metrics.body());

        assertError(fx.get("/nowhere"), 404, "NOT_FOUND");
        assertError(fx.get("/ws/consume?topic=t"), 400, "BAD_REQUEST"); // a plain GET on a WebSocket endpoint
        Response page = fx.get("/");
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertTrue(page.body().contains("/ws/consume"));
    }

    @Test
    void aGroupIsListedDescribedAndDeletedOnlyOnceItHasNoMembers() throws Exception {
        assertEquals(201, fx.postJson("/topics", "{\"name\":\"t\"}").status());
        assertEquals(200, fx.postJson("/topics/t/records", "[{\"value\":\"a\"},{\"value\":\"b\"}]").status());
        fx.rivulet.admin().alterGroupOffsets("audit", Map.of(new TopicPartition("t", 0), 1L)).block();

        assertEquals("[\"audit\"]", fx.get("/groups").json().get("groups").toString());
        JsonNode audit = fx.get("/groups/audit").json();
        assertEquals("EMPTY", audit.get("state").asText());
        assertEquals(0, audit.get("members").size());
        JsonNode p0 = audit.get("partitions").get(0);
        assertEquals(List.of(1L, 2L, 1L), List.of(p0.get("committedOffset").asLong(), p0.get("endOffset").asLong(),
                p0.get("lag").asLong()), audit.toString());

        Disposable member = fx.rivulet.consumer(ConsumerOptions
                        .builder(Serdes.string(), Serdes.string())
                        .groupId("audit").topics("t").build())
                .receive().subscribe();
        try {
            awaitMembers("audit", 1);
            assertError(fx.delete("/groups/audit"), 409, "GROUP_NOT_EMPTY");
        } finally {
            member.dispose();
        }
        awaitMembers("audit", 0);
        assertEquals(204, fx.delete("/groups/audit").status());
        assertError(fx.get("/groups/audit"), 404, "UNKNOWN_GROUP");
        assertError(fx.delete("/groups/audit"), 404, "UNKNOWN_GROUP");
        assertEquals("[]", fx.get("/groups").json().get("groups").toString());
    }

    private void awaitMembers(String group, int members) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fx.get("/groups/" + group).json().get("members").size() != members) {
            assertTrue(System.nanoTime() < deadline, group + " never had " + members + " member(s)");
            Thread.sleep(20);
        }
    }

    private static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/json", r.contentType(), r.body());
        assertEquals(code, r.error(), r.body());
        assertTrue(r.json().get("message").asText().length() > 10, r.body());
    }
}
