package io.rivulet.engine.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rivulet.api.NewTopic;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing the listener frees its port, ends its sockets, closes their group members and stops its threads. */
class HttpListenerLifecycleIT {
    @TempDir
    Path dir;

    @Test
    void closeReleasesThePortTheSocketsTheirGroupMembersAndTheThreads() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Rivulet rivulet = Rivulet.embedded(dir)) {
            rivulet.admin().createTopic(NewTopic.of("t")).block();
            HttpListener http = HttpListener.start(rivulet, HttpSettings.defaults().withAddress("127.0.0.1", 0),
                    registry::scrape);
            int port = http.port();
            assertTrue(port > 0);
            TestSocket member = TestSocket.connect(HttpClient.newHttpClient(),
                    java.net.URI.create("ws://127.0.0.1:" + port + "/ws/consume?topic=t&group=g"));
            assertEquals(1, http.openGroupMembers());

            http.close();
            http.close(); // idempotent

            assertTrue(member.awaitClose() != null, "the client saw its socket close");
            assertEquals(0, http.openGroupMembers());
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress("127.0.0.1", port)); // the port is free again
            }
            long deadline = System.nanoTime() + HttpFixture.TIMEOUT.toNanos();
            while (httpThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, httpThreads(), "rivulet-http threads left running");
        }
    }

    @Test
    void aPortInUseIsAClearConfigError() throws Exception {
        try (Rivulet rivulet = Rivulet.embedded(dir);
             ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> HttpListener.start(rivulet,
                    HttpSettings.fromProperties(Map.of("http.port", String.valueOf(taken.getLocalPort()))), () -> ""));
            assertEquals("http.port", e.key());
            assertTrue(e.getMessage().contains("choose another http.port"), e.getMessage());
        }
    }

    private static long httpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rivulet-http")).count();
    }
}
