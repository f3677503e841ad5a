package io.rivulet.engine.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.engine.http.HttpFixture.Response;
import io.rivulet.engine.testing.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS and the token on the HTTP and WebSocket listener: what works, and every way to get it wrong. */
class HttpSecurityIT {
    private static final String TOKEN = "s3cret-token";
    private static final String[] BEARER = {"Authorization", "Bearer " + TOKEN};

    @TempDir
    Path dir;

    @Test
    void httpsRoundTripCreatesATopicWritesARecordAndReadsItBack() throws Exception {
        SelfSigned cert = SelfSigned.create(dir);
        try (HttpFixture fx = HttpFixture.secured(dir.resolve("data"), null, cert.serverContext(), cert.clientContext())) {
            assertTrue(fx.uri("/").toString().startsWith("https://"));
            assertEquals(201, fx.postJson("/topics", "{\"name\":\"t\",\"partitions\":1}").status());
            Response written = fx.postJson("/topics/t/records", "{\"key\":\"k\",\"value\":\"over tls\"}");
            assertEquals(200, written.status(), written.body());
            JsonNode page = fx.get("/topics/t/partitions/0/records?offset=0").json();
            assertEquals("over tls", page.get("records").get(0).get("value").asText());
        }
    }

    @Test
    void wssConsumeReceivesARecord() throws Exception {
        SelfSigned cert = SelfSigned.create(dir);
        try (HttpFixture fx = HttpFixture.secured(dir.resolve("data"), null, cert.serverContext(), cert.clientContext())) {
            assertEquals(201, fx.postJson("/topics", "{\"name\":\"t\",\"partitions\":1}").status());
            fx.postJson("/topics/t/records", "{\"value\":\"v\"}");
            assertTrue(fx.wsUri("/").toString().startsWith("wss://"));
            try (TestSocket ws = TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=t&from=earliest"))) {
                assertEquals("v", ws.next().get("value").asText());
            }
        }
    }

    @Test
    void plainHttpAgainstTheTlsPortFails() throws Exception {
        SelfSigned cert = SelfSigned.create(dir);
        try (HttpFixture fx = HttpFixture.secured(dir.resolve("data"), null, cert.serverContext(), cert.clientContext())) {
            HttpClient plain = HttpClient.newBuilder().connectTimeout(HttpFixture.TIMEOUT).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.http.port() + "/health"))
                    .timeout(HttpFixture.TIMEOUT).build();
            assertThrows(IOException.class, () -> plain.send(request, HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void aMissingTokenIsRefusedWith401ABearerChallengeAndAJsonErrorSayingWhatToSend() {
        try (HttpFixture fx = HttpFixture.secured(dir, TOKEN, null, null)) {
            Response refused = fx.get("/topics");
            assertEquals(401, refused.status());
            assertEquals("Bearer", refused.wwwAuthenticate());
            assertTrue(refused.contentType().startsWith("application/json"), refused.contentType());
            assertEquals("AUTHENTICATION_FAILED", refused.error());
            assertTrue(refused.json().get("message").asText().contains("Authorization: Bearer <token>"), refused.body());
            assertEquals(401, fx.postJson("/topics", "{\"name\":\"t\"}").status());
            assertEquals(401, fx.get("/metrics").status());
            assertEquals(401, fx.get("/no/such/path").status(), "unknown paths reveal nothing without the token");
        }
    }

    @Test
    void aWrongTokenIsRefusedWith401AndLoggedWithThePeerButNeverEchoed() {
        Logger log = (Logger) LoggerFactory.getLogger(Authentication.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (HttpFixture fx = HttpFixture.secured(dir, TOKEN, null, null)) {
            Response wrong = fx.get("/topics", "Authorization", "Bearer not-the-token");
            ILoggingEvent warning = logged.list.get(0);
            assertEquals(Level.WARN, warning.getLevel());
            assertTrue(warning.getFormattedMessage().contains("127.0.0.1"), warning.getFormattedMessage());
            assertTrue(!warning.getFormattedMessage().contains("not-the-token"), warning.getFormattedMessage());
            assertEquals(401, wrong.status());
            assertEquals("Bearer", wrong.wwwAuthenticate());
            assertEquals("AUTHENTICATION_FAILED", wrong.error());
            assertTrue(!wrong.body().contains("not-the-token") && !wrong.body().contains(TOKEN), wrong.body());
            assertEquals(401, fx.get("/topics", "Authorization", "Basic " + TOKEN).status(), "only the Bearer scheme");
            assertEquals(401, fx.get("/topics?token=" + TOKEN).status(), "the query form is for WebSocket upgrades only");
        } finally {
            log.detachAppender(logged);
        }
    }

    @Test
    void theRightTokenIsAdmittedAndHealthAndThePageNeedNone() {
        try (HttpFixture fx = HttpFixture.secured(dir, TOKEN, null, null)) {
            assertEquals(200, fx.get("/topics", BEARER).status());
            assertEquals(200, fx.get("/topics", "Authorization", "bearer " + TOKEN).status(), "the scheme is case-insensitive");
            assertEquals(201, fx.postJson("/topics", "{\"name\":\"t\"}", BEARER).status());
            assertEquals(200, fx.get("/metrics", BEARER).status());
            assertEquals(200, fx.get("/health").status());
            assertEquals("UP", fx.get("/health").json().get("status").asText());
            assertEquals(200, fx.get("/").status());
            assertEquals(200, fx.get("/index.html").status());
        }
    }

    @Test
    void aWebSocketWithoutTheTokenIsRefusedWith401BeforeTheUpgrade() {
        try (HttpFixture fx = HttpFixture.secured(dir, TOKEN, null, null)) {
            fx.postJson("/topics", "{\"name\":\"t\"}", BEARER);
            TestSocket.Refused none = assertThrows(TestSocket.Refused.class,
                    () -> TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=t")));
            assertEquals(401, none.status);
            TestSocket.Refused wrong = assertThrows(TestSocket.Refused.class,
                    () -> TestSocket.connect(fx.client, fx.wsUri("/ws/produce?topic=t&token=wrong")));
            assertEquals(401, wrong.status);
            assertEquals(0, fx.http.openSessions());
        }
    }

    @Test
    void aWebSocketIsAdmittedWithTheTokenInTheQueryOrTheHeader() {
        try (HttpFixture fx = HttpFixture.secured(dir, TOKEN, null, null)) {
            fx.postJson("/topics", "{\"name\":\"t\",\"partitions\":1}", BEARER);
            fx.postJson("/topics/t/records", "{\"value\":\"v\"}", BEARER);
            try (TestSocket byQuery = TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=t&from=earliest&token=" + TOKEN))) {
                assertEquals("v", byQuery.next().get("value").asText());
            }
            try (TestSocket byHeader = TestSocket.connect(fx.client, fx.wsUri("/ws/consume?topic=t&from=earliest"), BEARER)) {
                assertEquals("v", byHeader.next().get("value").asText());
            }
            try (TestSocket produce = TestSocket.connect(fx.client, fx.wsUri("/ws/produce?topic=t&token=" + TOKEN))) {
                produce.send("{\"value\":\"w\"}");
                JsonNode ack = produce.next();
                assertNotNull(ack.get("offset"), ack.toString());
            }
        }
    }
}
